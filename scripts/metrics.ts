/**
 * Command line: npm run metrics -- --data DIR [--as-of YYYY-MM-DD] [--out FILE] [--publication]
 * Loads an extract folder through the same ingestion as the browser, on native DuckDB, and writes
 * metrics.md's JSON document: {"as_of", "tables": {t: {read, loaded, rejected}}, "metrics": [...]};
 * with --publication, the metric rows in publication form (suppressed cells "c", "suppressed").
 * Exit codes: 2 misuse, 1 refused as-of date (or failed load), 0 otherwise.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { NodeEngine, largeExtractOptions } from '../src/lib/engine/node';
import { computeMetrics, AsOfError } from '../src/lib/metrics/compute';
import { parseMetricsArgs, UsageError, USAGE } from '../src/lib/metrics/cli-args';
import { cliDocument, publicationDocument } from '../src/lib/metrics/cli-document';

async function main(): Promise<number> {
  let args;
  try {
    args = parseMetricsArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (!existsSync(args.data) || !statSync(args.data).isDirectory()) {
    process.stderr.write(`--data ${args.data}: no such folder.\n${USAGE}\n`);
    return 2;
  }
  const { loadExtract, loadReportSummary } = await import('../src/lib/ingest');
  const { readDataDir } = await import('../src/lib/imports/data-dir-node');
  const { notInSource, recordedFields } = await import('../src/lib/imports/not-recorded');
  const { londonToday } = await import('../src/lib/ingest/today');
  const data = await readDataDir(args.data, args.passphraseFile, londonToday());
  if (!data.ok) {
    process.stderr.write(`${data.misuse}\n${USAGE}\n`);
    return 2;
  }
  if (data.notes.length) process.stderr.write(data.notes.join('\n') + '\n');
  // Every core, spilling to disk where an operator outgrows memory (5M referrals and more).
  const engine = await NodeEngine.create(largeExtractOptions());
  try {
    const report = await loadExtract(engine, data.files);
    if (report.missingRequired.length > 0 || report.refused.length > 0) process.stderr.write(loadReportSummary(report) + '\n');
    let result;
    try {
      // The publication form is worked out over every registry metric, the dashboard-only ones
      // included (they share counts with spec metrics), so that it equals the dashboard's; they are
      // then left out of the document.
      result = await computeMetrics(engine, { asOf: args.asOf, includeExtra: args.publication === true });
    } catch (e) {
      if (e instanceof AsOfError) {
        process.stderr.write(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const nis = notInSource(recordedFields(report.tables));
    const doc = args.publication ? publicationDocument(result, report.tables, nis) : cliDocument(result, report.tables, nis);
    const json = JSON.stringify(doc, null, 2) + '\n';
    if (args.out) writeFileSync(args.out, json);
    else process.stdout.write(json);
    return 0;
  } finally {
    await engine.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
);
