/**
 * fetchRows answers from the extract's filter cube once one is attached to the engine, with the
 * same rows as the direct SQL, and falls back to the direct SQL for what the cube does not cover.
 * On duckdb-wasm (the browser's engine, run in Node), on the hand-worked referral fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmNodeEngine } from '$lib/engine/wasm-node';
import type { Engine } from '$lib/engine/types';
import { attachCube, buildCube, detachCube } from '$lib/cube';
import { createTables } from '../../../tests/fixtures/metrics/typed-tables';
import { REFERRAL_FIXTURE } from '../../../tests/fixtures/metrics/referrals-fixture';
import { fetchRows, publicationQuery, type RowsQuery } from './queries';

let engine: Engine;
beforeAll(async () => {
  engine = await createWasmNodeEngine();
  await createTables(engine, REFERRAL_FIXTURE);
});
afterAll(async () => engine.close());

const FILTERED: RowsQuery = {
  ids: ['referrals', 'decision_wd', 'nfa_rate', 'awaiting_decision'],
  grains: ['quarter', 'month'],
  breakdowns: ['locality'],
  filters: { agency: ['police', 'health'], neglect: true }
};

describe('fetchRows with the filter cube (duckdb-wasm)', () => {
  it('gives the direct rows from the cube, and still answers with the items gone', { timeout: 120_000 }, async () => {
    const direct = await fetchRows(engine, FILTERED);
    const publication = await fetchRows(engine, publicationQuery({ agency: ['police'] }));
    attachCube(engine, await buildCube(engine));
    try {
      // Hand-worked: police or health, neglect: B1 (2024-01-10) in 2023-24 Q4, 9 (2023-06-01) in
      // 2023-24 Q1, R14 (2024-05-15) in 2024-25 Q1, R01 (2023-02-28) in 2022-23 Q4.
      const count = (rows: typeof direct.rows, period: string): unknown =>
        rows.find((r) => r.metric === 'referrals' && r.period === period && r.dimension === null)?.value;
      expect(['2022-23 Q4', '2023-24 Q1', '2023-24 Q4', '2024-25 Q1'].map((p) => count(direct.rows, p))).toEqual([1, 1, 1, 1]);
      // The cube alone answers: the referrals table is out of reach, so the direct SQL could not.
      await engine.exec('ALTER TABLE referrals RENAME TO referrals_away');
      try {
        const fromCube = await fetchRows(engine, FILTERED);
        expect(fromCube).toEqual(direct);
        expect(await fetchRows(engine, publicationQuery({ agency: ['police'] }))).toEqual(publication);
        // A filter on a dimension the cube does not hold goes to the direct SQL, which now finds no
        // referrals at all.
        expect(await fetchRows(engine, { ...FILTERED, filters: { postcode: ['X'] } })).toEqual({ asOf: null, rows: [] });
      } finally {
        await engine.exec('ALTER TABLE referrals_away RENAME TO referrals');
      }
    } finally {
      detachCube(engine);
    }
    expect(await fetchRows(engine, FILTERED)).toEqual(direct);
  });
});
