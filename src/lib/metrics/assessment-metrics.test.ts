/**
 * Decisions across bank holidays, assessment timeliness, the open backlog and tool use around
 * neglect assessments, on tests/fixtures/metrics/assessments-fixture.ts.
 * as-of = 2024-04-02 (H4's decision, the latest event date); earliest referral 2021-12-24.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { computeMetrics } from './compute';
import type { MetricRow } from './types';
import { createTables } from '../../../tests/fixtures/metrics/typed-tables';
import { ASSESSMENT_FIXTURE } from '../../../tests/fixtures/metrics/assessments-fixture';
import { groups, ndv, pick } from '../../../tests/fixtures/metrics/rows';

let engine: NodeEngine;
let rows: MetricRow[];
let asOf: string;

beforeAll(async () => {
  engine = await NodeEngine.create();
  await createTables(engine, ASSESSMENT_FIXTURE);
  const r = await computeMetrics(engine);
  rows = r.metrics;
  asOf = r.as_of;
});
afterAll(async () => engine.close());

const Q = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'quarter', period, dim, group);
const M = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'month', period, dim, group);

describe('decisions across bank holidays', () => {
  it('has the as-of date of the latest event', () => {
    expect(asOf).toBe('2024-04-02');
  });
  it('skips weekends and bank holidays', () => {
    // Fri 24 Dec 2021 -> Wed 29 Dec: 25-26 weekend, 27-28 substitute days -> 1
    expect(M('decision_wd', '2021-12').value).toBe(1);
    // Fri 27 May 2022 -> Tue 31 May: Mon 30 May is NOT a holiday in 2022 (moved to 2 June) -> 2
    expect(M('decision_wd', '2022-05').value).toBe(2);
    expect(ndv(M('decision_within_1wd', '2022-05'))).toEqual([0, 1, 0]);
    // Wed 1 June 2022 -> Mon 6 June: 2-3 June holidays, 4-5 weekend -> 1
    expect(M('decision_wd', '2022-06').value).toBe(1);
    // Fri 16 Sep 2022 -> Tue 20 Sep: Mon 19 state funeral -> 1
    expect(M('decision_wd', '2022-09').value).toBe(1);
    // Fri 5 May 2023 -> Tue 9 May: Mon 8 coronation -> 1
    expect(M('decision_wd', '2023-05').value).toBe(1);
    // Thu 28 Mar 2024 -> Tue 2 Apr: Good Friday 29, weekend, Easter Monday 1 Apr -> 1
    expect(M('decision_wd', '2024-03').value).toBe(1);
    expect(ndv(M('decision_within_1wd', '2024-03'))).toEqual([1, 1, 1]);
  });
  it('counts working-day follow-ups after the period end', () => {
    // March 2024 ends Sun 31; 1 working day after is Tue 2 Apr (Easter Monday skipped) = as-of -> complete
    expect(M('decision_within_1wd', '2024-03').complete).toBe(true);
    // 3 working days after is Thu 4 Apr > as-of -> incomplete
    expect(M('feedback_within_3wd', '2024-03').complete).toBe(false);
    expect(M('feedback_within_3wd', '2024-02').complete).toBe(true);
    expect(M('decision_within_1wd', '2024-04')).toMatchObject({ partial: true, complete: false });
  });
});

describe('assessment_within_45wd and assessment_wd', () => {
  // A1 Mon 9 Jan 2023 -> Mon 13 Mar: Jan 10-31 16 weekdays + Feb 20 + Mar 1-13 9 = 45
  // A2 -> Tue 14 Mar = 46. A3 Mon 20 Mar -> Tue 11 Apr: 9 + Apr 3-6 4 + Apr 11 1 = 14 (7, 10 Apr Easter)
  // A5 Mon 16 Jan -> Mon 3 Apr: 45 - 5 (Jan 10-13, 16) + 14 (Mar 14-31) + 1 = 55
  // A6 Fri 27 Jan -> Wed 5 Apr: Jan 30-31 2 + Feb 20 + Mar 23 + Apr 3-5 3 = 48
  it('rates completion within 45 working days', () => {
    expect(ndv(Q('assessment_within_45wd', '2022-23 Q4'))).toEqual([1, 2, 0.5]); // A1 yes (45), A2 no (46)
    expect(ndv(Q('assessment_within_45wd', '2023-24 Q1'))).toEqual([1, 3, 1 / 3]); // A3 yes; A5, A6 no
    // neglect: A3 true 1/1; A5 false, A6 null -> false 0/2
    expect(ndv(Q('assessment_within_45wd', '2023-24 Q1', 'neglect', 'true'))).toEqual([1, 1, 1]);
    expect(ndv(Q('assessment_within_45wd', '2023-24 Q1', 'neglect', 'false'))).toEqual([0, 2, 0]);
    // no children table: no child-dimension rows
    expect(groups(rows, 'assessment_within_45wd', 'quarter', '2023-24 Q1', 'locality')).toEqual([]);
  });
  it('gives median and p90 working days', () => {
    // [45, 46]: median 45.5; p90 h = 0.9 -> 45 + 1 * 0.9 = 45.9
    const q4 = Q('assessment_wd', '2022-23 Q4');
    expect(q4.denominator).toBe(2);
    expect(q4.value).toBe(45.5);
    expect(q4.p90).toBeCloseTo(45.9, 12);
    // [14, 48, 55]: median 48; p90 h = 1.8 -> 48 + 7 * 0.8 = 53.6
    const q1 = Q('assessment_wd', '2023-24 Q1');
    expect(q1.value).toBe(48);
    expect(q1.p90).toBeCloseTo(53.6, 12);
  });
});

describe('assessments_open_over_45wd', () => {
  // E = Fri 31 Mar 2023: A4 (from 9 Jan: 45 + Mar 14-31 14 = 59) and A5 (54) count; A6 exactly 45 does not;
  // A1, A2 completed before E.
  it('counts the open backlog at each period end', () => {
    expect(Q('assessments_open_over_45wd', '2022-23 Q4').value).toBe(2);
    // month February 2023, E = 28 Feb: A4 at 36 wd -> 0
    expect(M('assessments_open_over_45wd', '2023-02').value).toBe(0);
    // E = 30 Jun 2023: only A4 is still open -> 1; partial quarter E = as-of 2024-04-02: A4 -> 1
    expect(Q('assessments_open_over_45wd', '2023-24 Q1').value).toBe(1);
    expect(Q('assessments_open_over_45wd', '2024-25 Q1')).toMatchObject({ value: 1, partial: true, complete: true });
    expect(ndv(Q('assessments_open_over_45wd', '2022-23 Q4', 'neglect', 'false'))).toEqual([null, null, 2]);
  });
});

describe('tool_use_neglect_assessments', () => {
  // A1 (neglect, c1): T1 on 2022-10-11 = 2023-01-09 minus 90 days -> inside (inclusive) -> yes
  // A3 (neglect, c3): T2 2023-04-12 is after completion 2023-04-11 -> no. A2/A4/A5/A6 not neglect.
  it('looks for a tool use from start minus 90 days to completion', () => {
    expect(ndv(Q('tool_use_neglect_assessments', '2022-23 Q4'))).toEqual([1, 1, 1]);
    expect(ndv(Q('tool_use_neglect_assessments', '2023-24 Q1'))).toEqual([0, 1, 0]);
    expect(Q('tool_use_neglect_assessments', '2023-24 Q1').complete).toBe(true);
  });
});
