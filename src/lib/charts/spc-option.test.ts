import { describe, expect, it } from 'vitest';
import type { SpcPoint, SpcResult } from '$lib/stats/spc';
import { pointStyle, spcOption } from './spc-option';

const base: SpcPoint = {
  period: '2024-25 Q1',
  value: 0.5,
  included: true,
  exclusion: null,
  segment: 0,
  mean: 0.4,
  upper: 0.6,
  lower: 0.2,
  trial: true,
  flags: [],
  side: null,
  variation: null
};

describe('SPC chart option', () => {
  it('tells points apart by shape as well as colour', () => {
    const shapes = [
      pointStyle(base).symbol,
      pointStyle({ ...base, variation: 'improvement', side: 'high' }).symbol,
      pointStyle({ ...base, variation: 'concern', side: 'low' }).symbol,
      pointStyle({ ...base, variation: 'neither', side: 'low' }).symbol,
      pointStyle({ ...base, included: false, exclusion: 'partial' }).symbol
    ];
    expect(new Set(shapes).size).toBe(5);
    expect(pointStyle({ ...base, included: false, exclusion: 'partial' }).label).toBe('left out of the limits (partial period)');
  });

  it('leaves suppressed points out as gaps but keeps the limits', () => {
    const spc: SpcResult = {
      points: [base, { ...base, period: '2024-25 Q2', value: 0.3 }],
      segments: [],
      runLength: 7,
      latest: null,
      variationIcon: null,
      assuranceIcon: null
    };
    const option = spcOption(spc, 'rate', { hidden: new Set(['2024-25 Q2']) }) as {
      series: { name: string; data: ({ value: number | null } | number | null)[] }[];
    };
    const values = option.series[0]!.data.map((d) => (d as { value: number | null }).value);
    expect(values).toEqual([0.5, null]);
    expect(option.series[1]!.data).toEqual([0.4, 0.4]);
    expect(option.series[2]!.data).toEqual([0.6, 0.6]);
  });
});
