/**
 * Reporting periods: financial-year quarters ('2025-26 Q1' = April-June 2025) and calendar months
 * ('2025-04'). Pure TypeScript plus the SQL expressions that label a DATE the same way.
 */
import { isoDate } from './bank-holidays';

export type Grain = 'quarter' | 'month';
export const GRAINS: readonly Grain[] = ['quarter', 'month'];

export interface Period {
  grain: Grain;
  label: string;
  start: string;
  end: string;
}

function ymd(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function quarterLabel(date: string): string {
  const [y, m] = ymd(date);
  const fy = m >= 4 ? y : y - 1;
  const q = Math.floor(((m + 8) % 12) / 3) + 1;
  return `${fy}-${String((fy + 1) % 100).padStart(2, '0')} Q${q}`;
}

export function monthLabel(date: string): string {
  return date.slice(0, 7);
}

export function periodLabel(grain: Grain, date: string): string {
  return grain === 'quarter' ? quarterLabel(date) : monthLabel(date);
}

const QUARTER_RE = /^(\d{4})-(\d{2}) Q([1-4])$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Grain of a label, or null when it is not a period label. */
export function labelGrain(label: string): Grain | null {
  if (QUARTER_RE.test(label)) return 'quarter';
  if (MONTH_RE.test(label)) return 'month';
  return null;
}

/** First and last day of a labelled period. Throws on a malformed label. */
export function periodBounds(label: string): { grain: Grain; start: string; end: string } {
  const q = QUARTER_RE.exec(label);
  if (q) {
    const fy = Number(q[1]);
    const n = Number(q[3]);
    const startMonth = 4 + 3 * (n - 1); // 4, 7, 10, 13 (= January next year)
    const y = fy + Math.floor((startMonth - 1) / 12);
    const m = ((startMonth - 1) % 12) + 1;
    return { grain: 'quarter', start: isoDate(y, m, 1), end: isoDate(y, m + 3, 0) };
  }
  const mo = MONTH_RE.exec(label);
  if (mo) {
    const y = Number(mo[1]);
    const m = Number(mo[2]);
    if (m < 1 || m > 12) throw new Error(`Not a period label: ${label}`);
    return { grain: 'month', start: isoDate(y, m, 1), end: isoDate(y, m + 1, 0) };
  }
  throw new Error(`Not a period label: ${label}`);
}

/** Every period of a grain from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(grain: Grain, from: string, to: string): Period[] {
  const out: Period[] = [];
  if (from > to) return out;
  let cur = periodBounds(periodLabel(grain, from));
  const lastLabel = periodLabel(grain, to);
  for (;;) {
    const label = periodLabel(grain, cur.start);
    out.push({ grain, label, start: cur.start, end: cur.end });
    if (label === lastLabel) break;
    const [y, m] = ymd(cur.end);
    cur = periodBounds(periodLabel(grain, isoDate(y, m + 1, 1)));
  }
  return out;
}

/** SQL expression labelling a DATE expression with its financial-year quarter. */
export function quarterLabelSql(d: string): string {
  const fy = `(year(${d}) - CASE WHEN month(${d}) < 4 THEN 1 ELSE 0 END)`;
  return `(CAST(${fy} AS VARCHAR) || '-' || lpad(CAST((${fy} + 1) % 100 AS VARCHAR), 2, '0') || ' Q' || CAST(((month(${d}) + 8) % 12) // 3 + 1 AS VARCHAR))`;
}

/** SQL expression labelling a DATE expression with its month. */
export function monthLabelSql(d: string): string {
  return `strftime(${d}, '%Y-%m')`;
}
