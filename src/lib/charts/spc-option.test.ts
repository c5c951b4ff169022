import { describe, expect, it } from 'vitest';
import type { SpcPoint, SpcResult } from '$lib/stats/spc';
import { pointStyle, spcKey, spcOption } from './spc-option';

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
  it('tells points apart by shape as well as colour (a left-out point by being hollow)', () => {
    const styles = [
      pointStyle(base),
      pointStyle({ ...base, variation: 'improvement', side: 'high' }),
      pointStyle({ ...base, variation: 'concern', side: 'low' }),
      pointStyle({ ...base, variation: 'neither', side: 'low' })
    ];
    expect(new Set(styles.map((s) => s.symbol)).size).toBe(4);
    // a left-out point is a ring: a white-filled circle, where a common-cause point is a filled one
    const left = pointStyle({ ...base, included: false, exclusion: 'partial' });
    expect(left.symbol).toBe('circle');
    expect(left.color).toBe('#ffffff');
    expect(styles[0]!.color).not.toBe('#ffffff');
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

describe('SPC key', () => {
  it('names exactly the marks drawn', () => {
    const spc: SpcResult = {
      points: [
        base,
        { ...base, period: '2024-25 Q2', variation: 'concern', side: 'high' },
        { ...base, period: '2024-25 Q3', included: false, exclusion: 'partial' }
      ],
      segments: [{ index: 0, from: '2024-25 Q1', to: '2024-25 Q3', mean: 0.4, upper: 0.6, lower: 0.2, meanMovingRange: 0.1, calculationPoints: 2, trial: true }],
      runLength: 7,
      latest: null,
      variationIcon: null,
      assuranceIcon: null
    };
    expect(spcKey(spc)).toEqual([
      'Blue line: the value',
      'Solid grey line: the mean',
      'Dotted grey lines: trial limits (fewer than 12 points)',
      'Grey circle: common cause (ordinary ups and downs)',
      'Orange diamond: special cause, concern',
      'Hollow circle: left out of the limits (period not yet over, or its follow-up or look-back window not complete)'
    ]);
    // the concern point suppressed: its marker is not drawn, a gap is
    const key = spcKey(spc, new Set(['2024-25 Q2']));
    expect(key).not.toContain('Orange diamond: special cause, concern');
    expect(key).toContain('Gap in the line: suppressed (c)');
    // the markers drawn are the ones named
    expect(pointStyle(spc.points[1]!).symbol).toBe('diamond');
    expect(pointStyle(spc.points[2]!).symbol).toBe('circle');
  });
});

describe('SPC axis', () => {
  it('ends on round values, so no end label sits over a tick label', () => {
    const spc: SpcResult = { points: [base], segments: [], runLength: 7, latest: null, variationIcon: null, assuranceIcon: null };
    type Axis = { min: number | ((e: { min: number; max: number }) => number); max: (e: { min: number; max: number }) => number };
    const rate = (spcOption(spc, 'rate') as { yAxis: Axis }).yAxis;
    // 41% -> 50%, 79.7% -> 80%, 80% stays, above 100% -> 100%
    expect([0.41, 0.797, 0.8, 1.2].map((max) => rate.max({ min: 0, max }))).toEqual([0.5, 0.8, 0.8, 1]);
    const count = (spcOption(spc, 'count') as { yAxis: Axis }).yAxis;
    // 13 to 87: a span of 74, step 10 -> 10 to 90
    expect([(count.min as (e: { min: number; max: number }) => number)({ min: 13, max: 87 }), count.max({ min: 13, max: 87 })]).toEqual([10, 90]);
  });
});
