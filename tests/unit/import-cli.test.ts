import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/imports';
import { PASSPHRASE } from '../fixtures/imports/ids';
import { annexAWorkbook, PLANTED } from '../fixtures/imports/annex-a';

const ROOT = process.cwd();
const FIX = join(ROOT, 'tests/fixtures/imports');
function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8'
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'nm-import-'));
const passFile = (text = PASSPHRASE + '\r\n') => {
  const f = join(tmp(), 'pass.txt');
  writeFileSync(f, text);
  return f;
};

describe('npm run import', () => {
  it('writes the tables and import-report.json; exit 1 when an element was rejected; same bytes as the in-process import', async () => {
    const src = tmp();
    copyFileSync(join(FIX, 'census-2024.xml'), join(src, 'census-2024.xml'));
    writeFileSync(join(src, 'notes.txt'), 'not a source');
    const out = join(tmp(), 'out');
    const r = run('import.ts', ['--from', src, '--from', join(FIX, 'census-2025.xml'), '--passphrase-file', passFile(), '--out', out, '--today', '2025-06-30']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['assessments.csv', 'children.csv', 'episodes.csv', 'import-report.json', 'referrals.csv']);
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
    expect(Object.keys(report)).toEqual(['fingerprint', 'passphrase_warning', 'sources', 'tables', 'not_in_source', 'readings', 'problems']);
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'notes.txt', effect: 'not used' }));
    // parity: the browser's code path (importFiles) gives the same files
    const mem = await importFiles(
      ['census-2024.xml', 'census-2025.xml'].map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(FIX, n))) })),
      { passphraseText: PASSPHRASE, today: '2025-06-30' }
    );
    for (const f of mem.files) expect(readFileSync(join(out, f.name), 'utf8')).toBe(f.text);
    for (const n of Object.values(PLANTED)) expect(r.stdout.includes(n)).toBe(false);
  });

  it('exit 0 for a clean import; Annex A with --locality keeps a locality column', () => {
    const src = tmp();
    writeFileSync(join(src, 'annex.xlsx'), annexAWorkbook([3, 4, 5, 6, 7]));
    const out = join(tmp(), 'out');
    // the workbook has two rejected List 3 rows: exit 1; census-2025 alone is clean: exit 0
    expect(run('import.ts', ['--from', src, '--passphrase-file', passFile(), '--out', out, '--locality', 'North', '--today', '2025-06-30']).status).toBe(1);
    expect(readFileSync(join(out, 'children.csv'), 'utf8').split('\n')[0]).toBe('child_id,birth_month,sex,ethnicity,disability,locality');
    const clean = run('import.ts', ['--from', join(FIX, 'census-2025.xml'), '--passphrase-file', passFile(), '--out', join(tmp(), 'o'), '--today', '2025-06-30']);
    expect(clean.status).toBe(0);
  });

  it('exit 2 on misuse: no passphrase file, an empty passphrase, no --out, a missing path', () => {
    const f = join(FIX, 'census-2025.xml');
    expect(run('import.ts', ['--from', f, '--out', tmp()]).status).toBe(2);
    const empty = run('import.ts', ['--from', f, '--passphrase-file', passFile('\n'), '--out', tmp()]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/passphrase is empty/);
    expect(run('import.ts', ['--from', f, '--passphrase-file', passFile()]).status).toBe(2);
    expect(run('import.ts', ['--from', join(FIX, 'nope'), '--passphrase-file', passFile(), '--out', tmp()]).status).toBe(2);
  });
});

describe('metrics and validate with census files in --data', () => {
  const data = tmp();
  copyFileSync(join(FIX, 'census-2025.xml'), join(data, 'census-2025.xml'));
  mkdirSync(join(data, 'x'), { recursive: true });
  it('exit 2 naming the files without --passphrase-file', () => {
    const r = run('metrics.ts', ['--data', data]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/census-2025\.xml is a census or Annex A file: give --passphrase-file/);
    expect(run('validate.ts', ['--data', data]).status).toBe(2);
  });
  it('imports in memory beside contract files: a table from both loads as two parts', () => {
    writeFileSync(join(data, 'referrals.partner.csv'), 'referral_id,child_id,referral_date,referrer_agency,neglect_concern\nP1,K1,2024-10-01,police,true\n');
    const r = run('validate.ts', ['--data', data, '--passphrase-file', passFile(), '--json', '--today', '2025-06-30']);
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.tables.referrals.parts.map((p: { file: string; loaded: number }) => [p.file, p.loaded])).toEqual([
      ['referrals.census.csv', 3],
      ['referrals.partner.csv', 1]
    ]);
    expect(rep.import.fingerprint).toBe('315b3243');
    const m = run('metrics.ts', ['--data', data, '--passphrase-file', passFile()]);
    expect(m.status).toBe(0);
    const doc = JSON.parse(m.stdout);
    expect(doc.tables.referrals).toEqual({ read: 4, loaded: 4, rejected: 0 });
    // the partner file records no decision date either: decision measures are not in source
    expect(doc.not_in_source).toContainEqual({ metric: 'decision_wd', dimension: null, fields: ['referrals.decision_date'] });
    expect(doc.metrics.some((x: { metric: string }) => x.metric === 'decision_wd')).toBe(false);
    expect(doc.not_in_source).toContainEqual({ metric: 'closure_without_change', dimension: null, fields: ['episodes.closure_reason'] });
  });
});
