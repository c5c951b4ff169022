/**
 * A 1,000,000-row (about 50 MB) referrals CSV, generated at test time (not committed): every row is
 * accounted for. Counts only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeEngine } from '../../src/lib/engine/node';
import { loadExtract } from '../../src/lib/ingest/index';

const N = 1_000_000;
let dir: string;
let engine: NodeEngine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nm-large-'));
  const lines = ['referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date'];
  for (let i = 0; i < N; i++) {
    // every 1000th row (i = 0, 1000, ...) has an impossible date: 1000 rows rejected
    const date = i % 1000 === 0 ? '2024-02-30' : `2024-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')}`;
    lines.push(`R${i},C${i % 250_000},${date},${i % 2 ? 'police' : '3A'},${i % 3 ? 'yes' : 'no'},2024-12-01,nfa,`);
  }
  writeFileSync(join(dir, 'referrals.csv'), lines.join('\n') + '\n');
  engine = await NodeEngine.create();
}, 120_000);

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a large extract', () => {
  it('loads 1,000,000 rows: 999,000 loaded + 1,000 rejected', async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, 'referrals.csv')));
    expect(bytes.length).toBeGreaterThan(45_000_000);
    const t0 = performance.now();
    const r = await loadExtract(engine, [{ name: 'referrals.csv', bytes }], { today: '2024-12-31' });
    const ms = performance.now() - t0;
    console.log(`loadExtract, ${N} rows, ${(bytes.length / 1e6).toFixed(0)} MB: ${ms.toFixed(0)} ms`);
    expect(r.tables.referrals).toMatchObject({ read: N, loaded: N - 1000, rejected: 1000 });
    expect(r.rejections).toHaveLength(1000);
    expect(await engine.query('SELECT count(*) AS n FROM referrals')).toEqual([{ n: N - 1000 }]);
  }, 120_000);
});
