/**
 * The headline of a measure (metrics.md "The headline of a measure"): the value of the latest
 * COMPLETE period of one series (not partial, its look-back and follow-up windows complete), its
 * change on the previous period and on the same period a year earlier (4 quarters / 12 months back),
 * and the latest later period, if any, only as "so far" (never the headline).
 *
 * The rows given are one series (one metric, grain, dimension and group), in any order. Every
 * headline of the product (overview tiles, question pages, the action plan, the board pack, exports)
 * goes through `tileChange` on the measure's overall quarterly rows, so they all agree.
 * Comparison periods are found by label arithmetic, not by array position, so a missing period gives
 * a null comparison. `delta` = latest - earlier in the value's own unit (a fraction for rates; x100
 * gives percentage points). Null when either value is null.
 */
import type { Grain, MetricRow, Polarity } from './types';

export type Judgement = 'better' | 'worse' | 'same' | 'neutral';

export interface Comparison {
  period: string;
  value: number | null;
  delta: number | null;
  direction: 'up' | 'down' | 'same' | null;
  /** better/worse per polarity; 'neutral' for a change under neutral polarity; null when no delta. */
  judgement: Judgement | null;
}

export interface SoFar {
  period: string;
  value: number | null;
  complete: boolean;
  partial: boolean;
}

export interface TileChange {
  period: string;
  grain: Grain;
  value: number | null;
  /** Always true for a headline (kept for readers that print the flags). */
  complete: boolean;
  partial: boolean;
  previous: Comparison;
  yearAgo: Comparison;
  /** The latest reported period after the headline's (incomplete or not yet over), shown only as "so far". */
  soFar: SoFar | null;
}

/** A period that may stand as a headline: over, and its windows complete as of the as-of date. */
export function isSettled(r: Pick<MetricRow, 'complete' | 'partial'>): boolean {
  return r.complete && !r.partial;
}

/** Label of the period `n` periods before (n > 0) or after (n < 0) a quarter or month label. */
export function shiftPeriod(period: string, n: number): string {
  const q = /^(\d{4})-(\d{2}) Q([1-4])$/.exec(period);
  if (q) {
    const index = Number(q[1]) * 4 + (Number(q[3]) - 1) - n;
    const fy = Math.floor(index / 4);
    const quarter = index - fy * 4 + 1;
    return `${fy}-${String((fy + 1) % 100).padStart(2, '0')} Q${quarter}`;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const index = Number(m[1]) * 12 + (Number(m[2]) - 1) - n;
    const year = Math.floor(index / 12);
    return `${year}-${String(index - year * 12 + 1).padStart(2, '0')}`;
  }
  throw new Error(`Not a period label: ${period}`);
}

export function grainOf(period: string): Grain {
  return /Q[1-4]$/.test(period) ? 'quarter' : 'month';
}

export function judge(delta: number | null, polarity: Polarity): Judgement | null {
  if (delta === null) return null;
  if (delta === 0) return 'same';
  if (polarity === 'neutral') return 'neutral';
  return (delta > 0) === (polarity === 'up') ? 'better' : 'worse';
}

function compare(latest: number | null, period: string, rows: readonly MetricRow[], polarity: Polarity): Comparison {
  const row = rows.find((r) => r.period === period);
  const value = row?.value ?? null;
  const delta = latest === null || value === null ? null : latest - value;
  return {
    period,
    value,
    delta,
    direction: delta === null ? null : delta > 0 ? 'up' : delta < 0 ? 'down' : 'same',
    judgement: judge(delta, polarity)
  };
}

/**
 * The headline of one series: its latest settled period (see isSettled) with its changes, and the
 * latest later period as "so far". Null when no period of the series is settled yet.
 */
export function tileChange(rows: readonly MetricRow[], polarity: Polarity): TileChange | null {
  let latest: MetricRow | null = null;
  let newest: MetricRow | null = null;
  for (const r of rows) {
    if (newest === null || r.period > newest.period) newest = r;
    if (isSettled(r) && (latest === null || r.period > latest.period)) latest = r;
  }
  if (latest === null) return null;
  const grain = grainOf(latest.period);
  const soFar =
    newest && newest.period > latest.period
      ? { period: newest.period, value: newest.value, complete: newest.complete, partial: newest.partial }
      : null;
  return {
    soFar,
    period: latest.period,
    grain,
    value: latest.value,
    complete: latest.complete,
    partial: latest.partial,
    previous: compare(latest.value, shiftPeriod(latest.period, 1), rows, polarity),
    yearAgo: compare(latest.value, shiftPeriod(latest.period, grain === 'quarter' ? 4 : 12), rows, polarity)
  };
}
