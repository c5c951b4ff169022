/**
 * Validate an extract folder against the contract and print the load report.
 *   npm run validate -- --data DIR [--json] [--today YYYY-MM-DD]
 * Exit 0 when everything loaded, 1 when any row was rejected or any file refused (or referrals is
 * missing), 2 when misused.
 */
import { readFlags, UsageError } from '../src/lib/cli/flags';
import { statSync } from 'node:fs';
import { NodeEngine } from '../src/lib/engine/node';
import { loadExtract, loadIsClean, type LoadReport } from '../src/lib/ingest/index';
import { isCalendarDate, londonToday } from '../src/lib/ingest/today';
import { readDataDir } from '../src/lib/imports/data-dir-node';
import { loadIsCleanWithImport } from '../src/lib/imports/beside-contract';

const USAGE = 'usage: npm run validate -- --data DIR [--json] [--today YYYY-MM-DD] [--passphrase-file F]';

function misuse(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { data: string; json: boolean; today?: string; passphraseFile?: string } {
  let flags;
  try {
    flags = readFlags(argv, { '--data': 'value', '--today': 'value', '--json': 'switch', '--passphrase-file': 'value' });
  } catch (e) {
    if (e instanceof UsageError) misuse(e.message);
    throw e;
  }
  if (flags.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const data = flags.values.get('--data');
  const json = flags.switches.has('--json');
  const today = flags.values.get('--today');
  if (!data) misuse('missing --data DIR');
  let isDir = false;
  try {
    isDir = statSync(data).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) misuse(`not a directory: ${data}`);
  if (today !== undefined && !isCalendarDate(today)) {
    misuse(`--today must be a real date written YYYY-MM-DD, not '${today}'`);
  }
  return { data, json, today, passphraseFile: flags.values.get('--passphrase-file') };
}

function text(r: LoadReport): string {
  const out: string[] = [`Extract check (today ${r.today})`, ''];
  for (const [name, t] of Object.entries(r.tables)) {
    out.push(`${name}: read ${t.read}, loaded ${t.loaded}, rejected ${t.rejected}`);
    for (const p of t.parts) {
      if (t.parts.length > 1) out.push(`  ${p.file}: read ${p.read}, loaded ${p.loaded}, rejected ${p.rejected}`);
    }
    for (const [c, n] of Object.entries(t.warnings)) out.push(`  warnings in ${c}: ${n}`);
  }
  if (r.missingRequired.length) {
    out.push('', `Missing required table: ${r.missingRequired.join(', ')} (add ${r.missingRequired[0]}.csv).`);
  }
  if (r.failure) out.push('', `Not loaded: ${r.failure}`);
  if (r.refused.length) {
    out.push('', 'Refused files:');
    for (const f of r.refused) out.push(`  ${f.file}: ${f.reason}`);
  }
  if (r.unused.length) {
    out.push('', 'Not used:');
    for (const f of r.unused) out.push(`  ${f.file}: ${f.reason}`);
  }
  if (r.ignoredColumns.length) {
    out.push('', 'Columns ignored (not in the contract):');
    for (const f of r.ignoredColumns) out.push(`  ${f.file}: ${f.columns.join(', ')}`);
  }
  if (r.repeatedColumns?.length) {
    out.push('', 'Columns repeated (only the first of each name is read):');
    for (const f of r.repeatedColumns) out.push(`  ${f.file}: ${f.columns.join(', ')}`);
  }
  if (r.rejections.length) {
    out.push('', 'Rejected rows (one entry per failing field):');
    for (const x of r.rejections) out.push(`  ${x.file} line ${x.line}, ${x.column} '${x.value}': ${x.reason}`);
    if (r.rejectionsOmitted) out.push(`  ... and ${r.rejectionsOmitted} more`);
  }
  if (r.warnings.length) {
    out.push('', 'Warnings:');
    for (const x of r.warnings) out.push(`  ${x.file} line ${x.line}, ${x.column} '${x.value}': ${x.reason}`);
    if (r.warningsOmitted) out.push(`  ... and ${r.warningsOmitted} more`);
  }
  out.push('', loadIsClean(r) ? 'Everything loaded.' : 'Not everything loaded: see above.');
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const engine = await NodeEngine.create();
  try {
    const data = await readDataDir(args.data, args.passphraseFile, args.today ?? londonToday());
    if (!data.ok) misuse(data.misuse);
    const report = await loadExtract(engine, data.files, args.today ? { today: args.today } : {});
    if (args.json) {
      const doc = data.importReport ? { ...report, import: data.importReport } : report;
      process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    } else {
      process.stdout.write(text(report) + '\n' + (data.notes.length ? '\n' + data.notes.join('\n') + '\n' : ''));
    }
    process.exitCode = loadIsClean(report) && loadIsCleanWithImport(data.importReport) ? 0 : 1;
  } finally {
    await engine.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`validate failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
