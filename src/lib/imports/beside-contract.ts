/**
 * Imports beside contract files (metrics and validate `--data`, and the browser's /data): census
 * and Annex A files are imported in memory into contract CSVs named as parts
 * (`referrals.census.csv`, `referrals.annex-a.csv`), so a table from both a source and a contract
 * file loads as two parts. `import-report.json` is not a table: it is taken out and its notes kept.
 */
import type { InputFile } from '../ingest/index';
import { openWorkbook } from './annex-a-sheets';
import { importFiles, type ImportResult } from './import-files';
import type { ImportReport } from './types';

/** Whether a file is a census (.xml) or an Annex A workbook (a sheet that is a list). */
export function isImportSource(f: InputFile): boolean {
  if (/\.xml$/i.test(f.name)) return true;
  if (!/\.(xlsx|xlsm)$/i.test(f.name)) return false;
  try {
    return openWorkbook(f.bytes).sheets.some((s) => s.list !== null);
  } catch {
    return false;
  }
}

export interface Split {
  sources: InputFile[];
  contract: InputFile[];
  /** a loaded anonymised extract's import-report.json, parsed (null when absent or unreadable) */
  savedReport: ImportReport | null;
}

export function splitFiles(files: InputFile[]): Split {
  const out: Split = { sources: [], contract: [], savedReport: null };
  for (const f of files) {
    if (f.name.toLowerCase() === 'import-report.json') {
      try {
        out.savedReport = JSON.parse(new TextDecoder().decode(f.bytes)) as ImportReport;
      } catch {
        out.savedReport = null;
      }
    } else if (isImportSource(f)) out.sources.push(f);
    else out.contract.push(f);
  }
  return out;
}

export interface BesideContract {
  /** what loadExtract should load: contract files plus the imported parts */
  files: InputFile[];
  imported: ImportResult | null;
}

/** Import the sources and put their tables beside the contract files, as parts. */
export async function importBesideContract(
  split: Split,
  passphraseText: string,
  opts: { today: string; locality?: string | null; contacts?: boolean }
): Promise<BesideContract> {
  if (split.sources.length === 0) return { files: split.contract, imported: null };
  const imported = await importFiles(split.sources, { passphraseText, ...opts });
  // the CSV bytes the import wrote (files are in the order of tables), named as parts; not copied
  const parts = imported.tables.map((t, i) => ({
    name: `${t.table}.${t.part}.csv`,
    bytes: imported.files[i]!.bytes,
    importWritten: importWrittenColumns(t.columns)
  }));
  return { files: [...split.contract, ...imported.others, ...parts], imported };
}

/**
 * The columns of an imported table whose every value the import writes itself (InputFile
 * .importWritten): keyed-hash ids, dates it has checked, and codes from its fixed lists (values.ts,
 * census-tables.ts, annex-a.ts). Not `locality`: that is a file's or a person's text (the census
 * header's LEA, or --locality), so the load's privacy guard scans it as ever.
 */
export function importWrittenColumns(columns: readonly string[]): string[] {
  return columns.filter((c) => c !== 'locality');
}

/** One line per problem of an import, for a command line (no personal value is in them). */
export function importProblemLines(r: ImportReport): string[] {
  return r.problems.map(
    (p) =>
      `${p.file}${p.part ? ` ${p.part}` : ''}${p.row !== null ? ` line ${p.row}` : ''}${p.column ? `, ${p.column}` : ''}${
        p.value ? ` '${p.value}'` : ''
      }: ${p.reason} (${p.effect})`
  );
}

/** True when an import (if any) refused no file and rejected no element or row. */
export function loadIsCleanWithImport(r: ImportReport | null): boolean {
  if (!r) return true;
  return (
    !r.problems.some((p) => p.effect === 'refused' || p.effect === 'rejected') &&
    r.sources.every((s) => Object.values(s.parts).every((p) => p.rejected === 0))
  );
}
