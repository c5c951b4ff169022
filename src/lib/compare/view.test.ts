/** The compare view on hand-made rows: the funnel's units, and suppression in the publication view. */
import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../metrics/types';
import { buildCompareView } from './view';

const row = (period: string, group: string | null, numerator: number, denominator: number, grain: 'quarter' | 'month' = 'quarter'): MetricRow => ({
  metric: 'rereferral_12m', grain, period, dimension: group === null ? null : 'locality', group,
  numerator, denominator, value: numerator / denominator, p90: null, complete: true, partial: false
});
const ROWS = [row('2024-25 Q1', null, 30, 100), row('2024-25 Q1', 'A', 20, 60), row('2024-25 Q1', 'B', 8, 30), row('2024-25 Q1', 'C', 2, 10), row('2024-25 Q2', null, 1, 1)];
const DEF = { unit: 'rate' as const, polarity: 'down' as const };

describe('buildCompareView', () => {
  it('puts every unit of the quarter on the funnel against the partnership value', () => {
    const v = buildCompareView(DEF, ROWS, 'locality', '2024-25 Q1', false);
    expect(v.p).toBe(0.3);
    expect(v.points.map((p) => [p.group, p.numerator, p.denominator])).toEqual([['A', 20, 60], ['B', 8, 30], ['C', 2, 10]]);
    expect(v.suppressed).toEqual([]);
  });
  it('in the publication view leaves off C (numerator 2: primary) and B (smallest other: secondary)', () => {
    const v = buildCompareView(DEF, ROWS, 'locality', '2024-25 Q1', true);
    expect(v.p).toBe(0.3);
    expect(v.points.map((p) => p.group)).toEqual(['A']);
    expect(v.suppressed).toEqual(['B', 'C']);
  });
  it('draws no funnel when the partnership value is suppressed', () => {
    const v = buildCompareView(DEF, ROWS, 'locality', '2024-25 Q2', true);
    expect(v.p).toBeNull();
    expect(v.curve).toBeNull();
  });
  it('gives one SPC per unit on a shared scale', () => {
    const months = [row('2024-04', null, 10, 40, 'month'), row('2024-04', 'A', 9, 30, 'month'), row('2024-04', 'B', 1, 10, 'month'), row('2024-05', null, 12, 40, 'month'), row('2024-05', 'A', 6, 20, 'month'), row('2024-05', 'B', 6, 20, 'month')];
    const v = buildCompareView(DEF, [...ROWS, ...months], 'locality', '2024-25 Q1', false);
    expect(v.multiples.map((m) => [m.group, m.spc.points.map((p) => p.value)])).toEqual([['A', [0.3, 0.3]], ['B', [0.1, 0.3]]]);
    expect(v.scale.min).toBe(0);
    // the highest value or limit is below 100%, so the axis ends at the next 10% above it
    expect(v.scale.max * 10).toBe(Math.round(v.scale.max * 10));
  });
});
