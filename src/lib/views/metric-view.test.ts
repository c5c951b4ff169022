import { describe, expect, it } from 'vitest';
import type { MetricRow } from '$lib/metrics/compute';
import { buildMetricView, csvCell, rowsCsv } from './metric-view';

const row = (period: string, numerator: number, denominator: number, extra: Partial<MetricRow> = {}): MetricRow => ({
  metric: 'rereferral_12m',
  grain: 'quarter',
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

const def = { id: 'rereferral_12m', title: 'Re-referrals within 12 months', unit: 'rate' as const, polarity: 'down' as const };
const view = { publication: false, baseline: null, changes: [], runLength: 7 as const };

describe('metric view', () => {
  const rows = [
    row('2024-25 Q1', 20, 100),
    row('2024-25 Q2', 3, 40), // numerator 3: suppressed when publishing
    row('2024-25 Q2', 1, 10, { dimension: 'agency', group: 'police' }),
    row('2024-25 Q2', 2, 30, { dimension: 'agency', group: 'health' })
  ];

  it('shows true values to the analyst', () => {
    const v = buildMetricView(def, rows, view, 'agency');
    expect(v.overall.map((r) => r.period)).toEqual(['2024-25 Q1', '2024-25 Q2']);
    expect(v.breakdown).toHaveLength(2);
    expect(v.hidden.size).toBe(0);
    expect(v.shownOverall[1]!.value).toBe(3 / 40);
  });

  it('suppresses for publication and leaves suppressed points out of the chart', () => {
    const v = buildMetricView(def, rows, { ...view, publication: true }, 'agency');
    expect([...v.hidden]).toEqual(['2024-25 Q2']);
    expect(v.shownOverall[1]!.value).toBe('c');
    expect(v.shownOverall[0]!.value).toBe(0.2);
    // police 1/10 and health 2/30 both have numerators of 1 to 5
    expect(v.shownBreakdown.map((r) => r.value)).toEqual(['c', 'c']);
  });

  it('writes CSV with a BOM, quoting, and neutralised formula cells', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    const csv = rowsCsv(buildMetricView(def, rows, { ...view, publication: true }, null).shownOverall);
    expect(csv.startsWith('\uFEFFmetric,grain,period,')).toBe(true);
    expect(csv.split('\r\n')[2]).toBe('rereferral_12m,quarter,2024-25 Q2,,,c,c,c,,true,false');
  });
});
