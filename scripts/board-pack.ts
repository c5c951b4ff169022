/**
 * Command line: npm run board-pack -- --data DIR [--partnership NAME] [--quarter "2024-25 Q3"] [--as-of YYYY-MM-DD] --out pack.pdf [--html pack.html]
 * Loads an extract folder with the same ingestion as the browser (native DuckDB), computes the
 * metrics at the as-of date (the extract's own unless an earlier one is given), reports periods up
 * to the end of the chosen quarter (default: the latest quarter that has ended by the as-of date),
 * always in publication (suppressed) form, and prints an A4 portrait PDF in headless chromium.
 * Page 1 names the partnership: --partnership, by default the data folder's name.
 * Exit codes: 2 misuse, 1 quarter not in the data (or refused as-of date, or failed load), 0 otherwise.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parsePackArgs, UsageError, USAGE } from '../src/lib/pack/args';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

async function main(): Promise<number> {
  let args;
  try {
    args = parsePackArgs(process.argv.slice(2));
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
  // Heavy modules (DuckDB, ECharts, playwright) only once the arguments are known to be right.
  const { readExtractDir } = await import('../src/lib/ingest/files-node');
  let files;
  try {
    files = readExtractDir(args.data);
  } catch (e) {
    process.stderr.write(`Cannot read the folder ${args.data}: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { NodeEngine } = await import('../src/lib/engine/node');
  const { AsOfError } = await import('../src/lib/metrics/compute');
  const { buildPack } = await import('../src/lib/pack/build');
  const { QuarterNotInDataError } = await import('../src/lib/pack/model');
  const { pageFooterTemplate } = await import('../src/lib/pack/html');
  const { htmlToPdf } = await import('../src/lib/pack/pdf-node');
  const engine = await NodeEngine.create();
  let built;
  try {
    built = await buildPack(engine, files, {
      partnership: args.partnership,
      quarter: args.quarter,
      asOf: args.asOf,
      version: version()
    });
  } catch (e) {
    if (e instanceof QuarterNotInDataError || e instanceof AsOfError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await engine.close();
  }
  if (args.html) writeFileSync(args.html, built.html);
  const pdf = await htmlToPdf(built.html, { footerTemplate: pageFooterTemplate(built.model) });
  writeFileSync(args.out, pdf);
  process.stderr.write(`Board pack of ${built.model.partnership} for ${built.model.quarter} (as of ${built.model.asOf}) written to ${args.out}\n`);
  return 0;
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
