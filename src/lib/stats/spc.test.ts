import { describe, expect, it } from 'vitest';
import {
  assurance,
  assuranceIconInfo,
  computeSpc,
  spcSeries,
  variationIconInfo,
  xmrLines,
  type SpcInput,
  type SpcPoint
} from './spc';

/** Month labels 2024-01, 2024-02, ... (plain label generation, no statistics). */
function month(i: number): string {
  const y = 2024 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
}
function series(values: (number | null)[]): SpcInput[] {
  return values.map((value, i) => ({ period: month(i), value, complete: true, partial: false }));
}
const rules = (p: SpcPoint | undefined): string[] => (p ? p.flags.map((f) => `${f.rule}:${f.side}`) : []);

// The hand-worked base series, 12 points.
// sum = 10+14+12+11+13+12+10+14+12+11+13+12 = 144 -> mean = 144/12 = 12
// MR  = 4,2,1,2,1,2,4,2,1,2,1 -> sum 22 over 11 ranges -> mean MR = 2
// limits = 12 +/- 2.66*2 = 12 +/- 5.32 -> upper 17.32, lower 6.68
// two-thirds bands = 12 +/- (2/3)*5.32 = 12 +/- 3.54667 -> 15.54667 and 8.45333
const BASE = [10, 14, 12, 11, 13, 12, 10, 14, 12, 11, 13, 12];
const BASE_TO = month(11); // 2024-12

describe('XmR lines', () => {
  it('hand-worked 12-point example: mean 12, mean MR 2, limits 17.32 / 6.68, not trial', () => {
    const r = computeSpc(series(BASE), { polarity: 'up' });
    const seg = r.segments[0];
    expect(r.segments).toHaveLength(1);
    expect(seg?.mean).toBeCloseTo(12, 12);
    expect(seg?.meanMovingRange).toBeCloseTo(2, 12);
    expect(seg?.upper).toBeCloseTo(17.32, 12);
    expect(seg?.lower).toBeCloseTo(6.68, 12);
    expect(seg?.trial).toBe(false);
    expect(seg?.calculationPoints).toBe(12);
    // No point beyond 15.547 or 8.453, no run of 7 on one side (12s sit on the mean), no trend.
    expect(r.points.every((p) => p.flags.length === 0)).toBe(true);
    expect(r.variationIcon).toBe('common_cause');
    expect(r.latest?.period).toBe('2024-12');
  });

  it('11 points give trial limits (mean 132/11 = 12, MR 21/10 = 2.1, limits 12 +/- 5.586)', () => {
    // First 11 values: sum 144 - 12 = 132 -> mean 12; MRs drop the last one (|12-13| = 1): 22 - 1 = 21 over 10.
    const r = computeSpc(series(BASE.slice(0, 11)), { polarity: 'up' });
    const seg = r.segments[0];
    expect(seg?.trial).toBe(true);
    expect(seg?.meanMovingRange).toBeCloseTo(2.1, 12);
    expect(seg?.upper).toBeCloseTo(17.586, 12);
    expect(seg?.lower).toBeCloseTo(6.414, 12);
    expect(r.points.every((p) => p.trial)).toBe(true);
  });

  it('one point: mean but no limits; no points: nothing', () => {
    expect(xmrLines([5])).toEqual({ mean: 5, meanMovingRange: null, upper: null, lower: null });
    const empty = computeSpc([], { polarity: 'up' });
    expect(empty.points).toEqual([]);
    expect(empty.latest).toBeNull();
    expect(empty.variationIcon).toBeNull();
  });

  it('sorts points into period order', () => {
    const shuffled = series(BASE).reverse();
    const r = computeSpc(shuffled, { polarity: 'up' });
    expect(r.points.map((p) => p.period)).toEqual(BASE.map((_, i) => month(i)));
    expect(r.segments[0]?.meanMovingRange).toBeCloseTo(2, 12);
  });
});

describe('excluded points', () => {
  it('null, incomplete and partial points are returned, excluded, and do not move the lines', () => {
    const input = series(BASE);
    // Put wild excluded values between included points; the moving range spans each gap, so the
    // included neighbours (12 then 11, 12 then 10) give the same ranges as before.
    input.splice(6, 0, { period: '2024-06x', value: 1000, complete: false, partial: false });
    input.splice(3, 0, { period: '2024-03x', value: null, complete: true, partial: false });
    input.push({ period: '2025-01', value: -500, complete: true, partial: true });
    const r = computeSpc(input, { polarity: 'up' });
    // Included points are exactly BASE in order -> mean 12, mean MR 2 as hand-worked above.
    expect(r.segments[0]?.mean).toBeCloseTo(12, 12);
    expect(r.segments[0]?.meanMovingRange).toBeCloseTo(2, 12);
    const byPeriod = new Map(r.points.map((p) => [p.period, p]));
    expect(byPeriod.get('2024-03x')).toMatchObject({ included: false, exclusion: 'no_value', flags: [] });
    expect(byPeriod.get('2024-06x')).toMatchObject({ included: false, exclusion: 'incomplete', flags: [] });
    expect(byPeriod.get('2025-01')).toMatchObject({ included: false, exclusion: 'partial', flags: [] });
    // Excluded points still carry the segment lines for drawing.
    expect(byPeriod.get('2025-01')?.upper).toBeCloseTo(17.32, 12);
    // Latest included point is 2024-12, not the partial 2025-01.
    expect(r.latest?.period).toBe('2024-12');
    expect(r.variationIcon).toBe('common_cause');
    expect(r.segments[0]?.calculationPoints).toBe(12);
  });
});

describe('rule 1: outside the limits', () => {
  // Baseline = the 12 hand-worked points (upper 17.32); a 13th point is judged against those limits.
  it('17.4 > 17.32 is outside (high); 17.2 is not', () => {
    const out = computeSpc(series([...BASE, 17.4]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(rules(out.points[12])).toEqual(['outside:high']);
    expect(out.variationIcon).toBe('improvement_high');
    const inside = computeSpc(series([...BASE, 17.2]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(rules(inside.points[12])).toEqual([]);
    expect(inside.variationIcon).toBe('common_cause');
  });

  it('low side, and icons for each polarity', () => {
    const vals = series([...BASE, 6.6]); // 6.6 < 6.68
    const up = computeSpc(vals, { polarity: 'up', baseline: { to: BASE_TO } });
    expect(rules(up.points[12])).toEqual(['outside:low']);
    expect(up.variationIcon).toBe('concern_low');
    expect(computeSpc(vals, { polarity: 'down', baseline: { to: BASE_TO } }).variationIcon).toBe('improvement_low');
    expect(computeSpc(vals, { polarity: 'neutral', baseline: { to: BASE_TO } }).variationIcon).toBe('neither_low');
    const high = series([...BASE, 18]);
    expect(computeSpc(high, { polarity: 'down', baseline: { to: BASE_TO } }).variationIcon).toBe('concern_high');
    expect(computeSpc(high, { polarity: 'neutral', baseline: { to: BASE_TO } }).variationIcon).toBe('neither_high');
  });

  it('baseline limits apply forward: the 13th point does not move them', () => {
    const r = computeSpc(series([...BASE, 17.4]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(r.segments[0]?.calculationPoints).toBe(12);
    expect(r.points[12]?.upper).toBeCloseTo(17.32, 12);
    // Without the baseline the 13 points give: mean = (144 + 17.4)/13 = 12.4154;
    // MR sum = 22 + |17.4 - 12| = 27.4 over 12 = 2.28333; upper = 12.4154 + 6.0737 = 18.489 -> not outside.
    const all = computeSpc(series([...BASE, 17.4]), { polarity: 'up' });
    expect(all.segments[0]?.upper).toBeCloseTo(161.4 / 13 + 2.66 * (27.4 / 12), 9);
    expect(rules(all.points[12])).toEqual([]);
  });

  it('baseline from: only points from that period set the limits', () => {
    // from 2024-07: values 10,14,12,11,13,12 -> mean 72/6 = 12; MRs 4,2,1,2,1 -> 10/5 = 2; limits 17.32 / 6.68, trial.
    const r = computeSpc(series([30, 30, 30, 30, 30, 30, 10, 14, 12, 11, 13, 12]), {
      polarity: 'up',
      baseline: { from: '2024-07' }
    });
    expect(r.segments[0]?.calculationPoints).toBe(6);
    expect(r.segments[0]?.mean).toBeCloseTo(12, 12);
    expect(r.segments[0]?.upper).toBeCloseTo(17.32, 12);
    expect(r.segments[0]?.trial).toBe(true);
    // The early 30s lie above the limits they are judged against.
    expect(rules(r.points[0])).toContain('outside:high');
  });
});

describe('rule 2: trend', () => {
  // 9 (index 2) up to 14 (index 7): 6 rising points.
  const six = [10, 14, 9, 10, 11, 12, 13, 14, 10];
  // 8 (index 2) up to 14 (index 8): 7 rising points.
  const seven = [10, 14, 8, 9, 10, 11, 12, 13, 14, 10];
  const trendAt = (r: ReturnType<typeof computeSpc>): number[] =>
    r.points.flatMap((p, i) => (p.flags.some((f) => f.rule === 'trend') ? [i] : []));

  it('6 rising points never fire: the trend is 7 points whatever the shift run-length setting', () => {
    expect(trendAt(computeSpc(series(six), { polarity: 'up' }))).toEqual([]);
    expect(trendAt(computeSpc(series(six), { polarity: 'up', runLength: 6 }))).toEqual([]);
  });

  it('7 rising points fire, with either run-length setting', () => {
    expect(trendAt(computeSpc(series(seven), { polarity: 'up' }))).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const r6 = computeSpc(series(seven), { polarity: 'up', runLength: 6 });
    expect(trendAt(r6)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(r6.points[8]?.flags.find((f) => f.rule === 'trend')).toEqual({ rule: 'trend', side: 'high', length: 7 });
  });

  it('7 falling points fire low; an equal value breaks a run', () => {
    const falling = computeSpc(series([20, 19, 18, 17, 16, 15, 14]), { polarity: 'down' });
    expect(falling.points.every((p) => p.flags.some((f) => f.rule === 'trend' && f.side === 'low'))).toBe(true);
    const tie = computeSpc(series([1, 2, 3, 3, 4, 5, 6, 7]), { polarity: 'up' });
    expect(trendAt(tie)).toEqual([]);
  });
});

describe('rule 3: two of three beyond two-thirds', () => {
  // Baseline of the 12 hand-worked points: upper band 15.54667, lower band 8.45333.
  it('16, 12.5, 16 -> the two 16s flagged high', () => {
    const r = computeSpc(series([...BASE, 16, 12.5, 16]), { polarity: 'down', baseline: { to: BASE_TO } });
    expect(rules(r.points[12])).toEqual(['two_of_three:high']);
    expect(rules(r.points[13])).toEqual([]);
    expect(rules(r.points[14])).toEqual(['two_of_three:high']);
    expect(r.variationIcon).toBe('concern_high');
  });

  it('16, 12, 12, 16 does not fire (never 2 in any 3)', () => {
    const r = computeSpc(series([...BASE, 16, 12, 12, 16]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(r.points.slice(12).every((p) => p.flags.length === 0)).toBe(true);
  });

  it('opposite sides do not count together: 16, 8, 12', () => {
    const r = computeSpc(series([...BASE, 16, 8, 12]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(r.points.slice(12).every((p) => p.flags.length === 0)).toBe(true);
  });

  it('two low points fire low when all three are below the mean: 8, 11.5, 8', () => {
    const r = computeSpc(series([...BASE, 8, 11.5, 8]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(rules(r.points[12])).toEqual(['two_of_three:low']);
    expect(rules(r.points[13])).toEqual([]);
    expect(rules(r.points[14])).toEqual(['two_of_three:low']);
    expect(r.variationIcon).toBe('concern_low');
  });

  it('a middle point on the mean is on neither side: 8, 12, 8 does not fire', () => {
    const r = computeSpc(series([...BASE, 8, 12, 8]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(r.points.every((p) => p.flags.length === 0)).toBe(true);
    expect(r.variationIcon).toBe('common_cause');
  });
});

describe('rule 3 around a mean of 0 (the corrected reading)', () => {
  // Stable baseline of 12 points alternating 1, -1, 1, -1, ... (2024-01 .. 2024-12):
  //   mean = (6 x 1 + 6 x -1) / 12 = 0
  //   moving ranges = |-1 - 1| = 2, eleven times -> mean MR = 22 / 11 = 2
  //   limits = 0 +/- 2.66 x 2 = +/- 5.32
  //   two-thirds of the way to a limit = 0 +/- (2/3) x 5.32 = +/- 3.54667
  // The baseline itself: nothing beyond 3.54667, no two points in a row on one side, no trend.
  // The limits are frozen at the baseline (baseline to 2024-12) so later points do not move them.
  const ZERO = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1];
  const after = (tail: number[]): ReturnType<typeof computeSpc> =>
    computeSpc(series([...ZERO, ...tail]), { polarity: 'up', baseline: { to: BASE_TO } });

  it('the baseline: mean 0, mean MR 2, limits +/- 5.32, no flag', () => {
    const r = computeSpc(series(ZERO), { polarity: 'up' });
    expect(r.segments[0]?.mean).toBeCloseTo(0, 12);
    expect(r.segments[0]?.meanMovingRange).toBeCloseTo(2, 12);
    expect(r.segments[0]?.upper).toBeCloseTo(5.32, 12);
    expect(r.segments[0]?.lower).toBeCloseTo(-5.32, 12);
    expect(r.points.every((p) => p.flags.length === 0)).toBe(true);
  });

  it('4, -0.5, 4 is common cause: two points beyond 3.547 but the middle one is below the mean', () => {
    // 4 < 5.32 (inside the limits); windows (-1, 4, -0.5) and (4, -0.5, 4) are not all above 0;
    // -1 -> 4 -> -0.5 -> 4 is no trend; no run on one side.
    const r = after([4, -0.5, 4]);
    expect(r.points.every((p) => p.flags.length === 0)).toBe(true);
    expect(r.latest?.period).toBe('2025-03');
    expect(r.variationIcon).toBe('common_cause');
  });

  it('4, 0.5, 4 is special cause: all three above 0, the two 4s beyond 3.547', () => {
    const r = after([4, 0.5, 4]);
    expect(rules(r.points[12])).toEqual(['two_of_three:high']);
    expect(rules(r.points[13])).toEqual([]);
    expect(rules(r.points[14])).toEqual(['two_of_three:high']);
    expect(r.variationIcon).toBe('improvement_high');
  });

  it('4, 0, 4: a middle point on the mean breaks it', () => {
    expect(after([4, 0, 4]).variationIcon).toBe('common_cause');
  });

  it('a point beyond the limit counts as beyond two-thirds: 6, 1, 4', () => {
    // 6 > 5.32 is outside (rule 1) and, with 4 > 3.547 and 1 > 0, makes two of three.
    const r = after([6, 1, 4]);
    expect(rules(r.points[12]).sort()).toEqual(['outside:high', 'two_of_three:high']);
    expect(rules(r.points[14])).toEqual(['two_of_three:high']);
    expect(r.variationIcon).toBe('improvement_high');
    // 6, -0.5, 4: only the 6 is special (outside); the latest 4 is common cause.
    const apart = after([6, -0.5, 4]);
    expect(rules(apart.points[12])).toEqual(['outside:high']);
    expect(rules(apart.points[14])).toEqual([]);
    expect(apart.variationIcon).toBe('common_cause');
  });

  it('low side: -4, -0.5, -4 fires low (concern for polarity up), -4, 0.5, -4 does not', () => {
    const r = after([-4, -0.5, -4]);
    expect(rules(r.points[14])).toEqual(['two_of_three:low']);
    expect(r.variationIcon).toBe('concern_low');
    expect(after([-4, 0.5, -4]).variationIcon).toBe('common_cause');
  });
});

describe('rule 4: shift', () => {
  // After the baseline (mean 12; its last point 12 sits ON the mean and breaks runs), points of 13 lie
  // above the mean but inside the 2/3 band (15.547), and equal values give no trend.
  it('6 points above the mean do not fire at run length 7, do at 6', () => {
    const vals = series([...BASE, 13, 13, 13, 13, 13, 13]);
    const r7 = computeSpc(vals, { polarity: 'up', baseline: { to: BASE_TO } });
    expect(r7.points.every((p) => p.flags.length === 0)).toBe(true);
    const r6 = computeSpc(vals, { polarity: 'up', baseline: { to: BASE_TO }, runLength: 6 });
    expect(r6.points.slice(12).every((p) => rules(p).join() === 'shift:high')).toBe(true);
    expect(r6.points.slice(0, 12).every((p) => p.flags.length === 0)).toBe(true);
    expect(r6.variationIcon).toBe('improvement_high');
  });

  it('7 points below the mean fire at the default length; down polarity -> improvement_low', () => {
    const r = computeSpc(series([...BASE, 11, 11, 11, 11, 11, 11, 11]), { polarity: 'down', baseline: { to: BASE_TO } });
    expect(r.points.slice(12).every((p) => rules(p).join() === 'shift:low')).toBe(true);
    expect(r.points[18]?.flags[0]?.length).toBe(7);
    expect(r.variationIcon).toBe('improvement_low');
    expect(r.latest?.variation).toBe('improvement');
  });

  it('a point on the mean breaks the run', () => {
    const r = computeSpc(series([...BASE, 13, 13, 13, 12, 13, 13, 13]), { polarity: 'up', baseline: { to: BASE_TO } });
    expect(r.points.every((p) => p.flags.length === 0)).toBe(true);
  });
});

describe('conflicting flags at one point', () => {
  // After the baseline (mean 12, band 15.547): 15.5 down to 12.5 in steps of 0.5 = 7 points falling
  // (trend low) that are all above the mean (shift high); none beyond the band.
  const vals = series([...BASE, 15.5, 15, 14.5, 14, 13.5, 13, 12.5]);
  it('the trend decides the side (priority outside, trend, two of three, shift)', () => {
    const r = computeSpc(vals, { polarity: 'up', baseline: { to: BASE_TO } });
    expect(rules(r.latest ?? undefined).sort()).toEqual(['shift:high', 'trend:low']);
    expect(r.latest?.side).toBe('low');
    expect(r.variationIcon).toBe('concern_low');
  });
});

describe('recalculation from a marked change', () => {
  it('each segment has its own lines', () => {
    // Segment 2 from 2025-01: 20, 22, 21 -> mean 63/3 = 21; MR (2 + 1)/2 = 1.5; limits 21 +/- 3.99.
    const r = computeSpc(series([...BASE, 20, 22, 21]), { polarity: 'up', changePoints: ['2025-01'] });
    expect(r.segments).toHaveLength(2);
    expect(r.segments[0]).toMatchObject({ from: '2024-01', to: '2024-12', calculationPoints: 12, trial: false });
    expect(r.segments[0]?.mean).toBeCloseTo(12, 12);
    expect(r.segments[1]).toMatchObject({ index: 1, from: '2025-01', to: '2025-03', calculationPoints: 3, trial: true });
    expect(r.segments[1]?.mean).toBeCloseTo(21, 12);
    expect(r.segments[1]?.upper).toBeCloseTo(24.99, 12);
    expect(r.segments[1]?.lower).toBeCloseTo(17.01, 12);
    expect(r.points[12]?.segment).toBe(1);
    expect(r.points[11]?.segment).toBe(0);
    // Within its own segment the new level is common cause.
    expect(r.variationIcon).toBe('common_cause');
    // Without the change point the same data show special cause at the end (20+ is far above 17.32-ish limits).
    const one = computeSpc(series([...BASE, 20, 22, 21]), { polarity: 'up' });
    expect(one.segments).toHaveLength(1);
    expect(one.variationIcon).toBe('improvement_high');
  });
});

describe('assurance', () => {
  // Limits 6.68 .. 17.32 from the hand-worked example.
  it('up: target at or below the lower limit passes, above the upper fails, between is hit and miss', () => {
    expect(assurance(6, 'up', 6.68, 17.32)).toBe('pass');
    expect(assurance(6.68, 'up', 6.68, 17.32)).toBe('pass');
    expect(assurance(18, 'up', 6.68, 17.32)).toBe('fail');
    expect(assurance(12, 'up', 6.68, 17.32)).toBe('hit_and_miss');
  });
  it('down: target at or above the upper limit passes, below the lower fails', () => {
    expect(assurance(18, 'down', 6.68, 17.32)).toBe('pass');
    expect(assurance(6, 'down', 6.68, 17.32)).toBe('fail');
    expect(assurance(12, 'down', 6.68, 17.32)).toBe('hit_and_miss');
  });
  it('none without target, with neutral polarity, or without limits', () => {
    expect(assurance(null, 'up', 6.68, 17.32)).toBeNull();
    expect(assurance(12, 'neutral', 6.68, 17.32)).toBeNull();
    expect(assurance(12, 'up', null, null)).toBeNull();
  });
  it('computeSpc uses the latest segment limits', () => {
    expect(computeSpc(series(BASE), { polarity: 'up', target: 5 }).assuranceIcon).toBe('pass');
    expect(computeSpc(series(BASE), { polarity: 'up', target: 20 }).assuranceIcon).toBe('fail');
    expect(computeSpc(series(BASE), { polarity: 'down', target: 20 }).assuranceIcon).toBe('pass');
    expect(computeSpc(series(BASE), { polarity: 'up' }).assuranceIcon).toBeNull();
  });
});

describe('icon words, colours and letters', () => {
  it('variation icons', () => {
    expect(variationIconInfo('improvement_high', 'up')).toEqual({
      words: 'Special cause variation - improvement (higher is better)',
      colour: '#00B0F0',
      letter: 'H',
      shape: 'arrow_up'
    });
    expect(variationIconInfo('concern_low', 'up').words).toBe('Special cause variation - concern (higher is better)');
    expect(variationIconInfo('improvement_low', 'down').words).toBe('Special cause variation - improvement (lower is better)');
    expect(variationIconInfo('common_cause', 'up').colour).toBe('#A6A6A6');
    expect(variationIconInfo('neither_low', 'neutral')).toMatchObject({ colour: '#490092', letter: 'L' });
    expect(variationIconInfo('concern_high', 'down')).toMatchObject({ colour: '#E46C0A', letter: 'H' });
  });
  it('assurance icons', () => {
    expect(assuranceIconInfo('pass').letter).toBe('P');
    expect(assuranceIconInfo('fail').letter).toBe('F');
    expect(assuranceIconInfo('hit_and_miss').words).toContain('hit and miss');
  });
});

describe('series for SPC', () => {
  const base = { dimension: null as string | null, group: null as string | null };
  const rows = [
    { ...base, metric: 'a', grain: 'quarter' as const, period: '2024-25 Q1' },
    { ...base, metric: 'a', grain: 'month' as const, period: '2024-05' },
    { ...base, metric: 'a', grain: 'month' as const, period: '2024-04' },
    { metric: 'a', grain: 'month' as const, period: '2024-04', dimension: '"agency"', group: '"police"' },
    { ...base, metric: 'b', grain: 'quarter' as const, period: '2024-25 Q2' },
    { ...base, metric: 'b', grain: 'quarter' as const, period: '2024-25 Q1' }
  ];
  it('prefers monthly rows of the series, in period order', () => {
    expect(spcSeries(rows, 'a').map((r) => r.period)).toEqual(['2024-04', '2024-05']);
    expect(spcSeries(rows, 'a', '"agency"', '"police"').map((r) => r.period)).toEqual(['2024-04']);
  });
  it('falls back to quarters (training, barriers)', () => {
    expect(spcSeries(rows, 'b').map((r) => r.period)).toEqual(['2024-25 Q1', '2024-25 Q2']);
    expect(spcSeries(rows, 'zzz')).toEqual([]);
  });
});
