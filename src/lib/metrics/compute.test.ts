/**
 * Which rows exist, the as-of cut and refusal, ordering, SQL building blocks and the periods table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { AsOfError, computeMetrics, metricItems, metricSql, sortRows } from './compute';
import { buildPeriods } from './prepare';
import { ageBandSql } from './sql-blocks';
import { METRICS, SPEC_METRICS, metricById } from './registry';
import { parseMetricsArgs, UsageError } from './cli-args';
import { createTable, createTables, dropTables } from '../../../tests/fixtures/metrics/typed-tables';
import { REFERRAL_FIXTURE } from '../../../tests/fixtures/metrics/referrals-fixture';
import { ndv, pick } from '../../../tests/fixtures/metrics/rows';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(async () => engine.close());

const REFERRAL_IDS = ['rereferral_12m', 'repeat_referral_3plus_12m', 'nfa_rate', 'nfa_rereferred_12m', 'decision_within_1wd', 'decision_wd', 'awaiting_decision', 'feedback_within_3wd'];

describe('registry', () => {
  it('has the 26 metrics of metrics.md plus one extra', () => {
    expect(SPEC_METRICS.length).toBe(26);
    expect(METRICS.filter((m) => m.extra).map((m) => m.id)).toEqual(['referrals']);
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    expect(metricById('decision_wd')?.unit).toBe('duration');
    expect(metricById('nope')).toBeUndefined();
  });
});

describe('which rows exist', () => {
  it('gives only the referral metrics when only referrals are loaded, without child dimensions', async () => {
    await dropTables(engine);
    await createTable(engine, 'referrals', REFERRAL_FIXTURE.referrals!);
    const r = await computeMetrics(engine);
    expect([...new Set(r.metrics.map((m) => m.metric))]).toEqual(REFERRAL_IDS);
    expect(r.metrics.some((m) => m.dimension === 'locality' || m.dimension === 'age_band')).toBe(false);
    // overall rows: 6 quarters + 16 months for each of the 8 metrics
    expect(r.metrics.filter((m) => m.dimension === null).length).toBe(8 * 22);
  });
  it('gives overall rows for a table present but empty, and nothing for a metric missing a table', async () => {
    await createTable(engine, 'assessments', []);
    const r = await computeMetrics(engine, { ids: ['assessment_within_45wd', 'assessment_wd', 'assessments_open_over_45wd', 'tool_use_neglect_assessments'], grains: ['quarter'] });
    expect(r.metrics.length).toBe(3 * 6); // no tool_uses table -> tool_use_neglect_assessments absent
    expect(ndv(pick(r.metrics, 'assessment_within_45wd', 'quarter', '2023-24 Q1'))).toEqual([0, 0, null]);
    expect(pick(r.metrics, 'assessment_wd', 'quarter', '2023-24 Q1')).toMatchObject({ denominator: 0, value: null, p90: null });
    expect(ndv(pick(r.metrics, 'assessments_open_over_45wd', 'quarter', '2023-24 Q1'))).toEqual([null, null, 0]);
  });
  it('leaves breakdowns out when asked, and sorts overall first then dimension and group', async () => {
    await createTables(engine, REFERRAL_FIXTURE);
    const none = await computeMetrics(engine, { ids: ['nfa_rate'], breakdowns: false });
    expect(none.metrics.every((m) => m.dimension === null)).toBe(true);
    const some = await computeMetrics(engine, { ids: ['nfa_rate'], grains: ['quarter'], breakdowns: ['neglect', 'agency'] });
    const q4 = some.metrics.filter((m) => m.period === '2023-24 Q4').map((m) => `${m.dimension}:${m.group}`);
    // Q4 items with an outcome: R02 health/false, a1 public/false, B1 police/true
    expect(q4).toEqual(['null:null', 'agency:health', 'agency:police', 'agency:public', 'neglect:false', 'neglect:true']);
  });
});

describe('as-of date', () => {
  beforeAll(async () => {
    await dropTables(engine);
    await createTables(engine, REFERRAL_FIXTURE);
  });
  it('refuses a later as-of date and a non-date', async () => {
    await expect(computeMetrics(engine, { asOf: '2024-05-21' })).rejects.toBeInstanceOf(AsOfError);
    await expect(computeMetrics(engine, { asOf: '2024-02-30' })).rejects.toBeInstanceOf(AsOfError);
  });
  it('cuts the extract as it stood on an earlier date', async () => {
    const r = await computeMetrics(engine, { asOf: '2024-02-28' });
    expect(r.as_of).toBe('2024-02-28');
    const q = r.metrics.filter((m) => m.metric === 'nfa_rate' && m.grain === 'quarter' && m.dimension === null);
    expect(q.map((m) => m.period).at(-1)).toBe('2023-24 Q4');
    expect(q.at(-1)!.partial).toBe(true);
    // R03 (29 Feb) and later referrals are gone; R02's decision (29 Feb) is not yet recorded, so
    // neither is its outcome: Q4 outcomes a1 early_help, B1 assessment -> 0/2
    expect(ndv(pick(r.metrics, 'nfa_rate', 'quarter', '2023-24 Q4'))).toEqual([0, 2, 0]);
    // awaiting at E = 2024-02-28: R02 -> 1
    expect(pick(r.metrics, 'awaiting_decision', 'quarter', '2023-24 Q4').value).toBe(1);
    // re-referrals in Q4: B1 no, a1 yes, R02 yes -> 2/3
    expect(ndv(pick(r.metrics, 'rereferral_12m', 'quarter', '2023-24 Q4'))).toEqual([2, 3, 2 / 3]);
    // R01 re-referred by R02 on 2024-02-28 (= R01 + 12 months); 2023-03-31 + 12 months > as-of -> incomplete
    expect(pick(r.metrics, 'nfa_rereferred_12m', 'quarter', '2022-23 Q4')).toMatchObject({ numerator: 1, denominator: 1, complete: false });
    expect(pick(r.metrics, 'decision_wd', 'month', '2024-02')).toMatchObject({ denominator: 0, value: null });
  });
});

describe('building blocks', () => {
  it('bands ages by completed years from the first of the birth month', async () => {
    const at = ['2020-02-29', '2020-03-01', '2021-02-28', '2021-03-01', '2025-02-28', '2025-03-01', '2030-03-01', '2036-02-29', '2036-03-01'];
    const sql = at.map((d) => `SELECT '${d}' AS d, ${ageBandSql(`DATE '2020-03-01'`, `DATE '${d}'`)} AS band`).join(' UNION ALL ');
    const r = await engine.query(`SELECT band FROM (${sql}) ORDER BY d`);
    // years: -, 0, 0, 1, 4, 5, 10, 15 (Feb before March), 16
    expect(r.map((x) => x.band)).toEqual(['unborn', 'under 1', 'under 1', '1-4', '1-4', '5-9', '10-15', '10-15', '16+']);
  });
  it('flags follow-ups in days, months and working days', () => {
    const p = buildPeriods('2023-01-01', '2023-12-31').filter((x) => x.grain === 'quarter');
    expect(p.map((x) => x.period)).toEqual(['2022-23 Q4', '2023-24 Q1', '2023-24 Q2', '2023-24 Q3']);
    // last day + 183 days: 2023-09-30, 2023-12-30 (<= as-of), 2024-03-31 (>)
    expect(p.map((x) => x.followup_183d)).toEqual([true, true, false, false]);
    // last day + 12 months: 2024-03-31 > 2023-12-31 for all
    expect(p.map((x) => x.followup_12m)).toEqual([false, false, false, false]);
    // Q3 ends on the as-of date: not partial; +1 working day is 2024-01-02 (1 Jan holiday) -> incomplete
    expect(p[3]).toMatchObject({ partial: false, e: '2023-12-31', followup_1wd: false });
  });
  it('sorts rows deterministically by code point', () => {
    const base = { grain: 'quarter' as const, period: 'x', numerator: null, denominator: null, value: 0, p90: null, complete: true, partial: false };
    const rows = sortRows([
      { ...base, metric: 'nfa_rate', dimension: 'agency', group: 'public' },
      { ...base, metric: 'nfa_rate', dimension: 'agency', group: 'Zed' },
      { ...base, metric: 'nfa_rate', dimension: null, group: null },
      { ...base, metric: 'rereferral_12m', dimension: null, group: null }
    ]);
    expect(rows.map((r) => `${r.metric}/${r.group}`)).toEqual(['rereferral_12m/null', 'nfa_rate/null', 'nfa_rate/Zed', 'nfa_rate/public']);
  });
  it('shows readable SQL for one metric', () => {
    const s = metricSql('rereferral_12m', { grain: 'quarter', dimension: 'agency' });
    expect(s).toContain('-- rereferral_12m');
    expect(s).toContain('GROUPING SETS');
    expect(() => metricSql('nope', { grain: 'quarter', dimension: null })).toThrow();
  });
  it('parses command-line arguments', () => {
    expect(parseMetricsArgs(['--data', 'd', '--as-of', '2024-01-01', '--out=o.json'])).toEqual({ data: 'd', asOf: '2024-01-01', out: 'o.json' });
    expect(() => parseMetricsArgs([])).toThrow(UsageError);
    expect(() => parseMetricsArgs(['--data'])).toThrow(UsageError);
    expect(() => parseMetricsArgs(['--data', 'd', '--as-of', '1/1/2024'])).toThrow(UsageError);
    expect(() => parseMetricsArgs(['--data', 'd', '--bogus'])).toThrow(UsageError);
  });
});

describe('one pass per table equals one query per metric', () => {
  it('gives identical rows on every fixture', async () => {
    const { ASSESSMENT_FIXTURE } = await import('../../../tests/fixtures/metrics/assessments-fixture');
    const { TOOLS_FIXTURE } = await import('../../../tests/fixtures/metrics/tools-fixture');
    const { CLOSURES_EDUCATION_FIXTURE } = await import('../../../tests/fixtures/metrics/closures-education-fixture');
    for (const fx of [REFERRAL_FIXTURE, ASSESSMENT_FIXTURE, TOOLS_FIXTURE, CLOSURES_EDUCATION_FIXTURE]) {
      await dropTables(engine);
      await createTables(engine, fx);
      for (const filters of [undefined, { neglect: true }, { from: '2023-24 Q2', agency: ['police', 'health'] }]) {
        const a = await computeMetrics(engine, { includeExtra: true, filters });
        const b = await computeMetrics(engine, { includeExtra: true, filters, fuse: false });
        expect(a.metrics.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      }
    }
  });
});

describe('prepared relations are reused only while the data is unchanged', () => {
  it('notices a replaced table', async () => {
    await dropTables(engine);
    await createTables(engine, REFERRAL_FIXTURE);
    const a = await computeMetrics(engine, { ids: ['nfa_rate'], breakdowns: false });
    const again = await computeMetrics(engine, { ids: ['nfa_rate'], breakdowns: false });
    expect(again).toEqual(a);
    // replace referrals with the first three rows only: latest event date becomes 2024-02-29 (R02's decision / R03)
    await createTable(engine, 'referrals', REFERRAL_FIXTURE.referrals!.slice(0, 3));
    const b = await computeMetrics(engine, { ids: ['nfa_rate'], breakdowns: false });
    expect(a.as_of).toBe('2024-05-20');
    expect(b.as_of).toBe('2024-02-29');
    // a different as-of on unchanged data is prepared afresh
    const c = await computeMetrics(engine, { ids: ['nfa_rate'], breakdowns: false, asOf: '2023-12-31' });
    expect(c.as_of).toBe('2023-12-31');
  });
});

describe('overlapping calls on one engine', () => {
  it('do not interleave (different as-of dates at once)', async () => {
    await dropTables(engine);
    await createTables(engine, REFERRAL_FIXTURE);
    const [a, b, c] = await Promise.all([
      computeMetrics(engine, { ids: ['nfa_rate', 'awaiting_decision'], grains: ['quarter'] }),
      computeMetrics(engine, { ids: ['nfa_rate', 'awaiting_decision'], grains: ['quarter'], asOf: '2024-02-28' }),
      metricItems(engine, 'nfa_rate', { grain: 'quarter', period: '2023-24 Q4' })
    ]);
    // hand-worked in referral-metrics.test.ts and the as-of test above
    expect(ndv(pick(a.metrics, 'nfa_rate', 'quarter', '2023-24 Q4'))).toEqual([0, 3, 0]);
    expect(ndv(pick(b.metrics, 'nfa_rate', 'quarter', '2023-24 Q4'))).toEqual([0, 2, 0]);
    expect(pick(a.metrics, 'awaiting_decision', 'quarter', '2024-25 Q1').value).toBe(2);
    expect(pick(b.metrics, 'awaiting_decision', 'quarter', '2023-24 Q4').value).toBe(1);
    expect(c).toEqual({ numeratorIds: [], denominatorIds: ['B1', 'R02', 'a1'] });
  });
});

describe('a filter equals a breakdown group', () => {
  it('for every metric, dimension and group of two fixtures', async () => {
    const { CLOSURES_EDUCATION_FIXTURE } = await import('../../../tests/fixtures/metrics/closures-education-fixture');
    for (const fx of [REFERRAL_FIXTURE, CLOSURES_EDUCATION_FIXTURE]) {
      await dropTables(engine);
      await createTables(engine, fx);
      const all = await computeMetrics(engine, { includeExtra: true });
      const pairs = new Set(all.metrics.filter((r) => r.dimension !== null).map((r) => `${r.dimension}\u0000${r.group}`));
      expect(pairs.size).toBeGreaterThan(5);
      for (const pair of pairs) {
        const [dimension, group] = pair.split('\u0000') as [string, string];
        const f = await computeMetrics(engine, { includeExtra: true, breakdowns: false, filters: { [dimension]: [group] } });
        for (const r of all.metrics.filter((x) => x.dimension === dimension && x.group === group)) {
          const o = pick(f.metrics, r.metric, r.grain, r.period);
          expect({ ...o, dimension, group }, `${r.metric} ${r.period} ${dimension}=${group}`).toEqual(r);
        }
      }
    }
  });
});
