/**
 * Closures, education, training and barriers on tests/fixtures/metrics/closures-education-fixture.ts.
 * as-of = 2024-06-28 (S5, the latest event date); earliest referral 2023-04-03: quarters
 * 2023-24 Q1 .. 2024-25 Q1 (partial, E = 2024-06-28).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { computeMetrics } from './compute';
import type { MetricRow } from './types';
import { createTables } from '../../../tests/fixtures/metrics/typed-tables';
import { CLOSURES_EDUCATION_FIXTURE } from '../../../tests/fixtures/metrics/closures-education-fixture';
import { groups, ndv, pick } from '../../../tests/fixtures/metrics/rows';

let engine: NodeEngine;
let rows: MetricRow[];

beforeAll(async () => {
  engine = await NodeEngine.create();
  await createTables(engine, CLOSURES_EDUCATION_FIXTURE);
  const r = await computeMetrics(engine);
  expect(r.as_of).toBe('2024-06-28');
  rows = r.metrics;
});
afterAll(async () => engine.close());

const Q = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'quarter', period, dim, group);
const M = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'month', period, dim, group);

describe('closure metrics', () => {
  // Ended in 2023-24 Q1: E1 no_change, E2 non_engagement, E3 improved, E4 consent_withdrawn. E6 is open.
  it('closure_without_change', () => {
    expect(ndv(Q('closure_without_change', '2023-24 Q1'))).toEqual([3, 4, 0.75]); // E1, E2, E4
    expect(ndv(Q('closure_without_change', '2023-24 Q2'))).toEqual([0, 1, 0]); // E5 other
    expect(ndv(Q('closure_without_change', '2023-24 Q4'))).toEqual([0, 1, 0]); // E7 stepped_up
    expect(ndv(Q('closure_without_change', '2023-24 Q1', 'type', 'early_help'))).toEqual([2, 2, 1]); // E1, E4
    expect(ndv(Q('closure_without_change', '2023-24 Q1', 'type', 'child_in_need'))).toEqual([1, 1, 1]); // E2
    expect(ndv(Q('closure_without_change', '2023-24 Q1', 'type', 'child_protection'))).toEqual([0, 1, 0]); // E3
    // neglect: E1, E4 true 2/2; E2 (null counts as false), E3 false: 1/2
    expect(ndv(Q('closure_without_change', '2023-24 Q1', 'neglect', 'true'))).toEqual([2, 2, 1]);
    expect(ndv(Q('closure_without_change', '2023-24 Q1', 'neglect', 'false'))).toEqual([1, 2, 0.5]);
  });
  it('closure_non_engagement', () => {
    expect(ndv(Q('closure_non_engagement', '2023-24 Q1'))).toEqual([2, 4, 0.5]); // E2, E4
    expect(ndv(Q('closure_non_engagement', '2023-24 Q2'))).toEqual([0, 1, 0]);
  });
  it('rereferral_after_closure_12m', () => {
    // E1 (p1, end 2023-05-31): S4 2024-03-31 -> yes; E2 (p2, 2023-06-15): S2 2023-07-10 -> yes;
    // E3 (p3, 2023-06-30): S3 2024-01-15 -> yes; E4 (p4, 2023-06-20): S5 2024-06-28 > 2024-06-20 -> no
    expect(ndv(Q('rereferral_after_closure_12m', '2023-24 Q1'))).toEqual([3, 4, 0.75]);
    // E7 (p3, end 2024-01-15): S3 is ON the end date, not after -> no
    expect(ndv(Q('rereferral_after_closure_12m', '2023-24 Q4'))).toEqual([0, 1, 0]);
    // 2023-06-30 + 12 months = 2024-06-30 > as-of -> incomplete; month 2023-05: 2024-05-31 -> complete
    expect(Q('rereferral_after_closure_12m', '2023-24 Q1').complete).toBe(false);
    expect(M('rereferral_after_closure_12m', '2023-05').complete).toBe(true);
    // child dimensions: only p1 has a children row; age at end_date 2023-05-31 with birth 2023-06 -> unborn
    expect(ndv(Q('rereferral_after_closure_12m', '2023-24 Q1', 'age_band', 'unborn'))).toEqual([1, 1, 1]);
    expect(ndv(Q('rereferral_after_closure_12m', '2023-24 Q1', 'locality', 'unknown'))).toEqual([2, 3, 2 / 3]);
    expect(ndv(Q('rereferral_after_closure_12m', '2023-24 Q1', 'imd_quintile', '2'))).toEqual([1, 1, 1]); // decile 4
  });
});

describe('education metrics', () => {
  it('education_first_action_5wd', () => {
    // X1 Mon 8 -> Mon 15 Jan: 5 yes; X2 -> Tue 16: 6 no; X3 none no; X4 same day 0 yes; X5 1 yes;
    // X6 Fri 1 -> Mon 11 Mar: 6 no; X9 none no -> 3/7
    expect(ndv(Q('education_first_action_5wd', '2023-24 Q4'))).toEqual([3, 7, 3 / 7]);
    expect(ndv(Q('education_first_action_5wd', '2023-24 Q4', 'status', 'missing_education'))).toEqual([2, 3, 2 / 3]);
    expect(ndv(Q('education_first_action_5wd', '2023-24 Q4', 'status', 'part_time_timetable'))).toEqual([1, 3, 1 / 3]);
    expect(ndv(Q('education_first_action_5wd', '2023-24 Q4', 'status', 'elective_home_education'))).toEqual([0, 1, 0]);
    // 2024-03-31 + 5 working days: Easter Monday 1 Apr skipped -> 2, 3, 4, 5, 8 Apr = 2024-04-08 <= as-of
    expect(Q('education_first_action_5wd', '2023-24 Q4').complete).toBe(true);
    expect(ndv(Q('education_first_action_5wd', '2024-25 Q1'))).toEqual([0, 2, 0]); // X7, X8
  });
  it('missing_education_open', () => {
    expect(Q('missing_education_open', '2023-24 Q1').value).toBe(0);
    // E 2024-03-31: X1 open; X2 ended 15 Feb; X4 ended on E (not after) -> 1
    expect(Q('missing_education_open', '2023-24 Q4').value).toBe(1);
    expect(M('missing_education_open', '2024-01').value).toBe(3); // X1, X2, X4
    expect(M('missing_education_open', '2024-02').value).toBe(2); // X1, X4
    // partial E = 2024-06-28: X1, X7, X8
    expect(Q('missing_education_open', '2024-25 Q1').value).toBe(3);
    // age at E: p1 (born 2023-06) is under 1 on 2024-03-31 and 1 on 2024-06-28
    expect(Q('missing_education_open', '2023-24 Q4', 'age_band', 'under 1').value).toBe(1);
    expect(Q('missing_education_open', '2024-25 Q1', 'age_band', '1-4').value).toBe(2); // X1, X8
    expect(Q('missing_education_open', '2024-25 Q1', 'age_band', 'unknown').value).toBe(1); // X7
    expect(groups(rows, 'missing_education_open', 'quarter', '2023-24 Q1', 'age_band')).toEqual([]);
  });
  it('part_time_timetable_over_6w', () => {
    // E 2024-03-31: X3 76 days yes; X5 40 no; X9 exactly 42 no -> 1/3
    expect(ndv(Q('part_time_timetable_over_6w', '2023-24 Q4'))).toEqual([1, 3, 1 / 3]);
    // E 2024-02-29: X3 45 yes; X5 9 no; X9 11 no -> 1/3; E 2024-01-31: X3 16 no -> 0/1
    expect(ndv(M('part_time_timetable_over_6w', '2024-02'))).toEqual([1, 3, 1 / 3]);
    expect(ndv(M('part_time_timetable_over_6w', '2024-01'))).toEqual([0, 1, 0]);
    expect(ndv(Q('part_time_timetable_over_6w', '2024-25 Q1'))).toEqual([3, 3, 1]);
    expect(ndv(Q('part_time_timetable_over_6w', '2023-24 Q1'))).toEqual([0, 0, null]);
  });
  it('missing_education_neglect_known', () => {
    // X1 (p1): S1 2023-04-03 neglect -> yes; X2 (p2): S2 not neglect -> no; X4 (p3): S3 on the start date -> yes
    expect(ndv(Q('missing_education_neglect_known', '2023-24 Q4'))).toEqual([2, 3, 2 / 3]);
    // X8 (p1, 2024-04-03): S1 exactly 12 months before -> yes; X7 (p4): S5 is after the start -> no
    expect(ndv(Q('missing_education_neglect_known', '2024-25 Q1'))).toEqual([1, 2, 0.5]);
    // 2024-04-01 minus 12 months = 2023-04-01 < 2023-04-03 -> incomplete; month 2024-05 -> 2023-05-01 complete
    expect(Q('missing_education_neglect_known', '2024-25 Q1').complete).toBe(false);
    expect(M('missing_education_neglect_known', '2024-05').complete).toBe(true);
  });
});

describe('training_coverage and barrier_prevalence', () => {
  it('sums staff trained over staff in scope by quarter', () => {
    // 2023-24 Q1: (5 + 15 + 0) / (10 + 20 + 0) = 20/30
    expect(ndv(Q('training_coverage', '2023-24 Q1'))).toEqual([20, 30, 2 / 3]);
    expect(ndv(Q('training_coverage', '2023-24 Q1', 'agency', 'police'))).toEqual([5, 10, 0.5]);
    expect(ndv(Q('training_coverage', '2023-24 Q1', 'agency', 'health'))).toEqual([15, 20, 0.75]);
    // quality_of_care has 0 in scope: no breakdown row
    expect(groups(rows, 'training_coverage', 'quarter', '2023-24 Q1', 'tool')).toEqual(['gcp2']);
    // parts with the same key add up: (10 + 0) / (10 + 10)
    expect(ndv(Q('training_coverage', '2023-24 Q3'))).toEqual([10, 20, 0.5]);
    expect(ndv(Q('training_coverage', '2023-24 Q2'))).toEqual([0, 0, null]);
    // quarters only; 2022-23 Q4 is before the first reported quarter
    expect(rows.some((r) => r.metric === 'training_coverage' && r.grain === 'month')).toBe(false);
    expect(rows.some((r) => r.metric === 'training_coverage' && r.period === '2022-23 Q4')).toBe(false);
  });
  it('sums reporting_barrier over respondents by quarter', () => {
    // (4 + 1 + 5) / (10 + 10 + 5) = 10/25
    expect(ndv(Q('barrier_prevalence', '2023-24 Q1'))).toEqual([10, 25, 0.4]);
    expect(ndv(Q('barrier_prevalence', '2023-24 Q1', 'barrier', 'time'))).toEqual([9, 15, 0.6]);
    expect(ndv(Q('barrier_prevalence', '2023-24 Q1', 'barrier', 'training'))).toEqual([1, 10, 0.1]);
    expect(ndv(Q('barrier_prevalence', '2023-24 Q1', 'agency', 'police'))).toEqual([5, 20, 0.25]);
    expect(rows.some((r) => r.metric === 'barrier_prevalence' && r.grain === 'month')).toBe(false);
  });
});

describe('an earlier as-of date cuts episodes, education and referrals', () => {
  it('reads the extract as it stood on 2023-06-20', async () => {
    const r = await computeMetrics(engine, { asOf: '2023-06-20', grains: ['quarter'] });
    expect(r.as_of).toBe('2023-06-20');
    // only 2023-24 Q1 is reported (S1 2023-04-03 is the only referral by then), partial, E = as-of
    expect([...new Set(r.metrics.map((m) => m.period))]).toEqual(['2023-24 Q1']);
    // ended by then: E1 (31 May), E2 (15 Jun), E4 (20 Jun, not after the as-of); E3 ends 30 Jun -> still open
    expect(ndv(pick(r.metrics, 'closure_without_change', 'quarter', '2023-24 Q1'))).toEqual([3, 3, 1]);
    // S2-S5 are after the as-of date, so nobody has been re-referred yet
    expect(ndv(pick(r.metrics, 'rereferral_after_closure_12m', 'quarter', '2023-24 Q1'))).toEqual([0, 3, 0]);
    // every education record starts in 2024: none yet
    expect(ndv(pick(r.metrics, 'education_first_action_5wd', 'quarter', '2023-24 Q1'))).toEqual([0, 0, null]);
    expect(pick(r.metrics, 'missing_education_open', 'quarter', '2023-24 Q1').value).toBe(0);
    // training for 2023-24 Q1 is still reported; 2023-24 Q3 is beyond the as-of quarter
    expect(ndv(pick(r.metrics, 'training_coverage', 'quarter', '2023-24 Q1'))).toEqual([20, 30, 2 / 3]);
    expect(r.metrics.some((m) => m.metric === 'training_coverage' && m.period === '2023-24 Q3')).toBe(false);
  });
});
