/**
 * Referral and response metrics on a hand-worked fixture (tests/fixtures/metrics/referrals-fixture.ts).
 * as-of 2024-05-20 (latest event date: R14's decision); earliest referral 2023-02-28, so quarters
 * 2022-23 Q4 .. 2024-25 Q1 (partial) and months 2023-02 .. 2024-05 (partial).
 *
 * Each child's referrals in (referral_date, referral_id) order, ids by code point:
 *   c1: R01 2023-02-28, R02 2024-02-28, R03 2024-02-29
 *   c2: B1, a1 (both 2024-01-10; 'B1' < 'a1')
 *   c3: '10', '9' (both 2023-06-01; '10' < '9')
 *   c4: R10 2023-04-03, R11 2024-04-03 (exactly 12 months later)
 *   c5: R12 2023-04-04, R13 2024-04-05 (12 months and a day), R14 2024-05-15
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { computeMetrics, metricItems } from './compute';
import type { MetricRow } from './types';
import { createTables } from '../../../tests/fixtures/metrics/typed-tables';
import { REFERRAL_FIXTURE } from '../../../tests/fixtures/metrics/referrals-fixture';
import { groups, ndv, pick } from '../../../tests/fixtures/metrics/rows';

let engine: NodeEngine;
let rows: MetricRow[];
let asOf: string;

beforeAll(async () => {
  engine = await NodeEngine.create();
  await createTables(engine, REFERRAL_FIXTURE);
  const r = await computeMetrics(engine);
  rows = r.metrics;
  asOf = r.as_of;
});
afterAll(async () => engine.close());

const Q = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'quarter', period, dim, group);
const M = (metric: string, period: string, dim: string | null = null, group: string | null = null) =>
  pick(rows, metric, 'month', period, dim, group);

describe('as-of and periods', () => {
  it('takes the latest event date as the as-of date', () => {
    expect(asOf).toBe('2024-05-20');
  });
  it('reports quarters from the earliest referral to the as-of date, last one partial', () => {
    const qs = rows.filter((r) => r.metric === 'nfa_rate' && r.grain === 'quarter' && r.dimension === null);
    expect(qs.map((r) => r.period)).toEqual(['2022-23 Q4', '2023-24 Q1', '2023-24 Q2', '2023-24 Q3', '2023-24 Q4', '2024-25 Q1']);
    expect(qs.map((r) => r.partial)).toEqual([false, false, false, false, false, true]);
    const ms = rows.filter((r) => r.metric === 'nfa_rate' && r.grain === 'month' && r.dimension === null);
    expect(ms.length).toBe(16); // 2023-02 .. 2024-05: 11 months of 2023 + 5 of 2024
    expect(ms[0]!.period).toBe('2023-02');
    expect(ms.at(-1)!.partial).toBe(true);
  });
  it('does not print the extra metric unless asked', () => {
    expect(rows.some((r) => r.metric === 'referrals')).toBe(false);
  });
});

describe('rereferral_12m', () => {
  // flags: R02 (prev R01 2023-02-28 >= 2024-02-28 - 12m = 2023-02-28) yes; R03 yes; a1 yes (prev B1
  // same day); '9' yes (prev '10' same day); R11 yes (prev R10 2023-04-03 >= 2023-04-03);
  // R13 no (prev 2023-04-04 < 2023-04-05); R14 yes; R01, B1, '10', R10, R12 no (first).
  it('counts earlier referrals on or after 12 months before', () => {
    expect(ndv(Q('rereferral_12m', '2022-23 Q4'))).toEqual([0, 1, 0]); // R01
    expect(ndv(Q('rereferral_12m', '2023-24 Q1'))).toEqual([1, 4, 0.25]); // R10, R12, '10', '9'(yes)
    expect(ndv(Q('rereferral_12m', '2023-24 Q2'))).toEqual([0, 0, null]); // empty denominator
    expect(ndv(Q('rereferral_12m', '2023-24 Q4'))).toEqual([3, 4, 0.75]); // B1 no, a1, R02, R03 yes
    expect(ndv(Q('rereferral_12m', '2024-25 Q1'))).toEqual([2, 3, 2 / 3]); // R11 yes, R13 no, R14 yes
    expect(ndv(M('rereferral_12m', '2024-02'))).toEqual([2, 2, 1]); // R02, R03 (29 Feb)
  });
  it('flags incomplete look-back windows', () => {
    // first day - 12 months must be on/after 2023-02-28
    expect(Q('rereferral_12m', '2023-24 Q4').complete).toBe(false); // 2023-01-01 < 2023-02-28
    expect(Q('rereferral_12m', '2024-25 Q1').complete).toBe(true); // 2023-04-01
    expect(M('rereferral_12m', '2024-02').complete).toBe(false); // 2023-02-01
    expect(M('rereferral_12m', '2024-03').complete).toBe(true); // 2023-03-01
  });
  it('splits by agency, neglect, locality, age band, imd quintile; groups add up', () => {
    // 2023-24 Q4: B1 police 0, a1 public 1, R02 health 1, R03 education 1
    expect(groups(rows, 'rereferral_12m', 'quarter', '2023-24 Q4', 'agency')).toEqual(['education', 'health', 'police', 'public']);
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'agency', 'police'))).toEqual([0, 1, 0]);
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'agency', 'public'))).toEqual([1, 1, 1]);
    // neglect: B1 T 0, R03 T 1 -> 1/2; a1 F 1, R02 F 1 -> 2/2
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'neglect', 'true'))).toEqual([1, 2, 0.5]);
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'neglect', 'false'))).toEqual([2, 2, 1]);
    // locality: c1 North (R02, R03) 2/2; c2 ' South ' trimmed (B1, a1) 1/2
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'locality', 'North'))).toEqual([2, 2, 1]);
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'locality', 'South'))).toEqual([1, 2, 0.5]);
    // Q1 2023-24: c3 locality text 'unknown', c4 no child row, c5 null locality: one group 'unknown' 1/4
    expect(groups(rows, 'rereferral_12m', 'quarter', '2023-24 Q1', 'locality')).toEqual(['unknown']);
    expect(ndv(Q('rereferral_12m', '2023-24 Q1', 'locality', 'unknown'))).toEqual([1, 4, 0.25]);
    // age band: c1 born 2020-03, at 2024-02-28: 2024-2020-1 = 3 -> '1-4'; c2 born 2024-02 -> unborn on 2024-01-10
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'age_band', '1-4'))).toEqual([2, 2, 1]);
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'age_band', 'unborn'))).toEqual([1, 2, 0.5]);
    // c5 born 2008-04: R12 2023-04-04 -> 15 ('10-15'); R13 2024-04-05 and R14 -> 16 ('16+'); c4 unknown
    expect(ndv(Q('rereferral_12m', '2024-25 Q1', 'age_band', '16+'))).toEqual([1, 2, 0.5]);
    expect(ndv(Q('rereferral_12m', '2024-25 Q1', 'age_band', 'unknown'))).toEqual([1, 1, 1]);
    expect(ndv(Q('rereferral_12m', '2023-24 Q1', 'age_band', '10-15'))).toEqual([0, 1, 0]);
    // imd: c1 decile 1 -> '1', c2 decile 10 -> '5'
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'imd_quintile', '1'))).toEqual([2, 2, 1]);
    expect(ndv(Q('rereferral_12m', '2023-24 Q4', 'imd_quintile', '5'))).toEqual([1, 2, 0.5]);
    // every dimension adds up to the overall row, in every period
    for (const r of rows.filter((x) => x.dimension === null && x.denominator !== null)) {
      const dims = new Set(rows.filter((x) => x.metric === r.metric && x.grain === r.grain && x.period === r.period && x.dimension !== null).map((x) => x.dimension));
      for (const d of dims) {
        const parts = rows.filter((x) => x.metric === r.metric && x.grain === r.grain && x.period === r.period && x.dimension === d);
        expect(parts.reduce((s, x) => s + (x.denominator ?? 0), 0), `${r.metric} ${r.period} ${d}`).toBe(r.denominator);
        expect(parts.reduce((s, x) => s + (x.numerator ?? 0), 0), `${r.metric} ${r.period} ${d}`).toBe(r.numerator ?? 0);
      }
    }
  });
  it('filters restrict items exactly as a breakdown group does', async () => {
    const f = await computeMetrics(engine, { ids: ['rereferral_12m'], grains: ['quarter'], breakdowns: false, filters: { agency: ['police'] } });
    expect(ndv(pick(f.metrics, 'rereferral_12m', 'quarter', '2023-24 Q4'))).toEqual(ndv(Q('rereferral_12m', '2023-24 Q4', 'agency', 'police')));
    const n = await computeMetrics(engine, { ids: ['rereferral_12m'], grains: ['quarter'], breakdowns: false, filters: { neglect: true, locality: ['North'] } });
    // neglect true AND North in 2023-24 Q4: R03 only (yes) -> 1/1
    expect(ndv(pick(n.metrics, 'rereferral_12m', 'quarter', '2023-24 Q4'))).toEqual([1, 1, 1]);
    const p = await computeMetrics(engine, { ids: ['rereferral_12m'], breakdowns: false, filters: { from: '2023-24 Q4', to: '2023-24 Q4' } });
    expect(p.metrics.filter((r) => r.grain === 'quarter').map((r) => r.period)).toEqual(['2023-24 Q4']);
    expect(p.metrics.filter((r) => r.grain === 'month').map((r) => r.period)).toEqual(['2024-01', '2024-02', '2024-03']);
  });
  it('gives the audit trail of one point', async () => {
    const a = await metricItems(engine, 'rereferral_12m', { grain: 'quarter', period: '2023-24 Q4' });
    expect(a).toEqual({ numeratorIds: ['R02', 'R03', 'a1'], denominatorIds: ['B1', 'R02', 'R03', 'a1'] });
    const b = await metricItems(engine, 'rereferral_12m', { grain: 'quarter', period: '2023-24 Q4', dimension: 'agency', group: 'police' });
    expect(b).toEqual({ numeratorIds: [], denominatorIds: ['B1'] });
  });
});

describe('repeat_referral_3plus_12m', () => {
  // R03: second previous R01 2023-02-28 >= 2024-02-29 - 12m = 2023-02-28 (clamped) -> yes.
  // R14: second previous R12 2023-04-04 < 2023-05-15 -> no. Nobody else has two earlier referrals.
  it('needs two earlier referrals in the window', () => {
    expect(ndv(Q('repeat_referral_3plus_12m', '2023-24 Q4'))).toEqual([1, 4, 0.25]);
    expect(ndv(Q('repeat_referral_3plus_12m', '2024-25 Q1'))).toEqual([0, 3, 0]);
    expect(ndv(M('repeat_referral_3plus_12m', '2024-02'))).toEqual([1, 2, 0.5]);
  });
});

describe('nfa_rate', () => {
  it('is nfa over referrals with an outcome', () => {
    expect(ndv(Q('nfa_rate', '2022-23 Q4'))).toEqual([1, 1, 1]);
    expect(ndv(Q('nfa_rate', '2023-24 Q1'))).toEqual([4, 4, 1]); // R10, R12, '9', '10'
    expect(ndv(Q('nfa_rate', '2023-24 Q4'))).toEqual([0, 3, 0]); // R02 advice, a1, B1 (R03 no outcome)
    expect(ndv(Q('nfa_rate', '2024-25 Q1'))).toEqual([0, 2, 0]); // R11 other, R14 strategy (R13 none)
  });
});

describe('nfa_rereferred_12m', () => {
  // R01: next R02 2024-02-28 <= 2023-02-28 + 12m -> yes. R10: next R11 2024-04-03 <= 2024-04-03 -> yes.
  // R12: next R13 2024-04-05 > 2024-04-04 -> no. '10': next '9' same day -> yes. '9': none -> no.
  it('looks for a later referral within 12 months', () => {
    expect(ndv(Q('nfa_rereferred_12m', '2022-23 Q4'))).toEqual([1, 1, 1]);
    expect(ndv(Q('nfa_rereferred_12m', '2023-24 Q1'))).toEqual([2, 4, 0.5]);
  });
  it('flags incomplete follow-up windows', () => {
    // last day + 12 months must be on/before 2024-05-20
    expect(Q('nfa_rereferred_12m', '2022-23 Q4').complete).toBe(true); // 2024-03-31
    expect(Q('nfa_rereferred_12m', '2023-24 Q1').complete).toBe(false); // 2024-06-30
    expect(M('nfa_rereferred_12m', '2023-04').complete).toBe(true); // 2024-04-30
    expect(M('nfa_rereferred_12m', '2023-05').complete).toBe(false); // 2024-05-31
  });
});

describe('decision_within_1wd and decision_wd', () => {
  // wd: R01 Tue->Wed 1; R02 Wed 28 Feb -> Thu 29 Feb 1; a1 Wed->Fri 2; B1 0; '9' Thu 1 Jun -> Mon 5 Jun 2;
  // '10' 0; R10 Mon->Tue 1; R11 0; R12 Tue->Thu 2; R14 Wed 15 May -> Mon 20 May 3.
  it('rates decisions within one working day', () => {
    expect(ndv(Q('decision_within_1wd', '2022-23 Q4'))).toEqual([1, 1, 1]);
    expect(ndv(Q('decision_within_1wd', '2023-24 Q1'))).toEqual([2, 4, 0.5]); // R10, '10' yes; R12, '9' no
    expect(ndv(Q('decision_within_1wd', '2023-24 Q4'))).toEqual([2, 3, 2 / 3]); // R02, B1 yes; a1 no
    expect(ndv(Q('decision_within_1wd', '2024-25 Q1'))).toEqual([1, 2, 0.5]); // R11 yes; R14 no
    expect(Q('decision_within_1wd', '2024-25 Q1').complete).toBe(false); // partial: 30 Jun + 1wd > as-of
    expect(M('decision_within_1wd', '2024-04').complete).toBe(true); // 2024-04-30 + 1wd = 2024-05-01
  });
  it('gives median and p90 of working days', () => {
    // 2023-24 Q1 sorted [0,1,2,2]: median h=1.5 -> 1 + (2-1)*0.5 = 1.5; p90 h=2.7 -> 2 + 0*0.7 = 2
    expect(Q('decision_wd', '2023-24 Q1')).toMatchObject({ numerator: null, denominator: 4, value: 1.5, p90: 2 });
    // 2023-24 Q4 [0,1,2]: median 1; p90 h=1.8 -> 1 + 1*0.8 = 1.8
    const q4 = Q('decision_wd', '2023-24 Q4');
    expect(q4.value).toBe(1);
    expect(q4.p90).toBeCloseTo(1.8, 12);
    // 2024-25 Q1 [0,3]: median 1.5; p90 h=0.9 -> 0 + 3*0.9 = 2.7
    expect(Q('decision_wd', '2024-25 Q1').value).toBe(1.5);
    expect(Q('decision_wd', '2024-25 Q1').p90).toBeCloseTo(2.7, 12);
    // empty period: denominator 0, value and p90 null
    expect(Q('decision_wd', '2023-24 Q2')).toMatchObject({ numerator: null, denominator: 0, value: null, p90: null });
    expect(Q('decision_wd', '2023-24 Q1').complete).toBe(true);
  });
});

describe('awaiting_decision', () => {
  it('counts referrals undecided at each period end E', () => {
    // E = 2023-03-31: R01 decided 2023-03-01 -> 0; month 2023-02 E = 2023-02-28: R01 awaiting -> 1
    expect(Q('awaiting_decision', '2022-23 Q4')).toMatchObject({ numerator: null, denominator: null, value: 0 });
    expect(M('awaiting_decision', '2023-02').value).toBe(1);
    // E = 2024-03-31: R03 (no decision) -> 1; E = 2024-02-29: R03 (R02 decided on E itself) -> 1
    expect(Q('awaiting_decision', '2023-24 Q4').value).toBe(1);
    expect(M('awaiting_decision', '2024-02').value).toBe(1);
    // partial quarter, E = as-of 2024-05-20: R03, R13 (R14 decided on E) -> 2
    expect(Q('awaiting_decision', '2024-25 Q1').value).toBe(2);
    // snapshot breakdown: R03 education, R13 voluntary; c5 is 16 at E
    expect(groups(rows, 'awaiting_decision', 'quarter', '2024-25 Q1', 'agency')).toEqual(['education', 'voluntary']);
    expect(Q('awaiting_decision', '2024-25 Q1', 'age_band', '16+').value).toBe(1);
    // no breakdown rows where nothing is counted
    expect(groups(rows, 'awaiting_decision', 'quarter', '2023-24 Q2', 'agency')).toEqual([]);
  });
});

describe('feedback_within_3wd', () => {
  // professional + decided: R01 (fb Wed..Fri 3 -> yes), R02 (no fb), B1 (Wed 10 -> Mon 15 Jan: 3 -> yes),
  // '9' (Thu 1 -> Wed 7 Jun: 4 -> no), '10' (Thu 1 -> Tue 6 Jun: 3 -> yes), R10 (2 -> yes), R12 (2 -> yes),
  // R14 (1 -> yes). Excluded: a1 public, R11 unknown, R03/R13 undecided.
  it('rates feedback within three working days to professional referrers', () => {
    expect(ndv(Q('feedback_within_3wd', '2022-23 Q4'))).toEqual([1, 1, 1]);
    expect(ndv(Q('feedback_within_3wd', '2023-24 Q1'))).toEqual([3, 4, 0.75]);
    expect(ndv(Q('feedback_within_3wd', '2023-24 Q4'))).toEqual([1, 2, 0.5]);
    expect(ndv(Q('feedback_within_3wd', '2024-25 Q1'))).toEqual([1, 1, 1]);
    expect(Q('feedback_within_3wd', '2024-25 Q1').complete).toBe(false);
    expect(Q('feedback_within_3wd', '2023-24 Q4').complete).toBe(true);
  });
});
