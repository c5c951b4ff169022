/** Building an imported contract table column by column, rows in id order, and writing it as CSV. */
import { csvCell, FORMULA_STARTS } from '../contract/csv-cell';
import { IMPORT_COLUMNS, type ImportedTable, type ImportedTableName, type PartLabel } from './types';

export type Cell = string | boolean | null;

export class TableBuilder {
  /** the rows added, column by column */
  private readonly cols: (string | null)[][];
  constructor(
    readonly table: ImportedTableName,
    readonly part: PartLabel
  ) {
    this.cols = IMPORT_COLUMNS[table].map(() => []);
  }
  get size(): number {
    return this.cols[0]!.length;
  }
  /** One row, values in IMPORT_COLUMNS order (booleans written true/false). */
  add(values: Cell[]): void {
    for (let k = 0; k < this.cols.length; k++) {
      const v = values[k];
      this.cols[k]!.push(v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? 'true' : 'false') : v);
    }
  }
  /**
   * The table in columns, rows sorted by id (code point order; rows of one id in the order added).
   * Rows added in that order already (the census adds them so: census-tables.ts) are taken as they
   * are: one pass to check, no sort, no copy of every column.
   */
  build(): ImportedTable {
    const columns = [...IMPORT_COLUMNS[this.table]];
    const ids = this.cols[0]!;
    if (inOrder(ids)) return { table: this.table, part: this.part, columns, data: this.cols };
    const order = Array.from({ length: ids.length }, (_, i) => i);
    order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const data = this.cols.map((col) => order.map((i) => col[i]!));
    return { table: this.table, part: this.part, columns, data };
  }
}

/** Whether ids are in code point order (equal ids next to each other count as in order). */
function inOrder(ids: readonly (string | null)[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! > ids[i]!) return false;
  return true;
}

/** Rows in a table. */
export function rowCount(t: ImportedTable): number {
  return t.data[0]?.length ?? 0;
}

/** The table as CSV text: UTF-8, header row, LF line ends. */
export function tableCsv(t: ImportedTable, columns: readonly string[] = t.columns): string {
  return new TextDecoder().decode(tableCsvBytes(t, columns));
}

/** A copy of `buf`'s first `used` bytes in a buffer of at least `need` bytes (twice the size, at least). */
function grown(buf: Uint8Array, used: number, need: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(buf.length * 2, need));
  next.set(buf.subarray(0, used));
  return next;
}

const encoder = new TextEncoder();

/** The first characters the contract's CSV injection rule neutralises with a leading single quote. */
const FORMULA_CODES = new Set(FORMULA_STARTS.map((c) => c.charCodeAt(0)));
function neutralised(c0: number): boolean {
  return FORMULA_CODES.has(c0);
}

/**
 * The table as CSV bytes: exactly tableCsv's text in UTF-8, written straight into one buffer (no
 * row strings, no joined text to encode again). A cell is copied byte by byte in one pass while it
 * is plain ASCII with nothing to quote (ids, dates, codes: nearly every cell); any other cell is
 * written again from its start as csvCell gives it.
 */
export function tableCsvBytes(t: ImportedTable, columns: readonly string[] = t.columns): Uint8Array {
  const n = rowCount(t);
  const cols = columns.map((c) => {
    const k = t.columns.indexOf(c);
    return k < 0 ? null : t.data[k]!;
  });
  const header = encoder.encode(columns.join(','));
  // the exact size when every cell is plain ASCII (as nearly all are), so the buffer is made once
  // and not copied at the end: header, characters, separators, line ends, leading quotes added
  let size = header.length + 1 + n * cols.length;
  for (const col of cols) {
    if (!col) continue;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === null || v === undefined || v.length === 0) continue;
      size += v.length + (neutralised(v.charCodeAt(0)) ? 1 : 0);
    }
  }
  let buf: Uint8Array<ArrayBuffer> = new Uint8Array(size);
  buf.set(header);
  let pos = header.length;
  buf[pos++] = 10;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < cols.length; k++) {
      if (k > 0) {
        if (pos + 1 > buf.length) buf = grown(buf, pos, pos + 1);
        buf[pos++] = 44;
      }
      const v = cols[k]?.[i] ?? null;
      if (v === null || v.length === 0) continue;
      const len = v.length;
      const c0 = v.charCodeAt(0);
      // OWASP CSV injection: a leading = + - @ or tab gets a single quote (CR: csvCell below)
      const quote = neutralised(c0) ? 1 : 0;
      if (pos + quote + len > buf.length) buf = grown(buf, pos, pos + quote + len);
      const start = pos;
      if (quote) buf[pos++] = 39;
      // a space or control character at either end: csvCell quotes it (the loader trims unquoted cells)
      let plain = c0 > 32 && v.charCodeAt(len - 1) > 32;
      for (let j = 0; plain && j < len; j++) {
        const c = v.charCodeAt(j);
        if (c === 34 || c === 44 || c === 13 || c === 10 || c >= 128) {
          plain = false;
          break;
        }
        buf[pos + j] = c;
      }
      if (plain) {
        pos += len;
        continue;
      }
      const cell = csvCell(v);
      pos = start;
      if (pos + cell.length * 3 > buf.length) buf = grown(buf, pos, pos + cell.length * 3);
      pos += encoder.encodeInto(cell, buf.subarray(pos)).written;
    }
    if (pos + 1 > buf.length) buf = grown(buf, pos, pos + 1);
    buf[pos++] = 10;
  }
  return pos === buf.length ? buf : buf.slice(0, pos);
}

const EVENT_DATES = new Set(['referral_date', 'start_date', 'completion_date', 'end_date']);

/** The latest event date among imported tables (metrics.md's as-of fields), or null. */
export function latestEventDate(tables: readonly ImportedTable[]): string | null {
  let max: string | null = null;
  for (const t of tables) {
    t.columns.forEach((c, k) => {
      if (!EVENT_DATES.has(c)) return;
      for (const v of t.data[k]!) if (v !== null && (max === null || v > max)) max = v;
    });
  }
  return max;
}
