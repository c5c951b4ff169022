import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../metrics/types';
import { isOverdue, planRows, sparkPoints, trendsOf } from './plan';
import type { ActionRecord } from './types';

const row = (period: string, value: number | null, complete = true, partial = false): MetricRow => ({
  metric: 'nfa_rate', grain: 'quarter', period, dimension: null, group: null, numerator: null, denominator: null, value, p90: null, complete, partial
});
const act = (id: string, due: string, status: string, metric: string | null = 'nfa_rate'): ActionRecord => ({
  action_id: id, title: id, owner_agency: 'police', due_date: due, status, completed_date: null, metric_id: metric, target: null
});

describe('overdue', () => {
  it('is not complete and due strictly before the as-of date', () => {
    const asOf = '2024-09-30';
    expect(isOverdue(act('a', '2024-09-29', 'on_track'), asOf)).toBe(true); // a day before
    expect(isOverdue(act('b', '2024-09-30', 'off_track'), asOf)).toBe(false); // on the day: not before
    expect(isOverdue(act('c', '2020-01-01', 'complete'), asOf)).toBe(false); // complete
    expect(isOverdue(act('d', '2020-01-01', 'not_started'), null)).toBe(false); // no as-of date
  });
});

describe('planRows', () => {
  const rows = [
    row('2024-25 Q1', 0.3),
    row('2024-25 Q2', 0.25),
    row('2024-25 Q3', 0.2, false), // window not complete
    { ...row('2024-25 Q2', 0.9), dimension: 'agency', group: 'police' }, // a breakdown row: ignored
    { ...row('2024-07', 0.1), grain: 'month' as const } // a month: ignored
  ];
  it('takes the headline (latest complete quarter) as the latest value, with the quarterly trend', () => {
    const [r] = planRows([act('A', '2025-01-01', 'on_track')], trendsOf(rows), '2024-12-31');
    // Q3 is not complete, so Q2's 0.25, with Q3 only "so far"
    expect(r?.headline).toMatchObject({ measure: 'nfa_rate', period: '2024-25 Q2', value: 0.25, exact: '0.25' });
    expect(r?.headline?.soFar?.period).toBe('2024-25 Q3');
    expect(r?.trend.map((p) => p.value)).toEqual([0.3, 0.25, 0.2]);
  });
  it('has no headline before a quarter is complete, and none for no measure', () => {
    const [r] = planRows([act('A', '2025-01-01', 'on_track')], trendsOf([row('2024-25 Q1', 0.5, false)]), '2024-06-30');
    expect(r?.headline).toBeNull();
    const [n] = planRows([act('B', '2025-01-01', 'on_track', null)], trendsOf(rows), '2024-06-30');
    expect(n).toMatchObject({ headline: null, trend: [] });
  });
  it('orders by due date then id', () => {
    const out = planRows([act('B', '2025-01-01', 'x'), act('C', '2024-01-01', 'x'), act('A', '2025-01-01', 'x')], new Map(), null);
    expect(out.map((r) => r.action_id)).toEqual(['C', 'A', 'B']);
  });
});

describe('sparkPoints', () => {
  it('spans the box, highest value at the top, nulls skipped', () => {
    // 3 slots across 100 wide with pad 0: x = 0, 50, 100; values 1 (lowest, y=20) and 3 (highest, y=0)
    expect(sparkPoints([1, null, 3], 100, 20, 0)).toBe('0.0,20.0 100.0,0.0');
    expect(sparkPoints([2, 2], 10, 10, 0)).toBe('0.0,5.0 10.0,5.0'); // flat: middle
    expect(sparkPoints([null], 10, 10)).toBe('');
  });
});

describe('publication form', () => {
  const rate = (period: string, numerator: number, denominator: number): MetricRow => ({
    ...row(period, numerator / denominator), numerator, denominator
  });
  it('suppresses a latest value resting on 1 to 5 and leaves a gap in the trend', () => {
    // Q1: 10 of 40 (shown); Q2: 3 of 20 -> numerator 3 is in 1..5: suppressed (c)
    const rows = [rate('2024-25 Q1', 10, 40), rate('2024-25 Q2', 3, 20)];
    const [pub] = planRows([act('A', '2025-01-01', 'on_track')], trendsOf(rows, true), '2024-12-31');
    expect(pub?.headline).toMatchObject({ period: '2024-25 Q2', value: 'c', exact: 'c', text: 'c' });
    expect(pub?.trend.map((p) => p.value)).toEqual([0.25, null]); // 10 / 40 = 0.25
    const [analyst] = planRows([act('A', '2025-01-01', 'on_track')], trendsOf(rows), '2024-12-31');
    expect(analyst?.headline).toMatchObject({ value: 0.15, exact: '0.15', text: '15.0%' }); // 3 / 20 = 0.15
  });
});
