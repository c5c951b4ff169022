/**
 * Bank holidays in England and Wales, computed from the standing rules plus the listed one-off
 * changes (metrics.md, "Working days"). Pure TypeScript, runs in the browser and in Node.
 */

/** Dates are handled as 'YYYY-MM-DD' text; arithmetic goes through UTC milliseconds. */
const DAY_MS = 86_400_000;

export function isoDate(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function utc(date: string): Date {
  return new Date(date + 'T00:00:00Z');
}

export function addDays(date: string, n: number): string {
  return new Date(utc(date).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  return utc(date).getUTCDay();
}

function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian ("Meeus/Jones/Butcher") algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

function firstMonday(year: number, month: number): string {
  let d = isoDate(year, month, 1);
  while (weekday(d) !== 1) d = addDays(d, 1);
  return d;
}

function lastMonday(year: number, month: number): string {
  let d = isoDate(year, month + 1, 0); // day 0 of next month = last day of this month
  while (weekday(d) !== 1) d = addDays(d, -1);
  return d;
}

/** Spring bank holiday moved (from the last Monday of May) in these years. */
const SPRING_MOVED: Record<number, string> = {
  2002: '2002-06-04',
  2012: '2012-06-04',
  2022: '2022-06-02'
};
/** Early May bank holiday moved (from the first Monday of May) in these years. */
const EARLY_MAY_MOVED: Record<number, string> = { 2020: '2020-05-08' };
/** Extra one-off bank holidays. */
const ONE_OFF: readonly string[] = [
  '2002-06-03', // Golden Jubilee
  '2011-04-29', // Royal wedding
  '2012-06-05', // Diamond Jubilee
  '2022-06-03', // Platinum Jubilee
  '2022-09-19', // State funeral of Queen Elizabeth II
  '2023-05-08' // Coronation of King Charles III
];

/** Sorted bank holidays of one year. */
export function bankHolidays(year: number): string[] {
  const out = new Set<string>();
  // New Year's Day, substitute the next weekday when at a weekend.
  let ny = isoDate(year, 1, 1);
  while (isWeekend(ny)) ny = addDays(ny, 1);
  out.add(ny);
  const easter = easterSunday(year);
  out.add(addDays(easter, -2));
  out.add(addDays(easter, 1));
  out.add(EARLY_MAY_MOVED[year] ?? firstMonday(year, 5));
  out.add(SPRING_MOVED[year] ?? lastMonday(year, 5));
  out.add(lastMonday(year, 8));
  // Christmas and Boxing Day: a day at a weekend is replaced by the next weekday not already a holiday.
  const xmas = [isoDate(year, 12, 25), isoDate(year, 12, 26)];
  const taken = new Set(xmas.filter((d) => !isWeekend(d)));
  for (const d of xmas) {
    if (!isWeekend(d)) continue;
    let s = addDays(d, 1);
    while (isWeekend(s) || taken.has(s)) s = addDays(s, 1);
    taken.add(s);
  }
  for (const d of taken) out.add(d);
  for (const d of ONE_OFF) if (d.startsWith(`${year}-`)) out.add(d);
  return [...out].sort();
}

/** All bank holidays from `fromYear` to `toYear` inclusive, sorted. */
export function bankHolidaysBetween(fromYear: number, toYear: number): string[] {
  const all: string[] = [];
  for (let y = fromYear; y <= toYear; y++) all.push(...bankHolidays(y));
  return all;
}

/** Calendar coverage: the spec asks for 2000-2035; one more year lets follow-ups run past 2035. */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2036;

/**
 * `date` plus n calendar months, keeping the day and clamping it to the target month's length
 * (2024-02-29 minus 12 months = 2023-02-28). Same as DuckDB's `date + INTERVAL n MONTH`.
 */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const idx = y * 12 + (m - 1) + n;
  const ty = Math.floor(idx / 12);
  const tm = (idx % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return isoDate(ty, tm, Math.min(d, last));
}
