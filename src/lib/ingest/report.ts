/** The load report: every row read is accounted for as loaded or rejected. JSON-serialisable. */

export interface Rejection {
  /** File (or `workbook.xlsx [Sheet]`) the row came from. */
  file: string;
  /** CSV: line number (first data row = 2); XLSX: sheet row number; Parquet: row number from 1. */
  line: number;
  column: string;
  /** The value as read (trimmed), shortened to about 60 characters; '' when empty. */
  value: string;
  reason: string;
}

export type WarningEntry = Rejection;

export interface PartReport {
  file: string;
  read: number;
  loaded: number;
  rejected: number;
  /** Warnings per column (loaded rows only). */
  warnings: Record<string, number>;
  /**
   * The contract fields this part's file has a column for; a field it lacks is not recorded for
   * its rows (imports.md, "Changes to the contract"). Absent in reports made before this was kept.
   */
  recorded?: string[];
}

export interface TableReport {
  read: number;
  loaded: number;
  rejected: number;
  warnings: Record<string, number>;
  parts: PartReport[];
}

export interface FileNote {
  file: string;
  reason: string;
}

export interface LoadReport {
  tables: Record<string, TableReport>;
  refused: FileNote[];
  unused: FileNote[];
  ignoredColumns: { file: string; columns: string[] }[];
  /** Columns whose name repeats a contract column already found in the file: only the first is read. */
  repeatedColumns?: { file: string; columns: string[] }[];
  rejections: Rejection[];
  warnings: WarningEntry[];
  /** Entries left out of `rejections` / `warnings` because of the size cap (counts are complete). */
  rejectionsOmitted: number;
  warningsOmitted: number;
  /** Tables in the extract (at least one part accepted), in contract order. */
  present: string[];
  /** Required tables with no accepted file (only `referrals` is required). */
  missingRequired: string[];
  /** The `today` the load used (YYYY-MM-DD, Europe/London by default). */
  today: string;
  /**
   * Why this load did not replace the previous extract, beyond a missing required table: files
   * with the same name, or a `referrals` table with no loaded row. Null otherwise.
   */
  failure: string | null;
  /** True when the new extract replaced the previous one (false when a required table is missing or `failure` is set). */
  replaced: boolean;
}

/** Longest value text kept in a rejection or warning entry. */
export const VALUE_MAX = 60;

/** Rejection / warning entries kept in the report, each (counts are never capped). */
export const ENTRY_CAP = 5000;

export function shorten(v: string | null): string {
  if (v === null) return '';
  return v.length > VALUE_MAX ? v.slice(0, VALUE_MAX - 3) + '...' : v;
}

/** True when nothing was rejected, refused or missing. */
export function loadIsClean(r: LoadReport): boolean {
  return (
    r.refused.length === 0 &&
    r.missingRequired.length === 0 &&
    !r.failure &&
    Object.values(r.tables).every((t) => t.rejected === 0)
  );
}

/** One line per table plus refused / unused files, for logs and the CLI. */
export function loadReportSummary(r: LoadReport): string {
  const lines: string[] = [];
  for (const [name, t] of Object.entries(r.tables)) {
    const w = Object.values(t.warnings).reduce((a, b) => a + b, 0);
    lines.push(`${name}: read ${t.read}, loaded ${t.loaded}, rejected ${t.rejected}, warnings ${w}`);
  }
  for (const f of r.refused) lines.push(`refused ${f.file}: ${f.reason}`);
  for (const f of r.unused) lines.push(`not used ${f.file}: ${f.reason}`);
  for (const f of r.repeatedColumns ?? []) lines.push(`repeated columns in ${f.file} (only the first is read): ${f.columns.join(', ')}`);
  for (const m of r.missingRequired) lines.push(`missing required table ${m}`);
  if (r.failure) lines.push(`not loaded: ${r.failure}`);
  return lines.join('\n');
}
