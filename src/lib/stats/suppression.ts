/**
 * Suppression for publication (metrics.md "Suppression for publication").
 *
 * - Primary: count with value 1..5 -> value `c`. Rate with numerator 1..5 or denominator - numerator
 *   1..5 -> numerator, denominator and value `c`. Duration resting on 1..5 items (denominator) ->
 *   denominator, value and p90 `c`. Zero is shown. Overall rows (dimension null) get primary only.
 * - Secondary: rows sharing metric, grain, period and dimension (dimension not null) form one
 *   breakdown. When exactly one of its rows is primary-suppressed, the non-suppressed row with the
 *   smallest size (denominator for rates and durations, value for counts; a null size counts as 0) is
 *   suppressed too (all its statistics). Ties are broken
 *   by `group` in Unicode code-point order (the smallest group wins), then by input order. One pass:
 *   secondary suppression never triggers more secondary suppression.
 * Input order is kept. Fields that were null stay null.
 */
import type { MetricRow, Unit } from './types';

export const SUPPRESSED = 'c' as const;
export type Suppressed = typeof SUPPRESSED;
export type Shown = number | null | Suppressed;

export interface PublishedRow extends Omit<MetricRow, 'numerator' | 'denominator' | 'value' | 'p90'> {
  numerator: Shown;
  denominator: Shown;
  value: Shown;
  p90: Shown;
  suppressed: boolean;
  reason: 'primary' | 'secondary' | null;
}

const small = (x: number | null): boolean => x !== null && x >= 1 && x <= 5;

/** Whether a row needs primary suppression. */
export function needsPrimary(row: MetricRow, unit: Unit): boolean {
  switch (unit) {
    case 'count':
      return small(row.value);
    case 'rate':
      return small(row.numerator) || (row.numerator !== null && row.denominator !== null && small(row.denominator - row.numerator));
    case 'duration':
      return small(row.denominator);
  }
}

function hide(row: MetricRow, reason: 'primary' | 'secondary'): PublishedRow {
  // Every statistic of the row is hidden; fields that are null (not applicable to the unit) stay null.
  const c = (x: number | null): Shown => (x === null ? null : SUPPRESSED);
  return {
    ...row,
    numerator: c(row.numerator),
    denominator: c(row.denominator),
    value: c(row.value),
    p90: c(row.p90),
    suppressed: true,
    reason
  };
}

function show(row: MetricRow): PublishedRow {
  return { ...row, suppressed: false, reason: null };
}

function sizeOf(row: MetricRow, unit: Unit): number {
  return (unit === 'count' ? row.value : row.denominator) ?? 0;
}

/** Applies primary and secondary suppression to rows; `unitOf` gives each metric's unit. */
export function suppressRows(rows: readonly MetricRow[], unitOf: (metric: string) => Unit): PublishedRow[] {
  const primary = rows.map((r) => needsPrimary(r, unitOf(r.metric)));
  const secondary = new Set<number>();

  const breakdowns = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.dimension === null) return;
    const key = JSON.stringify([r.metric, r.grain, r.period, r.dimension]);
    const list = breakdowns.get(key);
    if (list) list.push(i);
    else breakdowns.set(key, [i]);
  });

  for (const idx of breakdowns.values()) {
    if (idx.filter((i) => primary[i]).length !== 1) continue;
    let best: number | null = null;
    for (const i of idx) {
      if (primary[i]) continue;
      if (best === null) {
        best = i;
        continue;
      }
      const r = rows[i] as MetricRow;
      const b = rows[best] as MetricRow;
      const sr = sizeOf(r, unitOf(r.metric));
      const sb = sizeOf(b, unitOf(b.metric));
      const gr = r.group ?? '';
      const gb = b.group ?? '';
      if (sr < sb || (sr === sb && codePointLess(gr, gb))) best = i;
    }
    if (best !== null) secondary.add(best);
  }

  return rows.map((r, i) => {
    if (primary[i]) return hide(r, 'primary');
    if (secondary.has(i)) return hide(r, 'secondary');
    return show(r);
  });
}

/** a < b comparing by Unicode code point (not UTF-16 unit, not locale). */
export function codePointLess(a: string, b: string): boolean {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) {
    const cx = (x[k] as string).codePointAt(0) as number;
    const cy = (y[k] as string).codePointAt(0) as number;
    if (cx !== cy) return cx < cy;
  }
  return x.length < y.length;
}
