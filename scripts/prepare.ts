/**
 * Build step, on native DuckDB with the same ingestion and SQL as the browser:
 * - static/generated/demo.duckdb: the demo extract's typed tables, attached read-only by the page
 *   (much faster than validating the CSVs again in every visitor's tab), and the relations the
 *   metrics read prepared from them (metrics/prepare.ts, adoptBuilt: the page's first questions
 *   need not build them);
 * - static/generated/demo-extract.json: its load report and the files' names and SHA-256;
 * - src/lib/views/prepared.json: the overview's charts and headline tiles (unfiltered), shown at
 *   once before the engine is ready and replaced by the live results.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { NodeEngine } from '../src/lib/engine/node';
import { loadExtract } from '../src/lib/ingest';
import { readExtractDir } from '../src/lib/ingest/files-node';
import { savePrepared } from '../src/lib/ingest/prepared';
import { CARRIED_RELATIONS, prepare, recordBuilt } from '../src/lib/metrics/prepare';
import type { ChartData } from '../src/lib/views/chart-data';
import { chartRows, fetchRows, filterOptions } from '../src/lib/present/queries';
import { rowsKey } from '../src/lib/present/request';
import { headlineDefs, tileQueries, tileRequests } from '../src/lib/present/tiles';
import { DEFAULT_VIEW } from '../src/lib/data/view-state';
import { OVERVIEW_CHARTS } from '../src/lib/views/overview';

const DEMO = 'data/demo';
const OUT = 'static/generated';

const engine = await NodeEngine.create({ threads: 2 });
try {
  const files = readExtractDir(DEMO);
  const report = await loadExtract(engine, files);
  mkdirSync(OUT, { recursive: true });
  rmSync(`${OUT}/demo.duckdb`, { force: true });
  await prepare(engine);
  await recordBuilt(engine);
  await savePrepared(engine, `${OUT}/demo.duckdb`, CARRIED_RELATIONS);
  const hashed = files.map((f) => ({
    name: f.name,
    bytes: f.bytes.byteLength,
    sha256: createHash('sha256').update(f.bytes).digest('hex')
  }));
  writeFileSync(`${OUT}/demo-extract.json`, JSON.stringify({ report, files: hashed }) + '\n');

  const charts: Record<string, ChartData> = {};
  for (const spec of OVERVIEW_CHARTS) charts[spec.id] = await chartRows(engine, spec);
  // the tiles exactly as the overview asks for them with no filter (targets change the words, not the rows)
  const { hasChildren } = await filterOptions(engine);
  const qs = tileQueries(tileRequests(headlineDefs(new Set(report.present)), DEFAULT_VIEW, hasChildren));
  const parts = [];
  for (const q of qs) parts.push(await fetchRows(engine, q));
  const tiles = {
    key: qs.map(rowsKey).join('&'),
    present: report.present,
    result: { asOf: parts[0]?.asOf ?? '', rows: parts.flatMap((p) => p.rows) }
  };
  writeFileSync('src/lib/views/prepared.json', JSON.stringify({ charts, tiles }) + '\n');
  console.log(`prepared the demo extract, ${OVERVIEW_CHARTS.length} overview charts and ${tiles.result.rows.length} tile rows`);
} finally {
  await engine.close();
}
