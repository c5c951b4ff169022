/**
 * Node only: an extract folder for `metrics` and `validate`, with any census / Annex A files in it
 * imported in memory (given a passphrase file) beside the contract files.
 */
import { readExtractDir } from '../ingest/files-node';
import type { InputFile } from '../ingest/index';
import { importBesideContract, importProblemLines, splitFiles } from './beside-contract';
import { readPassphraseFile } from './files-node';
import { PassphraseError } from './pseudonym';
import type { ImportReport } from './types';

export type DataDir =
  | { ok: true; files: InputFile[]; importReport: ImportReport | null; savedReport: ImportReport | null; notes: string[] }
  | { ok: false; misuse: string };

export async function readDataDir(dir: string, passphraseFile: string | undefined, today: string): Promise<DataDir> {
  const split = splitFiles(readExtractDir(dir));
  const notes: string[] = [];
  if (split.savedReport) {
    notes.push('import-report.json (not a table): the notes of the import that made this extract:');
    notes.push(...split.savedReport.readings.map((r) => '  ' + r));
    notes.push(...importProblemLines(split.savedReport).map((l) => '  ' + l));
  }
  if (split.sources.length === 0) return { ok: true, files: split.contract, importReport: null, savedReport: split.savedReport, notes };
  if (!passphraseFile) {
    return {
      ok: false,
      misuse: `${split.sources.map((f) => f.name).join(', ')} ${split.sources.length === 1 ? 'is a census or Annex A file' : 'are census or Annex A files'}: give --passphrase-file F to import ${split.sources.length === 1 ? 'it' : 'them'}`
    };
  }
  let text: string;
  try {
    text = readPassphraseFile(passphraseFile);
  } catch (e) {
    return { ok: false, misuse: (e as Error).message };
  }
  try {
    const b = await importBesideContract(split, text, { today });
    const r = b.imported!.report;
    notes.push(`Imported in memory (passphrase fingerprint ${r.fingerprint}): ${r.sources.map((s) => s.file).join(', ')}`);
    notes.push(...importProblemLines(r).map((l) => '  ' + l));
    return { ok: true, files: b.files, importReport: r, savedReport: split.savedReport, notes };
  } catch (e) {
    if (e instanceof PassphraseError) return { ok: false, misuse: e.message };
    throw e;
  }
}
