/**
 * Command line: npm run metrics -- --data DIR [--as-of YYYY-MM-DD] [--out FILE]
 * Loads an extract folder through the same ingestion as the browser, on native DuckDB, and writes
 * metrics.md's JSON document: {"as_of", "tables": {t: {read, loaded, rejected}}, "metrics": [...]}.
 * Exit codes: 2 misuse, 1 refused as-of date (or failed load), 0 otherwise.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { NodeEngine, largeExtractOptions } from '../src/lib/engine/node';
import { computeMetrics, AsOfError } from '../src/lib/metrics/compute';
import { parseMetricsArgs, UsageError, USAGE } from '../src/lib/metrics/cli-args';
import { cliDocument } from '../src/lib/metrics/cli-document';

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
  const { readExtractDir } = await import('../src/lib/ingest/files-node');
  // Every core, spilling to disk where an operator outgrows memory (5M referrals and more).
  const engine = await NodeEngine.create(largeExtractOptions());
  try {
    const files = await readExtractDir(args.data);
    const report = await loadExtract(engine, files);
    if (report.missingRequired.length > 0 || report.refused.length > 0) process.stderr.write(loadReportSummary(report) + '\n');
    let result;
    try {
      result = await computeMetrics(engine, { asOf: args.asOf });
    } catch (e) {
      if (e instanceof AsOfError) {
        process.stderr.write(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const json = JSON.stringify(cliDocument(result, report.tables), null, 2) + '\n';
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
