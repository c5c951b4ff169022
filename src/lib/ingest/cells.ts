/** Cell text for Parquet and XLSX cells that are not text, as the contract's "cells that are not text" rule says. */

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit'
});

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** 'YYYY-MM-DD' of a Date by its UTC fields (a date, or a timestamp without a time zone). */
export function utcDateText(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 'YYYY-MM-DD' of an instant as its calendar date in Europe/London (a timestamp with a time zone). */
export function londonDateText(d: Date): string {
  return londonDate.format(d);
}

/** A whole number as integer text (never `1001.0`), other numbers as JavaScript writes them. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** A date text cut to its month when the field is a month field. */
export function dateForField(dateText: string, monthField: boolean): string {
  return monthField ? dateText.slice(0, 7) : dateText;
}

export interface CellOptions {
  /** the column is a Parquet timestamp with a time zone (isAdjustedToUTC) */
  zoned?: boolean;
  /** the column maps to a month field */
  monthField?: boolean;
}

/** Text of a decoded Parquet value. */
export function parquetCellText(v: unknown, opts: CellOptions = {}): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? numberText(v) : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return dateForField(opts.zoned ? londonDateText(v) : utcDateText(v), opts.monthField ?? false);
  }
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}
