/**
 * The rows behind a point with their children and dates, on the chronology family
 * (tests/fixtures/chronology/), worked by hand; and the same ids as the audit list (metricItems).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { loadExtract } from '../ingest';
import { readExtractDir } from '../ingest/files-node';
import { metricItems } from '../metrics/compute';
import { pointRows, pointRowsCsv } from './audit-rows';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
  await loadExtract(engine, readExtractDir('tests/fixtures/chronology').filter((f) => f.name.endsWith('.csv')));
});
afterAll(async () => engine.close());

describe('pointRows', () => {
  it('re-referrals in 2022-23 Q4: R1, R2 (re-referral of R1), R6, R7 with their children and referral dates', async () => {
    const rows = await pointRows(engine, 'rereferral_12m', { grain: 'quarter', period: '2022-23 Q4' });
    expect(rows).toEqual([
      { item_id: 'R1', child_id: 'K1', date: '2023-01-09', numerator: false },
      { item_id: 'R2', child_id: 'K1', date: '2023-03-06', numerator: true },
      { item_id: 'R6', child_id: 'K2', date: '2023-03-06', numerator: false },
      { item_id: 'R7', child_id: 'K3', date: '2023-02-01', numerator: false }
    ]);
    const ids = await metricItems(engine, 'rereferral_12m', { grain: 'quarter', period: '2022-23 Q4' });
    expect(rows.map((r) => r.item_id)).toEqual(ids.denominatorIds);
    expect(rows.filter((r) => r.numerator).map((r) => r.item_id)).toEqual(ids.numeratorIds);
  });
  it('honours a filter (agency police: R1 only)', async () => {
    const rows = await pointRows(engine, 'rereferral_12m', { grain: 'quarter', period: '2022-23 Q4', filters: { agency: ['police'] } });
    expect(rows.map((r) => r.item_id)).toEqual(['R1']);
  });
  it('a snapshot gives the period end: R4 awaits a decision at 2024-03-31', async () => {
    expect(await pointRows(engine, 'awaiting_decision', { grain: 'quarter', period: '2023-24 Q4' })).toEqual([
      { item_id: 'R4', child_id: 'K1', date: '2024-03-31', numerator: false }
    ]);
  });
  it('cumulative concern: K1 at 2023-08-31 (R1, R2, R3 in 12 months, no tool yet); by 2023-09-30 T1 was used', async () => {
    expect(await pointRows(engine, 'cumulative_concern_no_tool', { grain: 'month', period: '2023-08' })).toEqual([
      { item_id: 'K1', child_id: 'K1', date: '2023-08-31', numerator: true }
    ]);
    expect(await pointRows(engine, 'cumulative_concern_no_tool', { grain: 'month', period: '2023-09' })).toEqual([
      { item_id: 'K1', child_id: 'K1', date: '2023-09-30', numerator: false }
    ]);
  });
  it('writes the CSV an analyst downloads', () => {
    const csv = pointRowsCsv('rereferral_12m', '2022-23 Q4', [{ item_id: 'R2', child_id: 'K1', date: '2023-03-06', numerator: true }], true);
    expect(csv).toBe('\uFEFFmetric,period,item_id,child_id,date,in_numerator\r\nrereferral_12m,2022-23 Q4,R2,K1,2023-03-06,true\r\n');
  });
});
