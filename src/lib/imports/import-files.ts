/**
 * One import: census XML and Annex A workbooks -> contract tables (census and Annex A parts) and
 * import-report.json. Browser-safe (no node: imports); the passphrase is used to derive the key
 * and dropped.
 */
import { readCensusFile, mergeCensus, type CensusFile } from './census';
import { censusTables } from './census-tables';
import { annexTables, readAnnexA, type AnnexWorkbook } from './annex-a';
import { ChildIds, EventIds, fingerprintOf, readPassphrase, startDeriveKey } from './pseudonym';
import { rowCount, tableCsvBytes } from './table-builder';
import { importNotInSource } from './not-recorded';
import type { ImportedTable, ImportProblem, ImportReport, SourceReport } from './types';

export interface ImportInput {
  /** file name with extension (a path's last part is used in the report) */
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** the passphrase file's text (trailing CR/LF removed here) */
  passphraseText: string;
  locality?: string | null;
  contacts?: boolean;
  /** YYYY-MM-DD: event dates after it are rejected */
  today: string;
  /** test hook: fewer PBKDF2 iterations (never used by the product) */
  iterations?: number;
}

export interface ImportedFile {
  name: string;
  bytes: Uint8Array;
  readonly text: string;
}

function importedFile(name: string, bytes: Uint8Array): ImportedFile {
  return {
    name,
    bytes,
    get text() {
      return new TextDecoder().decode(bytes);
    }
  };
}

export interface ImportResult {
  /** tables with rows, each with the columns it records */
  tables: ImportedTable[];
  /**
   * CSV files as written: `referrals.csv`, or `referrals.census.csv` / `referrals.annex-a.csv`; one
   * per table, in the order of `tables`. `bytes` is the file (UTF-8); `text` decodes it when asked.
   */
  files: ImportedFile[];
  report: ImportReport;
  /** files that are neither census nor Annex A (contract files, other workbooks), passed through */
  others: ImportInput[];
  /** true when a file was refused or an element or row rejected */
  hadProblems: boolean;
}

/** Whether a file name is one an import reads (.xml, .xlsx, .xlsm). */
export function isImportCandidate(name: string): boolean {
  return /\.(xml|xlsx|xlsm)$/i.test(name);
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** Run an import. Throws PassphraseError for an empty passphrase. */
export async function importFiles(inputs: ImportInput[], opts: ImportOptions): Promise<ImportResult> {
  const pass = readPassphrase(opts.passphraseText);
  // PBKDF2's 600,000 rounds run in WebCrypto, off this thread: the files are read meanwhile, and
  // the key awaited only when ids are made
  const { key: deriving } = await startDeriveKey(pass.text, opts.iterations);
  const problems: ImportProblem[] = [];
  const sources: SourceReport[] = [];
  const censuses: CensusFile[] = [];
  const books: AnnexWorkbook[] = [];
  const others: ImportInput[] = [];
  for (const f of inputs) {
    const file = baseName(f.name);
    if (/\.xml$/i.test(file)) {
      const r = readCensusFile(file, f.bytes, opts.today);
      if (!r.ok) {
        problems.push({ file, part: null, row: r.line, column: null, value: '', reason: `refused: ${r.reason}`, effect: 'refused' });
        continue;
      }
      censuses.push(r.census);
    } else if (/\.(xlsx|xlsm)$/i.test(file)) {
      const r = readAnnexA(file, f.bytes, opts.today, opts.contacts ?? false);
      if (r.kind === 'not_annex_a') others.push(f);
      else if (r.kind === 'refused') {
        problems.push({ file, part: null, row: null, column: null, value: '', reason: `refused: ${r.reason}`, effect: 'refused' });
      } else books.push(r.workbook);
    } else {
      others.push(f);
    }
  }
  censuses.sort((a, b) => (a.referenceDate < b.referenceDate ? -1 : a.referenceDate > b.referenceDate ? 1 : 0));
  for (const c of censuses) {
    sources.push({ file: c.file, kind: 'cin_census', reference_date: c.referenceDate, parts: c.parts, not_used: [] });
    problems.push(...c.problems);
  }
  for (const b of books) {
    sources.push(b.report);
    problems.push(...b.problems);
  }

  const key = await deriving;
  const ids = new ChildIds(key);
  const tables: ImportedTable[] = [];
  const readings: string[] = [];
  let censusUntil: string | null = null;
  let censusChildren = new Set<string>();
  if (censuses.length > 0) {
    const merged = mergeCensus(censuses);
    problems.push(...merged.problems);
    const ct = await censusTables(merged, ids, new EventIds(), opts.locality ?? null);
    tables.push(...ct.tables);
    censusUntil = merged.latestReferenceDate;
    censusChildren = ct.childIds;
    readings.push(
      'neglect: a reading. The census records no concerns at referral: neglect_concern reads neglect identified later in the episode (assessment factor 16A or a child protection plan under neglect).'
    );
  }
  if (books.length > 0) {
    const at = await annexTables(books, ids, new EventIds(), {
      censusUntil,
      censusChildren,
      locality: opts.locality ?? null,
      contacts: opts.contacts ?? false
    });
    for (const t of at.tables) {
      // Annex A does not record neglect at assessment, nor locality unless given
      const drop = new Set<string>();
      if (t.table === 'assessments') drop.add('neglect_identified');
      if (t.table === 'children' && !opts.locality) drop.add('locality');
      const keep = t.columns.map((c, k) => (drop.has(c) ? -1 : k)).filter((k) => k >= 0);
      tables.push({ ...t, columns: keep.map((k) => t.columns[k]!), data: keep.map((k) => t.data[k]!) });
    }
    for (const [part, n] of Object.entries(at.covered)) {
      problems.push({
        file: books.map((b) => b.file).join(', '),
        part,
        row: null,
        column: null,
        value: '',
        reason: `${n} row${n === 1 ? '' : 's'} dated on or before ${censusUntil}: covered by the census (loaded, not written again)`,
        effect: 'note'
      });
    }
    if (at.contactsSameAsList3 > 0) {
      problems.push({
        file: books.map((b) => b.file).join(', '),
        part: 'List 1',
        row: null,
        column: null,
        value: '',
        reason: `${at.contactsSameAsList3} contact${at.contactsSameAsList3 === 1 ? '' : 's'} on the day of a List 3 referral of the child: same as List 3 (loaded, not written again)`,
        effect: 'note'
      });
    }
    readings.push(
      'neglect: a reading. Annex A records no concerns at referral: neglect_concern is true when a child protection plan under neglect (List 7) starts in the referral\'s window.'
    );
    if (!books.some((b) => b.lists.has(7))) {
      problems.push({
        file: books.map((b) => b.file).join(', '),
        part: 'List 7',
        row: null,
        column: null,
        value: '',
        reason: 'without List 7, neglect_concern and episode neglect read false throughout',
        effect: 'warning'
      });
    }
  }

  const both = censuses.length > 0 && books.length > 0;
  const withRows = tables.filter((t) => rowCount(t) > 0);
  const files = withRows.map((t) => importedFile(both ? `${t.table}.${t.part}.csv` : `${t.table}.csv`, tableCsvBytes(t)));
  const tableCounts: Record<string, number> = {};
  for (const t of withRows) tableCounts[both ? `${t.table}.${t.part}` : t.table] = rowCount(t);
  const report: ImportReport = {
    fingerprint: await fingerprintOf(key),
    passphrase_warning: pass.warning,
    sources,
    tables: tableCounts,
    not_in_source: importNotInSource(withRows, sources.length > 0),
    readings,
    problems
  };
  const hadProblems =
    problems.some((p) => p.effect === 'refused' || p.effect === 'rejected') ||
    sources.some((s) => Object.values(s.parts).some((p) => p.rejected > 0));
  return { tables: withRows, files, report, others, hadProblems };
}

/** import-report.json's text. */
export function importReportJson(r: ImportReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
