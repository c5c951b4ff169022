import { describe, expect, it } from 'vitest';
import type { MetricRow } from '$lib/metrics/types';
import { metricById } from '$lib/metrics/registry';
import { DEFAULT_VIEW } from '$lib/data/view-state';
import { presentMeasure } from './measure';
import { batchesOf, requestFor, rowsKey, rowsQueryOf } from './request';

const def = metricById('rereferral_12m')!;
const rate = (period: string, numerator: number, denominator: number, extra: Partial<MetricRow> = {}): MetricRow => ({
  metric: 'rereferral_12m',
  grain: period.includes('Q') ? 'quarter' : 'month',
  period,
  dimension: null,
  group: null,
  numerator,
  denominator,
  value: numerator / denominator,
  p90: null,
  complete: true,
  partial: false,
  ...extra
});

// Quarters: 2024-25 Q1 20/100, Q2 30/100, Q3 3/40 (window not complete), Q4 10/50 (not over).
// Monthly rows of Q2 (10/30, 10/30, 10/40) for the icon. Breakdown of Q2 by agency.
const rows: MetricRow[] = [
  rate('2024-25 Q1', 20, 100),
  rate('2024-25 Q2', 30, 100),
  rate('2024-25 Q3', 3, 40, { complete: false }),
  rate('2024-25 Q4', 10, 50, { partial: true }),
  rate('2024-07', 10, 30),
  rate('2024-08', 10, 30),
  rate('2024-09', 10, 40),
  rate('2024-25 Q2', 2, 20, { dimension: 'agency', group: 'police' }),
  rate('2024-25 Q2', 28, 80, { dimension: 'agency', group: 'health' }),
  { ...rate('2024-25 Q2', 1, 1), metric: 'nfa_rate' } // another measure's row: ignored
];

describe('presented measure', () => {
  const req = requestFor(def, DEFAULT_VIEW, true);

  it('headlines the latest complete quarter, with the later one only so far', () => {
    const pm = presentMeasure(def, rows, req);
    // Q3s look-back window is not complete and Q4 is not over: the headline is Q2, 30/100
    expect(pm.headline).toMatchObject({ measure: 'rereferral_12m', period: '2024-25 Q2', value: 0.3, exact: '0.3', text: '30.0%' });
    // 0.30 - 0.20 = 0.10 up; lower is better
    expect(pm.headline?.previous).toBe('up 10.0 percentage points on the previous quarter (worse)');
    expect(pm.headline?.yearAgo).toBe('no figure for 2023-24 Q2');
    expect(pm.headline?.soFar).toEqual({ period: '2024-25 Q4', text: '20.0%', why: 'quarter not yet over' });
    expect(pm.sentence.startsWith('Re-referrals within 12 months stood at 30.0% in 2024-25 Q2, up 10.0 percentage points')).toBe(true);
    // the chart and table are monthly by default (the view's grain): the three months
    expect(pm.table.map((r) => [r.period, r.numerator, r.denominator, r.value])).toEqual([
      ['2024-07', '10', '30', '33.3%'],
      ['2024-08', '10', '30', '33.3%'],
      ['2024-09', '10', '40', '25.0%']
    ]);
  });

  it('in publication form shows c where a statistic rests on 1 to 5, and keeps the headline quarter', () => {
    const pub = presentMeasure(def, rows, { ...req, publication: true, grain: 'quarter', dimension: 'agency' });
    expect(pub.headline).toMatchObject({ period: '2024-25 Q2', exact: '0.3' });
    // police 2/20: numerator 2 -> c; health then is the only other group: suppressed too (secondary)
    expect(pub.breakdown?.table.map((r) => [r.groupText, r.value])).toEqual([
      ['Police', 'c'],
      ['Health', 'c']
    ]);
    // Q3 3/40: numerator 3 -> c, a gap in the chart
    expect([...pub.hidden]).toEqual(['2024-25 Q3']);
  });

  it('a suppressed headline is c everywhere, and its changes are not said', () => {
    const small = [rate('2024-25 Q1', 20, 100), rate('2024-25 Q2', 4, 100)];
    const pm = presentMeasure(def, small, { ...req, publication: true });
    expect(pm.headline).toMatchObject({ period: '2024-25 Q2', value: 'c', exact: 'c', text: 'c' });
    expect(pm.headline?.previous).toBe('change on the previous quarter: c');
  });
});

describe('requests', () => {
  it('take only the filters a measure allows, the grain it has and the breakdown chosen', () => {
    const view = { ...DEFAULT_VIEW, locality: ['North'], neglect: true, breakdown: { training_coverage: 'agency', rereferral_12m: 'tool' } };
    const training = requestFor(metricById('training_coverage')!, view, true);
    expect(training).toMatchObject({ grain: 'quarter', grainFallback: true, filters: {}, ignored: ['locality', 'neglect cases only'], dimension: 'agency' });
    const re = requestFor(def, view, true);
    // tool is not a dimension of re-referrals: no breakdown
    expect(re).toMatchObject({ grain: 'month', filters: { locality: ['North'], neglect: true }, ignored: [], dimension: null });
  });

  it('derive the cache key from the question, and batch measures asking the same one', () => {
    const a = requestFor(def, DEFAULT_VIEW, true);
    const b = requestFor(metricById('nfa_rate')!, DEFAULT_VIEW, true);
    const c = requestFor(metricById('tool_uses')!, { ...DEFAULT_VIEW, breakdown: { tool_uses: 'agency' } }, true);
    const batches = batchesOf([a, b, c]);
    expect(batches.get('rereferral_12m')).toEqual(['rereferral_12m', 'nfa_rate']);
    expect(batches.get('tool_uses')).toEqual(['tool_uses']);
    // same question, ids in another order: the same key
    expect(rowsKey(rowsQueryOf(a, ['rereferral_12m', 'nfa_rate']))).toBe(rowsKey(rowsQueryOf(b, ['nfa_rate', 'rereferral_12m'])));
    expect(rowsKey(rowsQueryOf(a))).not.toBe(rowsKey(rowsQueryOf({ ...a, filters: { neglect: true } })));
  });
});
