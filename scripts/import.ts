/**
 * Import the CIN census and Ofsted Annex A into an anonymised extract (imports.md):
 *   npm run import -- --from DIR_OR_FILE [--from ...] --passphrase-file F --out DIR
 *                     [--locality NAME] [--contacts] [--today YYYY-MM-DD]
 * Writes children.csv, referrals.csv, assessments.csv, episodes.csv (when a source gave rows; with
 * both sources `TABLE.census.csv` and `TABLE.annex-a.csv`) and import-report.json.
 * Exit 0; 1 when a file was refused or a row rejected (files still written); 2 misuse.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFlags, UsageError } from '../src/lib/cli/flags';
import { londonToday } from '../src/lib/ingest/today';
import { importFiles, importReportJson, PassphraseError } from '../src/lib/imports';
import { importProblemLines } from '../src/lib/imports/beside-contract';
import { gatherSources, readPassphraseFile } from '../src/lib/imports/files-node';

const USAGE =
  'usage: npm run import -- --from DIR_OR_FILE [--from ...] --passphrase-file F --out DIR [--locality NAME] [--contacts] [--today YYYY-MM-DD]';

function misuse(msg: string): number {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  return 2;
}

async function main(): Promise<number> {
  let flags;
  try {
    flags = readFlags(process.argv.slice(2), {
      '--from': 'list',
      '--passphrase-file': 'value',
      '--out': 'value',
      '--locality': 'value',
      '--contacts': 'switch',
      '--today': 'value'
    });
  } catch (e) {
    if (e instanceof UsageError) return misuse(e.message);
    throw e;
  }
  if (flags.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const from = flags.lists.get('--from') ?? [];
  const passFile = flags.values.get('--passphrase-file');
  const out = flags.values.get('--out');
  const today = flags.values.get('--today') ?? londonToday();
  if (from.length === 0) return misuse('missing --from DIR_OR_FILE');
  if (!passFile) return misuse('missing --passphrase-file F (the passphrase is read only from a file)');
  if (!out) return misuse('missing --out DIR');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) return misuse(`--today must be YYYY-MM-DD, not '${today}'`);
  const locality = flags.values.get('--locality') ?? null;
  if (locality !== null && (locality.trim() === '' || locality.length > 64)) return misuse('--locality must be 1 to 64 characters');
  const gathered = gatherSources(from);
  if (gathered.missing.length > 0) return misuse(`no such file or folder: ${gathered.missing.join(', ')}`);
  if (gathered.files.length === 0) return misuse(`no .xml, .xlsx or .xlsm file in ${from.join(', ')}`);
  let passText: string;
  try {
    passText = readPassphraseFile(passFile);
  } catch (e) {
    return misuse((e as Error).message);
  }
  let result;
  try {
    result = await importFiles(gathered.files, { passphraseText: passText, today, locality, contacts: flags.switches.has('--contacts') });
  } catch (e) {
    if (e instanceof PassphraseError) return misuse(e.message);
    throw e;
  }
  for (const n of gathered.notUsed) {
    result.report.problems.push({ file: n, part: null, row: null, column: null, value: '', reason: 'not a census (.xml) or workbook (.xlsx, .xlsm): not used', effect: 'not used' });
  }
  for (const o of result.others) {
    result.report.problems.push({ file: o.name, part: null, row: null, column: null, value: '', reason: 'a workbook with no Annex A list: not used (load it as contract files instead)', effect: 'not used' });
  }
  mkdirSync(out, { recursive: true });
  for (const f of result.files) writeFileSync(join(out, f.name), f.text);
  writeFileSync(join(out, 'import-report.json'), importReportJson(result.report));
  const r = result.report;
  const lines = [`Import (passphrase fingerprint ${r.fingerprint})`];
  if (r.passphrase_warning) lines.push(`Warning: ${r.passphrase_warning}`);
  for (const s of r.sources) {
    lines.push(`${s.file} (${s.kind}${s.reference_date ? `, ${s.reference_date}` : ''})`);
    for (const [p, c] of Object.entries(s.parts)) lines.push(`  ${p}: read ${c.read}, loaded ${c.loaded}, rejected ${c.rejected}`);
    if (s.not_used.length) lines.push(`  not used: ${s.not_used.join(', ')}`);
  }
  lines.push('Written:', ...result.files.map((f) => `  ${join(out, f.name)}`), `  ${join(out, 'import-report.json')}`);
  if (r.problems.length) lines.push('Problems:', ...importProblemLines(r).map((l) => '  ' + l));
  process.stdout.write(lines.join('\n') + '\n');
  return result.hadProblems ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`import failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
);
