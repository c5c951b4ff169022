/** Which quarter a board pack reports: the latest that has ended by the as-of date, unless chosen. */
import { periodBounds, quarterLabel } from '../calendar/periods';
import { shiftPeriod } from '../stats/change';

/** The latest financial-year quarter whose last day is on or before `asOf` (YYYY-MM-DD). */
export function latestEndedQuarter(asOf: string): string {
  const q = quarterLabel(asOf);
  return periodBounds(q).end <= asOf ? q : shiftPeriod(q, 1);
}

/**
 * The quarter a pack reports by default: the latest ended by `asOf` when the data holds it; else the
 * latest ended quarter the data holds; else (the data's quarters have not ended yet) its latest.
 */
export function defaultQuarter(asOf: string, quartersInData: readonly string[]): string {
  const ended = latestEndedQuarter(asOf);
  const held = [...new Set(quartersInData)].sort();
  if (held.includes(ended)) return ended;
  return held.filter((q) => q <= ended).at(-1) ?? held.at(-1) ?? ended;
}

/** Last day of a quarter label. */
export function quarterEnd(quarter: string): string {
  return periodBounds(quarter).end;
}

/** True when `period` (a quarter or month label) ends on or before the end of `quarter`. */
export function periodWithin(period: string, quarter: string): boolean {
  return periodBounds(period).end <= periodBounds(quarter).end;
}
