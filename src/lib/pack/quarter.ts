/** Which quarter a board pack reports: the latest that has ended by the as-of date, unless chosen. */
import { periodBounds, quarterLabel } from '../calendar/periods';
import { shiftPeriod } from '../stats/change';

/** The latest financial-year quarter whose last day is on or before `asOf` (YYYY-MM-DD). */
export function latestEndedQuarter(asOf: string): string {
  const q = quarterLabel(asOf);
  return periodBounds(q).end <= asOf ? q : shiftPeriod(q, 1);
}

/** Last day of a quarter label. */
export function quarterEnd(quarter: string): string {
  return periodBounds(quarter).end;
}

/** True when `period` (a quarter or month label) ends on or before the end of `quarter`. */
export function periodWithin(period: string, quarter: string): boolean {
  return periodBounds(period).end <= periodBounds(quarter).end;
}
