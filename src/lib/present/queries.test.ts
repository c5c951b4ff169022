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
  it('gives the direct rows from the cube the session builds, and still answers with the items gone', { timeout: 120_000 }, async () => {
    const direct = await fetchRows(engine, FILTERED);
    const byAgency = { ...FILTERED, breakdowns: ['agency'], filters: { locality: ['North'], neglect: true } };
    const directByAgency = await fetchRows(engine, byAgency);
    // As the session builds it: roll-ups only (the page filters and one breakdown at a time).
    attachCube(engine, await buildCube(engine, undefined, { full: false }));
    try {
      // Hand-worked: police or health, neglect: B1 (2024-01-10) in 2023-24 Q4, 9 (2023-06-01) in
      // 2023-24 Q1, R14 (2024-05-15) in 2024-25 Q1, R01 (2023-02-28) in 2022-23 Q4.
      const count = (rows: typeof direct.rows, period: string): unknown =>
        rows.find((r) => r.metric === 'referrals' && r.period === period && r.dimension === null)?.value;
      expect(['2022-23 Q4', '2023-24 Q1', '2023-24 Q4', '2024-25 Q1'].map((p) => count(direct.rows, p))).toEqual([1, 1, 1, 1]);
      // The cube alone answers: the referrals table is out of reach, so the direct SQL could not.
      await engine.exec('ALTER TABLE referrals RENAME TO referrals_away');
      try {
        expect(await fetchRows(engine, FILTERED)).toEqual(direct);
        expect(await fetchRows(engine, byAgency)).toEqual(directByAgency);
        // Filtered by one child dimension and broken down by another, beyond the page filters: not
        // in this cube, so the direct SQL answers, which now finds no referrals at all.
        const beyond = { ...FILTERED, breakdowns: ['sex'], filters: { age_band: ['0-4'] } };
        expect(await fetchRows(engine, beyond)).toEqual({ asOf: null, rows: [] });
        // Every breakdown at once (the publication form's question): not in this cube either.
        expect(await fetchRows(engine, publicationQuery({ agency: ['police'] }))).toEqual({ asOf: null, rows: [] });
      } finally {
        await engine.exec('ALTER TABLE referrals_away RENAME TO referrals');
      }
    } finally {
      detachCube(engine);
    }
    expect(await fetchRows(engine, FILTERED)).toEqual(direct);
  });

  it('gives the publication form its full row set from a cube with its full tables', { timeout: 120_000 }, async () => {
    const direct = await fetchRows(engine, publicationQuery({ agency: ['police'] }));
    expect(direct.rows.some((r) => r.metric === 'referrals' && r.dimension === 'sex')).toBe(true);
    attachCube(engine, await buildCube(engine));
    try {
      await engine.exec('ALTER TABLE referrals RENAME TO referrals_away');
      try {
        expect(await fetchRows(engine, publicationQuery({ agency: ['police'] }))).toEqual(direct);
      } finally {
        await engine.exec('ALTER TABLE referrals_away RENAME TO referrals');
      }
    } finally {
      detachCube(engine);
    }
  });
});
