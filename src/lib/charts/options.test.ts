import { describe, expect, it } from 'vitest';
import { lineOption, stackedBarOption, breakdownKey } from './options';
import { AGENCY_COLOURS } from './markers';

const row = (period: string, key: string, group: string, value: number, partial = false) => ({ period, key, group, value, complete: true, partial });

type Opt = { series: { name: string; color: string; data: { value: number | null; symbol?: string }[] }[]; legend?: { type: string }; xAxis: { axisLabel: { formatter: (p: string) => string } } };

describe('breakdown charts', () => {
  it('give each agency its own colour whatever its rank, and label groups and months in words', () => {
    // health is the larger group in one extract and the smaller in the other: its colour stays
    const a = stackedBarOption([row('2025-03', 'health', 'Health', 10), row('2025-03', 'police', 'Police', 2)], 'count', { dimension: 'agency' }) as unknown as Opt;
    const b = stackedBarOption([row('2025-03', 'health', 'Health', 1), row('2025-03', 'police', 'Police', 20)], 'count', { dimension: 'agency' }) as unknown as Opt;
    const colour = (o: Opt, name: string) => o.series.find((s) => s.name === name)!.color;
    expect(colour(a, 'Health')).toBe(AGENCY_COLOURS.health);
    expect(colour(b, 'Health')).toBe(AGENCY_COLOURS.health);
    expect(colour(b, 'Police')).toBe(AGENCY_COLOURS.police);
    expect(a.legend?.type).toBe('plain');
    expect(a.xAxis.axisLabel.formatter('2025-03')).toBe('Mar 2025');
  });

  it('draws a point left out hollow and says so in the key', () => {
    const rows = [row('2025-02', 'north', 'North', 0.2), row('2025-03', 'north', 'North', 0.3, true)];
    const o = lineOption(rows, 'rate', { dimension: 'locality' }) as unknown as Opt;
    expect(o.series[0]!.data.map((d) => d.symbol ?? null)).toEqual([null, 'circle']);
    // hollow = white fill inside a ring in the series' colour
    expect((o.series[0]!.data[1] as unknown as { itemStyle: { color: string; borderWidth: number } }).itemStyle).toMatchObject({ color: '#ffffff', borderWidth: 2 });
    expect(breakdownKey(rows, 'line')).toContain('Hollow marker: period not yet over, or its window not complete');
    expect(breakdownKey([rows[0]!], 'line')).toHaveLength(1);
  });
});
