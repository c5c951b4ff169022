/**
 * Working days in TypeScript (reference implementation, used by tests and for small calculations).
 * wd(a, b) = number of dates d with a < d <= b that are Monday-Friday and not a bank holiday.
 */
import { addDays, bankHolidaysBetween, weekday, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from './bank-holidays';

let holidaySet: Set<string> | null = null;

export function isBankHoliday(date: string): boolean {
  holidaySet ??= new Set(bankHolidaysBetween(CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR));
  return holidaySet.has(date);
}

export function isWorkingDay(date: string): boolean {
  const w = weekday(date);
  return w !== 0 && w !== 6 && !isBankHoliday(date);
}

/** wd(a, b) for a <= b (0 when a >= b). */
export function workingDaysBetween(a: string, b: string): number {
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/** The date reached by counting n working days after `date`. */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
