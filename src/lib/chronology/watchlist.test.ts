/**
 * The watchlist on a hand-worked extract, as-of 2024-06-30 (X9, the latest event), window
 * (2023-06-30, 2024-06-30]:
 *   W1: referrals 2024-01-10 police, 2024-03-05 health, 2024-05-20 education; no tool use;
 *       assessment AW1 started 2024-05-25 (its last event)                         -> listed, 3
 *   W2: referrals 2023-07-01 police, 2023-09-01 police, 2024-02-01 education, 2024-04-01 health;
 *       tool use 2023-05-01 (before the window)                                     -> listed, 4
 *   W3: three referrals in the window and a tool use 2024-02-01 inside it           -> not listed
 *   W4: referrals 2023-06-30 (= as-of minus 12 months: outside), 2023-10-01, 2024-01-01 -> 2, not listed
 *   W5: one referral X9 2024-06-30                                                  -> not listed
 * And the list is exactly the numerator of cumulative_concern_no_tool at the as-of date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { computeMetrics } from '../metrics/compute';
import { metricItems } from '../metrics/compute';
import { createTables } from '../../../tests/fixtures/metrics/typed-tables';
import { sortWatchlist, watchlist, watchlistCsv, type Watchlist } from './watchlist';

const ref = (id: string, child: string, date: string, agency: string) => [id, child, date, agency, true, null, null, null];

let engine: NodeEngine;
let w: Watchlist;
beforeAll(async () => {
  engine = await NodeEngine.create();
  await createTables(engine, {
    referrals: [
      ref('X1', 'W1', '2024-01-10', 'police'), ref('X2', 'W1', '2024-03-05', 'health'), ref('X3', 'W1', '2024-05-20', 'education'),
      ref('Y1', 'W2', '2023-07-01', 'police'), ref('Y2', 'W2', '2023-09-01', 'police'), ref('Y3', 'W2', '2024-02-01', 'education'), ref('Y4', 'W2', '2024-04-01', 'health'),
      ref('Z1', 'W3', '2023-08-01', 'police'), ref('Z2', 'W3', '2023-12-01', 'police'), ref('Z3', 'W3', '2024-03-01', 'police'),
      ref('V1', 'W4', '2023-06-30', 'health'), ref('V2', 'W4', '2023-10-01', 'health'), ref('V3', 'W4', '2024-01-01', 'health'),
      ref('X9', 'W5', '2024-06-30', 'police')
    ],
    assessments: [['AW1', 'W1', 'X3', '2024-05-25', null, null, null]],
    tool_uses: [
      ['TW2', 'W2', 'gcp2', '2023-05-01', 'health', [], null, null, null, null],
      ['TW3', 'W3', 'gcp2', '2024-02-01', 'health', [], null, null, null, null]
    ]
  });
  w = await watchlist(engine);
});
afterAll(async () => engine.close());

describe('watchlist', () => {
  it('lists the children meeting the pattern at the as-of date, most referred first', () => {
    expect(w.asOf).toBe('2024-06-30');
    expect(w.windowStart).toBe('2023-06-30');
    expect(w.rows).toEqual([
      { child_id: 'W2', referrals: 4, first_referral: '2023-07-01', last_referral: '2024-04-01', agencies: ['education', 'health', 'police'], last_event_date: '2024-04-01', last_event_table: 'referrals', last_event_id: 'Y4' },
      { child_id: 'W1', referrals: 3, first_referral: '2024-01-10', last_referral: '2024-05-20', agencies: ['education', 'health', 'police'], last_event_date: '2024-05-25', last_event_table: 'assessments', last_event_id: 'AW1' }
    ]);
  });
  it('is the numerator of cumulative_concern_no_tool at the as-of date', async () => {
    const ids = await metricItems(engine, 'cumulative_concern_no_tool', { grain: 'month', period: '2024-06' });
    expect(ids.numeratorIds).toEqual(['W1', 'W2']);
    expect(ids.denominatorIds).toEqual(['W1', 'W2', 'W3']);
    const r = await computeMetrics(engine, { ids: ['cumulative_concern_no_tool'], grains: ['month'], breakdowns: false });
    expect(r.metrics.find((m) => m.period === '2024-06')?.numerator).toBe(2);
  });
  it('sorts by any column, ties by child id', () => {
    expect(sortWatchlist(w.rows, 'referrals', 'asc').map((r) => r.child_id)).toEqual(['W1', 'W2']);
    expect(sortWatchlist(w.rows, 'last_event_date', 'desc').map((r) => r.child_id)).toEqual(['W1', 'W2']);
    expect(sortWatchlist(w.rows, 'child_id', 'desc').map((r) => r.child_id)).toEqual(['W2', 'W1']);
    expect(sortWatchlist(w.rows, 'agencies', 'asc').map((r) => r.child_id)).toEqual(['W1', 'W2']);
  });
  it('downloads as CSV', () => {
    expect(watchlistCsv(w, w.rows.slice(1))).toBe(
      '\uFEFFas_of,child_id,referrals_12m,first_referral,last_referral,agencies,last_event_date,last_event_table,last_event_id\r\n2024-06-30,W1,3,2024-01-10,2024-05-20,education;health;police,2024-05-25,assessments,AW1\r\n'
    );
  });
  it('without tool_uses the pattern cannot be judged', async () => {
    const e2 = await NodeEngine.create();
    await createTables(e2, { referrals: [ref('X1', 'W1', '2024-01-10', 'police')] });
    expect(await watchlist(e2)).toMatchObject({ hasTools: false, rows: [] });
    await e2.close();
  });
});
