/**
 * Tool metrics, cumulative concern and the extra `referrals` count on
 * tests/fixtures/metrics/tools-fixture.ts. as-of = 2024-07-17 (U4, the latest event date);
 * earliest referral 2024-01-05: quarters 2023-24 Q4, 2024-25 Q1, 2024-25 Q2 (partial, E = 2024-07-17).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { computeMetrics, metricItems } from './compute';
import type { MetricRow } from './types';
import { createTables } from '../../../tests/fixtures/metrics/typed-tables';
import { TOOLS_FIXTURE } from '../../../tests/fixtures/metrics/tools-fixture';
import { ndv, pick } from '../../../tests/fixtures/metrics/rows';

let engine: NodeEngine;
let rows: MetricRow[];

beforeAll(async () => {
  engine = await NodeEngine.create();
  await createTables(engine, TOOLS_FIXTURE);
  const r = await computeMetrics(engine, { includeExtra: true });
  expect(r.as_of).toBe('2024-07-17');
  rows = r.metrics;
});
afterAll(async () => engine.close());

const Q = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'quarter', period, dim, group);
const M = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'month', period, dim, group);

describe('tool_uses', () => {
  it('counts uses by completed_date', () => {
    expect(ndv(Q('tool_uses', '2023-24 Q4'))).toEqual([null, null, 2]); // U1, U3
    expect(ndv(Q('tool_uses', '2024-25 Q1'))).toEqual([null, null, 4]); // U5, U6, U7, U8
    expect(Q('tool_uses', '2024-25 Q2')).toMatchObject({ value: 2, partial: true, complete: true }); // U2, U4
    expect(Q('tool_uses', '2024-25 Q1', 'tool', 'gcp2').value).toBe(3);
    expect(Q('tool_uses', '2024-25 Q1', 'tool', 'other').value).toBe(1);
    expect(Q('tool_uses', '2024-25 Q1', 'agency', 'police').value).toBe(2); // U5, U6
    expect(Q('tool_uses', '2024-25 Q1', 'agency', 'health').value).toBe(1); // U7
    expect(Q('tool_uses', '2024-25 Q1', 'agency', 'unknown').value).toBe(1); // U8
    expect(M('tool_uses', '2024-02').value).toBe(0);
  });
});

describe('tool_use_multi_agency', () => {
  // U1 {health, police} yes; U3 {health} (unknown and repeat not counted) no;
  // U5 {police, education} yes; U6 {police} no; U7 {health} no; U8 {} no;
  // U2 {social_care} no; U4 {health, police, education} yes
  it('needs two distinct known agencies', () => {
    expect(ndv(Q('tool_use_multi_agency', '2023-24 Q4'))).toEqual([1, 2, 0.5]);
    expect(ndv(Q('tool_use_multi_agency', '2024-25 Q1'))).toEqual([1, 4, 0.25]);
    expect(ndv(Q('tool_use_multi_agency', '2024-25 Q2'))).toEqual([1, 2, 0.5]);
  });
});

describe('tool_review_6m', () => {
  // Baselines: U1 (k1 gcp2; U2 is 183 days later: Jan 15 -> Jul 16 = 16+29+31+30+31+30+16 -> yes),
  // U3 (k1 qoc; U4 184 days later -> no), U5 (k2 gcp2; U6 same day = 0 days, U7 1 day -> yes), U8 (no later use).
  it('looks for a later use 1 to 183 days after the baseline', () => {
    expect(ndv(Q('tool_review_6m', '2023-24 Q4'))).toEqual([1, 2, 0.5]);
    expect(ndv(Q('tool_review_6m', '2024-25 Q1'))).toEqual([1, 2, 0.5]);
    expect(ndv(Q('tool_review_6m', '2024-25 Q2'))).toEqual([0, 0, null]); // U2, U4 are not baselines
    // 2024-03-31 + 183 days = 2024-09-30 > as-of
    expect(Q('tool_review_6m', '2023-24 Q4').complete).toBe(false);
  });
  it('lists the baseline ids of a point', async () => {
    const a = await metricItems(engine, 'tool_review_6m', { grain: 'quarter', period: '2024-25 Q1' });
    expect(a).toEqual({ numeratorIds: ['U5'], denominatorIds: ['U5', 'U8'] });
  });
});

describe('tool_improvement', () => {
  // Reviews with grades on both sides: U2 (prev U1: 11 < 12 yes), U6 (prev U5: 9 vs 8 no),
  // U7 (prev U6, the one immediately before: 8 < 9 yes). U4 excluded (U3 has no grades).
  it('compares mean grades with the previous use', () => {
    expect(ndv(Q('tool_improvement', '2023-24 Q4'))).toEqual([0, 0, null]);
    expect(ndv(Q('tool_improvement', '2024-25 Q1'))).toEqual([1, 2, 0.5]);
    expect(ndv(Q('tool_improvement', '2024-25 Q2'))).toEqual([1, 1, 1]);
    expect(ndv(Q('tool_improvement', '2024-25 Q1', 'agency', 'health'))).toEqual([1, 1, 1]); // U7
  });
});

describe('cumulative_concern_no_tool', () => {
  it('takes children with 3+ referrals in the 12 months to E', () => {
    // E 2024-03-31: k1 (K1-K3; tool U1 in window -> 0), k2 (L1, L2, L3 on E; no tool -> 1); k3 has 2
    expect(ndv(Q('cumulative_concern_no_tool', '2023-24 Q4'))).toEqual([1, 2, 0.5]);
    // E 2024-06-30: k1 (U1), k2 (U5 2024-04-05), k3 (M1-M3; U8 2024-05-01) all had a tool -> 0/3
    expect(ndv(Q('cumulative_concern_no_tool', '2024-25 Q1'))).toEqual([0, 3, 0]);
    // E 2024-02-29: nobody has 3 yet -> 0/0
    expect(ndv(M('cumulative_concern_no_tool', '2024-02'))).toEqual([0, 0, null]);
    // E 2024-04-30: k3 has M1-M3 and U8 comes later -> 1 of 3
    expect(ndv(M('cumulative_concern_no_tool', '2024-04'))).toEqual([1, 3, 1 / 3]);
    // E minus 12 months is before the earliest referral (2024-01-05) everywhere here
    expect(Q('cumulative_concern_no_tool', '2024-25 Q1').complete).toBe(false);
  });
  it('audits children ids', async () => {
    const a = await metricItems(engine, 'cumulative_concern_no_tool', { grain: 'month', period: '2024-04' });
    expect(a).toEqual({ numeratorIds: ['k3'], denominatorIds: ['k1', 'k2', 'k3'] });
  });
});

describe('referrals (extra)', () => {
  it('counts referrals by referrer agency', () => {
    expect(Q('referrals', '2023-24 Q4').value).toBe(8);
    expect(Q('referrals', '2023-24 Q4', 'agency', 'police').value).toBe(3);
    expect(Q('referrals', '2023-24 Q4', 'agency', 'education').value).toBe(3);
    expect(Q('referrals', '2023-24 Q4', 'agency', 'health').value).toBe(2);
    expect(Q('referrals', '2024-25 Q1').value).toBe(1);
  });
});
