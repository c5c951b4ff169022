/** File names and header names: which table a file or sheet fills, and which field a column is. */
import { normaliseName, tableSpec, type FieldSpec, type TableSpec } from '../contract/tables';

export type FileFormat = 'csv' | 'parquet' | 'xlsx';

export function fileFormat(name: string): FileFormat | null {
  const m = /\.([A-Za-z]+)$/.exec(name);
  const ext = m?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'parquet' || ext === 'xlsx' ? ext : null;
}

/** Base name without any folder. */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** Table named by a CSV/Parquet file name: the stem up to the first dot, case-insensitive. */
export function tableOfFile(name: string): string {
  const base = baseName(name);
  const stem = base.slice(0, base.lastIndexOf('.') >= 0 ? base.lastIndexOf('.') : base.length);
  return (stem.split('.')[0] ?? '').toLowerCase();
}

/** Table named by an XLSX sheet: normalised like a header (`Tool Uses` = `tool_uses`), up to a dot. */
export function tableOfSheet(sheet: string): string {
  return normaliseName(sheet.split('.')[0] ?? '');
}

/** Compare by code point (not locale). */
export function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ColumnMapping {
  /** field name -> index of the column that holds it */
  fields: Map<string, number>;
  /** original header names not in the contract */
  ignored: string[];
  /** original header names that repeat a contract column already found (only the first is read) */
  repeated: string[];
}

/** Match headers to the table's fields (case-insensitive after trim; space or hyphen = underscore). */
export function mapColumns(spec: TableSpec, headers: readonly string[]): ColumnMapping {
  const byName = new Map<string, FieldSpec>(spec.fields.map((f) => [f.name, f]));
  const fields = new Map<string, number>();
  const ignored: string[] = [];
  const repeated: string[] = [];
  headers.forEach((h, i) => {
    const f = byName.get(normaliseName(h));
    if (f && !fields.has(f.name)) fields.set(f.name, i);
    else if (f) repeated.push(h);
    else ignored.push(h);
  });
  return { fields, ignored, repeated };
}

export function isContractTable(name: string): boolean {
  return tableSpec(name) !== undefined;
}
