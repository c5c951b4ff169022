/**
 * Whole-day arithmetic for the demo generator: a date is an integer count of days since
 * 1970-01-01 (UTC), formatted once per day from a precomputed table. Working days are Monday to
 * Friday except bank holidays in England and Wales (from the shared calendar module).
 */
import { bankHolidaysBetween } from '../calendar/bank-holidays';

const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  return Math.round(Date.parse(iso + 'T00:00:00Z') / DAY_MS);
}

/** Days covered by the lookup tables: 2000-01-01 to 2036-12-31. */
const FIRST = dayOf('2000-01-01');
const LAST = dayOf('2036-12-31');
const isoCache: string[] = [];
const working: boolean[] = [];
{
  const holidays = new Set(bankHolidaysBetween(2000, 2036));
  for (let d = FIRST; d <= LAST; d++) {
    const iso = new Date(d * DAY_MS).toISOString().slice(0, 10);
    isoCache.push(iso);
    const w = (d + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
    working.push(w !== 0 && w !== 6 && !holidays.has(iso));
  }
}

export function isoOf(day: number): string {
  const s = isoCache[day - FIRST];
  if (s === undefined) throw new Error(`day ${day} outside the demo calendar`);
  return s;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkingDay(day: number): boolean {
  return working[day - FIRST] === true;
}

/** The date reached by counting n working days after `day` (n = 0 gives `day` itself). */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d++;
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** First day of the month holding `day`, as 'YYYY-MM'. */
export function monthOf(day: number): string {
  return isoOf(day).slice(0, 7);
}
