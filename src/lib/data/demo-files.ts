/**
 * The demo partnership's files, served by the app itself: Vite emits each CSV under data/demo as an
 * asset of the build, so the demo needs no server and no network beyond the page's own origin.
 */
import { base } from '$app/paths';
import type { Engine } from '$lib/engine/types';
import type { InputFile, LoadReport } from '$lib/ingest';
import { loadPrepared } from '$lib/ingest/prepared';
import { adoptBuilt, CARRIED_RELATIONS } from '$lib/metrics/prepare';
import { preparedDemoSchema } from '$lib/contract/schemas';

const urls = import.meta.glob('/data/demo/*.csv', { query: '?url', import: 'default', eager: true }) as Record<
  string,
  string
>;

export const DEMO_FILE_NAMES = Object.keys(urls).map((p) => p.split('/').pop()!);

export async function fetchDemoFiles(): Promise<InputFile[]> {
  return Promise.all(
    Object.entries(urls).map(async ([path, url]) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`The demo file ${path} could not be read (HTTP ${res.status}).`);
      return { name: path.split('/').pop()!, bytes: new Uint8Array(await res.arrayBuffer()) };
    })
  );
}

/**
 * Load the prepared demo (static/generated, written by scripts/prepare.ts at build time) into the
 * engine. Returns null when the build has no prepared demo.
 */
export interface PreparedDemoDownload {
  db: Response;
  meta: Response;
}

/** Start downloading the prepared demo (it can run while the engine starts). */
export async function downloadPreparedDemo(): Promise<PreparedDemoDownload> {
  const [db, meta] = await Promise.all([
    fetch(`${base}/generated/demo.duckdb`),
    fetch(`${base}/generated/demo-extract.json`)
  ]);
  return { db, meta };
}

export async function fetchPreparedDemo(
  engine: Engine,
  download: Promise<PreparedDemoDownload> = downloadPreparedDemo()
): Promise<{ report: LoadReport; files: { name: string; bytes: number; sha256: string }[] } | null> {
  const { db, meta } = await download;
  if (!db.ok || !meta.ok) return null;
  const parsed = preparedDemoSchema.safeParse(await meta.json());
  if (!parsed.success) throw new Error('The prepared demo is damaged (demo-extract.json does not match its schema).');
  const info = parsed.data as unknown as { report: LoadReport; files: { name: string; bytes: number; sha256: string }[] };
  const path = await engine.registerFile('demo.duckdb', new Uint8Array(await db.arrayBuffer()));
  try {
    await loadPrepared(engine, path, CARRIED_RELATIONS);
  } finally {
    await engine.dropFile(path);
  }
  // the metrics' prepared relations came with the file, built at build time by the same SQL
  await adoptBuilt(engine);
  return info;
}
