/** Building an imported contract table column by column, rows in id order, and writing it as CSV. */
import { IMPORT_COLUMNS, type ImportedTable, type ImportedTableName, type PartLabel } from './types';

export type Cell = string | boolean | null;

export class TableBuilder {
  private readonly rows: (string | null)[][] = [];
  constructor(
    readonly table: ImportedTableName,
    readonly part: PartLabel
  ) {}
  get size(): number {
    return this.rows.length;
  }
  /** One row, values in IMPORT_COLUMNS order (booleans written true/false). */
  add(values: Cell[]): void {
    this.rows.push(values.map((v) => (v === null ? null : typeof v === 'boolean' ? (v ? 'true' : 'false') : v)));
  }
  /** The table in columns, rows sorted by id (code point order). */
  build(): ImportedTable {
    const columns = [...IMPORT_COLUMNS[this.table]];
    const rows = [...this.rows].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    const data = columns.map((_, k) => rows.map((r) => r[k] ?? null));
    return { table: this.table, part: this.part, columns, data };
  }
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
  const idx = columns.map((c) => t.columns.indexOf(c));
  const n = rowCount(t);
  const out: string[] = [columns.join(',')];
  for (let i = 0; i < n; i++) out.push(idx.map((k) => csvCell(k < 0 ? null : t.data[k]![i]!)).join(','));
  return out.join('\n') + '\n';
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
