/** The validate command line: report as text or JSON, exit codes 0 / 1 / 2. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const BAD = join(ROOT, 'tests/fixtures/bad');

function run(...args: string[]) {
  const r = spawnSync(TSX, ['scripts/validate.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run validate', () => {
  it('exits 0 and says so when everything loaded', () => {
    const r = run('--data', join(BAD, '01-bom'), '--today', '2024-06-30');
    expect(r.code).toBe(0);
    expect(r.out).toContain('referrals: read 2, loaded 2, rejected 0');
    expect(r.out).toContain('Everything loaded.');
  });

  it('prints one JSON document and exits 1 when rows were rejected', () => {
    const r = run('--data', join(BAD, '24-parts-repeated-id'), '--json', '--today', '2024-06-30');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.tables.referrals.read).toBe(4);
    expect(j.tables.referrals.loaded).toBe(3);
    expect(j.tables.referrals.rejected).toBe(1);
    expect(j.tables.referrals.parts).toHaveLength(2);
    expect(j.refused).toEqual([]);
    expect(j.rejections).toEqual([
      {
        file: 'referrals.south.csv',
        line: 2,
        column: 'referral_id',
        value: 'R1',
        reason: 'referral_id already used by referrals.north.csv line 2'
      }
    ]);
  });

  it('exits 1 when a file is refused', () => {
    const r = run('--data', join(BAD, '21-nhs-in-id'), '--today', '2024-06-30');
    expect(r.code).toBe(1);
    expect(r.out).toContain("children.csv: children.csv refused: column 'child_id' holds what look like NHS numbers");
  });

  it('exits 2 when misused', () => {
    expect(run().code).toBe(2);
    expect(run('--data').code).toBe(2);
    expect(run('--data', join(BAD, '01-bom'), '--verbose').code).toBe(2);
    expect(run('--data', join(BAD, '01-bom'), '--today', '31/12/2024').code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'nm-cli-'));
    const f = join(dir, 'x.csv');
    writeFileSync(f, 'a\n');
    const r = run('--data', f);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a directory');
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a message and exit 2 for a date that does not exist', () => {
    const r = run('--data', join(BAD, '01-bom'), '--today', '2024-02-30');
    expect(r.code).toBe(2);
    expect(r.err).toContain("--today must be a real date written YYYY-MM-DD, not '2024-02-30'");
  });

  it('reads a file with a legal 250-byte name (no ENAMETOOLONG)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nm-cli-'));
    const name = 'referrals.' + 'x'.repeat(236) + '.csv';
    expect(Buffer.byteLength(name)).toBe(250);
    writeFileSync(join(dir, name), 'referral_id,child_id,referral_date,referrer_agency,neglect_concern\nR1,C1,2024-01-05,police,yes\n');
    const r = run('--data', dir, '--today', '2024-06-30');
    rmSync(dir, { recursive: true, force: true });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('referrals: read 1, loaded 1, rejected 0');
  });

  it('says why a load with no loaded referral was not used, exit 1', () => {
    const r = run('--data', join(BAD, '17-header-only'), '--today', '2024-06-30');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Not loaded: No referral was loaded: the referrals file has a header but no rows.');
  });
});
