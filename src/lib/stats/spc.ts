/**
 * Statistical process control: Making Data Count XmR chart (metrics.md "Statistical process control").
 *
 * Definitions used here (all pure, no engine):
 * - Points are put in period order (period labels `2024-25 Q1` / `2025-04` sort chronologically as
 *   strings). A point with value null, complete=false or partial=true is returned but excluded from
 *   every calculation and rule.
 * - Segments: `changePoints` lists periods at which a new segment starts ("recalculate from a marked
 *   change"); each segment has its own mean and limits. Moving ranges and rule runs never cross a
 *   segment boundary; inside a segment they run over consecutive INCLUDED points (an excluded point is
 *   skipped, so the moving range spans the gap).
 * - Baseline: with `baseline` {from, to} (inclusive period labels, either end optional), a segment's
 *   mean and limits are computed only from its included points inside that range and applied to every
 *   point of the segment (limits frozen and carried forward). If no included point of a segment lies in
 *   the range, all its included points are used.
 * - centre = mean; MR = |x(t) - x(t-1)|; limits = mean +/- 2.66 x mean(MR). One calculation point gives
 *   a mean but no limits; none gives neither. Fewer than 12 calculation points -> `trial`.
 * - Rules (evaluated per segment over its included points, against the segment's lines):
 *   1 `outside`: value > upper or < lower (strict).
 *   2 `trend`: 7 (always 7: metrics.md gives the run-length setting to the shift only) or more
 *     consecutive points each strictly above (rising) or strictly below (falling) the one before; an
 *     equal value breaks the run. Every point of the run is flagged. Needs no limits.
 *   3 `two_of_three`: 3 consecutive points all strictly on one side of the mean (a point on the mean
 *     belongs to neither side), at least 2 of them strictly beyond two-thirds of the distance to the
 *     limit on that side (above mean + 2/3 (upper - mean), or below mean - 2/3 (mean - lower)); a
 *     point beyond the limit counts as beyond two-thirds. Those beyond points are flagged. This is how
 *     NHS England's tools and NHSRplotthedots read the rule: 4, -0.5, 4 around a mean of 0 is common
 *     cause, because the middle point is on the other side of the mean.
 *   4 `shift`: runLength (the setting, 6 or 7, default 7) or more consecutive points strictly above (or
 *     strictly below) the mean; a point on the mean breaks the run. Every point of the run is flagged.
 * - "Special cause at the latest point": the latest included point carries at least one flag (it is
 *   part of any rule firing). Its direction, when flags disagree, comes from the first firing rule in
 *   the order outside, trend, two_of_three, shift (the order NHSRplotthedots uses).
 * - Variation: polarity up -> high is improvement, low is concern; down -> the reverse; neutral ->
 *   neither.
 * - Assurance (target given, polarity not neutral, latest segment with limits): up: target <= lower
 *   -> pass, target > upper -> fail; down: target >= upper -> pass, target < lower -> fail; else
 *   hit_and_miss. No target, neutral polarity or no limits -> null.
 */
import type { Polarity } from './types';

export type SpcRule = 'outside' | 'trend' | 'two_of_three' | 'shift';
export type Side = 'high' | 'low';
export type Variation = 'improvement' | 'concern' | 'neither';
export type Exclusion = 'no_value' | 'incomplete' | 'partial';

export type VariationIcon =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neither_high'
  | 'neither_low';
export type AssuranceIcon = 'pass' | 'fail' | 'hit_and_miss';

export interface SpcInput {
  period: string;
  value: number | null;
  complete: boolean;
  partial: boolean;
}

export interface SpcOptions {
  polarity: Polarity;
  /** Run length of the shift rule (metrics.md: a setting, 6 or 7); default 7. The trend is always 7. */
  runLength?: 6 | 7;
  target?: number | null;
  /** Periods (inclusive) whose points set the limits; limits apply to the whole segment. */
  baseline?: { from?: string; to?: string };
  /** Periods at which a new segment (with its own limits) starts. */
  changePoints?: string[];
}

export interface SpcFlag {
  rule: SpcRule;
  side: Side;
  /** trend/shift: number of points in the maximal run; two_of_three: 3; outside: 1. */
  length: number;
}

export interface SpcPoint {
  period: string;
  value: number | null;
  included: boolean;
  exclusion: Exclusion | null;
  segment: number;
  mean: number | null;
  upper: number | null;
  lower: number | null;
  trial: boolean;
  flags: SpcFlag[];
  /** Side of the point's special cause (null when none). */
  side: Side | null;
  variation: Variation | null;
}

export interface SpcSegment {
  index: number;
  /** First and last period of the segment (all points, included or not). */
  from: string;
  to: string;
  mean: number | null;
  upper: number | null;
  lower: number | null;
  meanMovingRange: number | null;
  /** Number of points the lines were computed from. */
  calculationPoints: number;
  trial: boolean;
}

export interface SpcResult {
  points: SpcPoint[];
  segments: SpcSegment[];
  /** Run length used for the shift rule. */
  runLength: 6 | 7;
  /** Latest included point (null when none). */
  latest: SpcPoint | null;
  variationIcon: VariationIcon | null;
  assuranceIcon: AssuranceIcon | null;
}

/** Order in which a point's side is taken when its flags disagree (as NHSRplotthedots does). */
export const RULE_PRIORITY: readonly SpcRule[] = ['outside', 'trend', 'two_of_three', 'shift'];

export const SPC_MIN_POINTS = 12;
/** Points in a trend (metrics.md: "7 consecutive points all rise or all fall"). */
export const TREND_LENGTH = 7;

function exclusionOf(p: SpcInput): Exclusion | null {
  if (p.value === null || !Number.isFinite(p.value)) return 'no_value';
  if (p.partial) return 'partial';
  if (!p.complete) return 'incomplete';
  return null;
}

export function variationOf(side: Side, polarity: Polarity): Variation {
  if (polarity === 'neutral') return 'neither';
  const good: Side = polarity === 'up' ? 'high' : 'low';
  return side === good ? 'improvement' : 'concern';
}

/** Mean, mean moving range and limits of a list of values (in order). */
export function xmrLines(values: number[]): {
  mean: number | null;
  meanMovingRange: number | null;
  upper: number | null;
  lower: number | null;
} {
  if (values.length === 0) return { mean: null, meanMovingRange: null, upper: null, lower: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length < 2) return { mean, meanMovingRange: null, upper: null, lower: null };
  let mrSum = 0;
  for (let i = 1; i < values.length; i++) mrSum += Math.abs((values[i] as number) - (values[i - 1] as number));
  const mr = mrSum / (values.length - 1);
  return { mean, meanMovingRange: mr, upper: mean + 2.66 * mr, lower: mean - 2.66 * mr };
}

function inRange(period: string, range: { from?: string; to?: string }): boolean {
  if (range.from !== undefined && period < range.from) return false;
  if (range.to !== undefined && period > range.to) return false;
  return true;
}

/** Flags the points of runs of `n` or more consecutive indices where `step(i)` holds for each step. */
function flagRuns(
  count: number,
  n: number,
  member: (i: number) => boolean,
  startsRun: (i: number) => boolean,
  add: (i: number, length: number) => void
): void {
  // member(i): point i continues the run from point i-1; startsRun is implied for the first point.
  let start = 0;
  for (let i = 1; i <= count; i++) {
    if (i < count && member(i)) continue;
    const length = i - start;
    if (length >= n && startsRun(start)) for (let k = start; k < i; k++) add(k, length);
    start = i;
  }
}

export function computeSpc(input: readonly SpcInput[], options: SpcOptions): SpcResult {
  const runLength = options.runLength ?? 7;
  const ordered = input
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.period < b.p.period ? -1 : a.p.period > b.p.period ? 1 : a.i - b.i))
    .map((x) => x.p);
  const changes = new Set(options.changePoints ?? []);

  const points: SpcPoint[] = [];
  let segment = 0;
  for (const [i, p] of ordered.entries()) {
    if (i > 0 && changes.has(p.period)) segment++;
    const exclusion = exclusionOf(p);
    points.push({
      period: p.period,
      value: p.value,
      included: exclusion === null,
      exclusion,
      segment,
      mean: null,
      upper: null,
      lower: null,
      trial: true,
      flags: [],
      side: null,
      variation: null
    });
  }

  const segments: SpcSegment[] = [];
  for (let s = 0; s <= segment && points.length > 0; s++) {
    const segPoints = points.filter((p) => p.segment === s);
    const included = segPoints.filter((p) => p.included);
    let calc = included;
    if (options.baseline) {
      const range = options.baseline;
      const inBase = included.filter((p) => inRange(p.period, range));
      if (inBase.length > 0) calc = inBase;
    }
    const lines = xmrLines(calc.map((p) => p.value as number));
    const trial = calc.length < SPC_MIN_POINTS;
    segments.push({
      index: s,
      from: (segPoints[0] as SpcPoint).period,
      to: (segPoints[segPoints.length - 1] as SpcPoint).period,
      mean: lines.mean,
      upper: lines.upper,
      lower: lines.lower,
      meanMovingRange: lines.meanMovingRange,
      calculationPoints: calc.length,
      trial
    });
    for (const p of segPoints) {
      p.mean = lines.mean;
      p.upper = lines.upper;
      p.lower = lines.lower;
      p.trial = trial;
    }
    applyRules(included, lines, runLength);
  }

  for (const p of points) {
    if (p.flags.length === 0) continue;
    for (const rule of RULE_PRIORITY) {
      const f = p.flags.find((x) => x.rule === rule);
      if (f) {
        p.side = f.side;
        break;
      }
    }
    p.variation = p.side ? variationOf(p.side, options.polarity) : null;
  }

  let latest: SpcPoint | null = null;
  for (const p of points) if (p.included) latest = p;

  let variationIcon: VariationIcon | null = null;
  if (latest) {
    variationIcon =
      latest.side && latest.variation ? (`${latest.variation}_${latest.side}` as VariationIcon) : 'common_cause';
  }

  const lastSeg = segments[segments.length - 1];
  const assuranceIcon = assurance(
    options.target ?? null,
    options.polarity,
    lastSeg?.lower ?? null,
    lastSeg?.upper ?? null
  );

  return { points, segments, runLength, latest, variationIcon, assuranceIcon };
}

/** Assurance of meeting `target` given the process limits (see header). */
export function assurance(
  target: number | null,
  polarity: Polarity,
  lower: number | null,
  upper: number | null
): AssuranceIcon | null {
  if (target === null || !Number.isFinite(target) || polarity === 'neutral') return null;
  if (lower === null || upper === null) return null;
  if (polarity === 'up') {
    if (target <= lower) return 'pass';
    if (target > upper) return 'fail';
    return 'hit_and_miss';
  }
  if (target >= upper) return 'pass';
  if (target < lower) return 'fail';
  return 'hit_and_miss';
}

function applyRules(
  pts: SpcPoint[],
  lines: { mean: number | null; upper: number | null; lower: number | null },
  runLength: number
): void {
  const v = (i: number): number => (pts[i] as SpcPoint).value as number;
  const add = (i: number, flag: SpcFlag): void => {
    (pts[i] as SpcPoint).flags.push(flag);
  };
  const n = pts.length;
  const { mean, upper, lower } = lines;

  // Rule 1: outside the limits.
  if (upper !== null && lower !== null) {
    for (let i = 0; i < n; i++) {
      if (v(i) > upper) add(i, { rule: 'outside', side: 'high', length: 1 });
      else if (v(i) < lower) add(i, { rule: 'outside', side: 'low', length: 1 });
    }
  }

  // Rule 2: trend of 7 (needs no limits; the run-length setting is the shift's only).
  flagRuns(n, TREND_LENGTH, (i) => v(i) > v(i - 1), () => true, (i, length) =>
    add(i, { rule: 'trend', side: 'high', length })
  );
  flagRuns(n, TREND_LENGTH, (i) => v(i) < v(i - 1), () => true, (i, length) =>
    add(i, { rule: 'trend', side: 'low', length })
  );

  // Rule 3: two of three beyond two-thirds of the way to a limit, all three on that side of the mean.
  if (mean !== null && upper !== null && lower !== null) {
    const hiBand = mean + (2 / 3) * (upper - mean);
    const loBand = mean - (2 / 3) * (mean - lower);
    const marked = new Set<string>();
    for (let s = 0; s + 3 <= n; s++) {
      for (const side of ['high', 'low'] as const) {
        const window = [s, s + 1, s + 2];
        const onSide = (i: number): boolean => (side === 'high' ? v(i) > mean : v(i) < mean);
        if (!window.every(onSide)) continue;
        const beyond = window.filter((i) => (side === 'high' ? v(i) > hiBand : v(i) < loBand));
        if (beyond.length >= 2) {
          for (const i of beyond) {
            const key = `${i}:${side}`;
            if (!marked.has(key)) {
              marked.add(key);
              add(i, { rule: 'two_of_three', side, length: 3 });
            }
          }
        }
      }
    }
  }

  // Rule 4: shift, consecutive points on one side of the mean.
  if (mean !== null) {
    flagRuns(n, runLength, (i) => v(i) > mean && v(i - 1) > mean, (s) => v(s) > mean, (i, length) =>
      add(i, { rule: 'shift', side: 'high', length })
    );
    flagRuns(n, runLength, (i) => v(i) < mean && v(i - 1) < mean, (s) => v(s) < mean, (i, length) =>
      add(i, { rule: 'shift', side: 'low', length })
    );
  }
}

export interface IconInfo {
  /** Plain words, e.g. "Special cause variation - improvement (higher is better)". */
  words: string;
  /** Making Data Count colour (hex). */
  colour: string;
  /** Short text cue shown inside the icon so that colour is never the only cue. */
  letter: string;
  /** Shape of the icon, second non-colour cue. */
  shape: 'circle' | 'arrow_up' | 'arrow_down' | 'square';
}

/** Colours of NHS England's Making Data Count tools (as in NHSRplotthedots' current defaults). */
export const MDC_COLOURS = {
  common_cause: '#A6A6A6',
  improvement: '#00B0F0',
  concern: '#E46C0A',
  neither: '#490092'
} as const;

export function variationIconInfo(icon: VariationIcon, polarity: Polarity): IconInfo {
  const better =
    polarity === 'up' ? ' (higher is better)' : polarity === 'down' ? ' (lower is better)' : ' (no preferred direction)';
  switch (icon) {
    case 'common_cause':
      return { words: 'Common cause variation - no significant change', colour: MDC_COLOURS.common_cause, letter: '~', shape: 'circle' };
    case 'improvement_high':
      return { words: `Special cause variation - improvement${better}`, colour: MDC_COLOURS.improvement, letter: 'H', shape: 'arrow_up' };
    case 'improvement_low':
      return { words: `Special cause variation - improvement${better}`, colour: MDC_COLOURS.improvement, letter: 'L', shape: 'arrow_down' };
    case 'concern_high':
      return { words: `Special cause variation - concern${better}`, colour: MDC_COLOURS.concern, letter: 'H', shape: 'arrow_up' };
    case 'concern_low':
      return { words: `Special cause variation - concern${better}`, colour: MDC_COLOURS.concern, letter: 'L', shape: 'arrow_down' };
    case 'neither_high':
      return { words: 'Special cause variation - higher, neither improvement nor concern', colour: MDC_COLOURS.neither, letter: 'H', shape: 'arrow_up' };
    case 'neither_low':
      return { words: 'Special cause variation - lower, neither improvement nor concern', colour: MDC_COLOURS.neither, letter: 'L', shape: 'arrow_down' };
  }
}

export function assuranceIconInfo(icon: AssuranceIcon): IconInfo {
  switch (icon) {
    case 'pass':
      return { words: 'Assurance - the target will consistently be met', colour: MDC_COLOURS.improvement, letter: 'P', shape: 'square' };
    case 'fail':
      return { words: 'Assurance - the target will consistently be missed', colour: MDC_COLOURS.concern, letter: 'F', shape: 'square' };
    case 'hit_and_miss':
      return { words: 'Assurance - the target will be met and missed at random (hit and miss)', colour: MDC_COLOURS.common_cause, letter: '?', shape: 'square' };
  }
}

/**
 * The rows an SPC chart of one series is computed from: rows of `metric` with the given dimension and
 * group (null, null = the overall row), monthly where the metric has monthly rows for that series
 * (metrics.md: "Use monthly values for the calculation where a metric has them"), otherwise
 * quarterly; in period order.
 */
export function spcSeries<
  R extends { metric: string; grain: 'quarter' | 'month'; period: string; dimension: string | null; group: string | null }
>(rows: readonly R[], metric: string, dimension: string | null = null, group: string | null = null): R[] {
  const mine = rows.filter((r) => r.metric === metric && r.dimension === dimension && r.group === group);
  const months = mine.filter((r) => r.grain === 'month');
  const chosen = months.length > 0 ? months : mine.filter((r) => r.grain === 'quarter');
  return [...chosen].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
}
