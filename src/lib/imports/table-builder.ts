/** Building an imported contract table column by column, rows in id order, and writing it as CSV. */
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

function csvCell(v: string | null): string {
  if (v === null) return '';
  // OWASP CSV injection: a leading = + - @ tab or CR gets a single quote
  const s = /^[=+\-@\t\r]/.test(v) ? "'" + v : v;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** The table as CSV text: UTF-8, header row, LF line ends. */
export function tableCsv(t: ImportedTable, columns: readonly string[] = t.columns): string {
  return new TextDecoder().decode(tableCsvBytes(t, columns));
}

/** Appends text to a growing UTF-8 buffer. */
class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  private readonly enc = new TextEncoder();
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(1024, size));
  }
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }
  /** Text as UTF-8 (code units under 128 copied, anything else through TextEncoder). */
  text(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.room(n * 3);
        this.pos += this.enc.encodeInto(s, this.buf.subarray(this.pos)).written;
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }
  bytes(): Uint8Array {
    return this.pos === this.buf.length ? this.buf : this.buf.slice(0, this.pos);
  }
}

/** One cell, as csvCell writes it; the common case (plain ASCII) copied without a new string. */
function writeCell(w: ByteWriter, v: string | null): void {
  if (v === null || v === '') return;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 34 || c === 44 || c === 13 || c === 10 || c >= 128) {
      w.text(csvCell(v));
      return;
    }
  }
  const c0 = v.charCodeAt(0);
  // OWASP CSV injection: a leading = + - @ tab or CR gets a single quote
  if (c0 === 61 || c0 === 43 || c0 === 45 || c0 === 64 || c0 === 9) w.byte(39);
  w.text(v);
}

/**
 * The table as CSV bytes: exactly tableCsv's text in UTF-8, written straight into one buffer (no
 * row strings, no joined text to encode again).
 */
export function tableCsvBytes(t: ImportedTable, columns: readonly string[] = t.columns): Uint8Array {
  const idx = columns.map((c) => t.columns.indexOf(c));
  const n = rowCount(t);
  const w = new ByteWriter(n * columns.length * 12 + 256);
  w.text(columns.join(','));
  w.byte(10);
  const cols = idx.map((k) => (k < 0 ? null : t.data[k]!));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < cols.length; k++) {
      if (k > 0) w.byte(44);
      const col = cols[k];
      if (col) writeCell(w, col[i] ?? null);
    }
    w.byte(10);
  }
  return w.bytes();
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
