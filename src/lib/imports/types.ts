/** What an import produces: contract tables as column arrays, and import-report.json's shape. */

export type ImportedTableName = 'children' | 'referrals' | 'assessments' | 'episodes';
export type SourceKind = 'cin_census' | 'annex_a';
export type PartLabel = 'census' | 'annex-a';

/** The columns written for each table (imports.md, "Columns"), in order. */
export const IMPORT_COLUMNS: Record<ImportedTableName, readonly string[]> = {
  children: ['child_id', 'birth_month', 'sex', 'ethnicity', 'disability', 'locality'],
  referrals: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern', 'outcome'],
  assessments: ['assessment_id', 'child_id', 'referral_id', 'start_date', 'completion_date', 'neglect_identified'],
  episodes: ['episode_id', 'child_id', 'type', 'start_date', 'end_date', 'closure_code', 'neglect']
};

/** One contract table (or part of one) in columns: data[k] is column k's values, as contract text. */
export interface ImportedTable {
  table: ImportedTableName;
  part: PartLabel;
  columns: string[];
  data: (string | null)[][];
}

export interface ImportProblem {
  file: string;
  /** census element (`Child`, `CINdetails`, ...) or Annex A list (`List 3`); null for the file. */
  part: string | null;
  /** XML line or sheet row; null for the whole file. */
  row: number | null;
  column: string | null;
  /** a code or event date as read, else "value withheld" ('' when there was none). */
  value: string;
  reason: string;
  effect: 'refused' | 'rejected' | 'set to null' | 'warning' | 'not used' | 'note';
}

export interface PartCount {
  read: number;
  loaded: number;
  rejected: number;
}

export interface SourceReport {
  file: string;
  kind: SourceKind;
  /** census: its ReferenceDate (or 31 March of Year); Annex A: null. */
  reference_date: string | null;
  parts: Record<string, PartCount>;
  /** sheets or lists read but not used */
  not_used: string[];
}

export interface NotInSourceEntry {
  table: string;
  field: string;
  measures: string[];
}

export interface ImportReport {
  fingerprint: string;
  passphrase_warning: string | null;
  sources: SourceReport[];
  /** rows written per table file (`referrals` or, with both sources, `referrals.census`...) */
  tables: Record<string, number>;
  not_in_source: NotInSourceEntry[];
  readings: string[];
  problems: ImportProblem[];
}

/** The value shown in a problem: codes and event dates quoted, anything else withheld. */
export const WITHHELD = 'value withheld';

/**
 * How a value appears in a problem: a short code (letters, digits, at most 8) or, when `date` is
 * set, something shaped like a date; anything else is withheld, since it may be personal.
 */
export function codeShown(raw: string, date = false): string {
  const t = raw.trim();
  if (/^[A-Za-z0-9]{1,8}$/.test(t)) return t;
  if (date && /^[0-9]{1,4}[-/][0-9]{1,2}[-/][0-9]{1,4}$/.test(t)) return t;
  return WITHHELD;
}
