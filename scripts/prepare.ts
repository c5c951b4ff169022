/**
 * Build step, on native DuckDB with the same ingestion and SQL as the browser:
 * - static/generated/demo.duckdb: the demo extract's typed tables, attached read-only by the page
 *   (much faster than validating the CSVs again in every visitor's tab);
 * - static/generated/demo-extract.json: its load report and the files' names and SHA-256;
 * - src/lib/views/prepared.json: the overview's charts, shown at once before the engine is ready
 *   and replaced by the live results.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { NodeEngine } from '../src/lib/engine/node';
import { loadExtract } from '../src/lib/ingest';
import { readExtractDir } from '../src/lib/ingest/files-node';
import { savePrepared } from '../src/lib/ingest/prepared';
import type { ChartData } from '../src/lib/views/chart-data';
import { chartRows } from '../src/lib/present/queries';
import { OVERVIEW_CHARTS } from '../src/lib/views/overview';

const DEMO = 'data/demo';
const OUT = 'static/generated';

const engine = await NodeEngine.create({ threads: 2 });
try {
  const files = readExtractDir(DEMO);
  const report = await loadExtract(engine, files);
  mkdirSync(OUT, { recursive: true });
  rmSync(`${OUT}/demo.duckdb`, { force: true });
  await savePrepared(engine, `${OUT}/demo.duckdb`);
  const hashed = files.map((f) => ({
    name: f.name,
    bytes: f.bytes.byteLength,
    sha256: createHash('sha256').update(f.bytes).digest('hex')
  }));
  writeFileSync(`${OUT}/demo-extract.json`, JSON.stringify({ report, files: hashed }) + '\n');

  const prepared: Record<string, ChartData> = {};
  for (const spec of OVERVIEW_CHARTS) prepared[spec.id] = await chartRows(engine, spec);
  writeFileSync('src/lib/views/prepared.json', JSON.stringify(prepared) + '\n');
  console.log(`prepared the demo extract and ${OVERVIEW_CHARTS.length} overview charts`);
} finally {
  await engine.close();
}
