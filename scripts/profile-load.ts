/**
 * Profile of a load (not part of `npm run bench`): loadExtract on the duckdb-wasm engine in Node
 * (the browser's engine, blocking build) over a directory of CSV files, every engine call timed and
 * listed with the first words of its SQL, then the native raw read of the same files for the ratio.
 * Usage: tsx scripts/profile-load.ts DIR [--native]
 */
import { readExtractDir } from '../src/lib/ingest/files-node';
import { loadExtract } from '../src/lib/ingest';
import { createWasmNodeEngine } from '../src/lib/engine/wasm-node';
import { NodeEngine } from '../src/lib/engine/node';
import type { Engine } from '../src/lib/engine/types';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '/tmp/neglect-monitor-bench-20000';
const native = process.argv.includes('--native');

function timed(engine: Engine): { engine: Engine; log: { what: string; ms: number; cpu: number }[] } {
  const log: { what: string; ms: number; cpu: number }[] = [];
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>, label: (...a: A) => string) =>
    async (...a: A): Promise<R> => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      try {
        return await fn(...a);
      } finally {
        const c = process.cpuUsage(c0);
        log.push({ what: `${name} ${label(...a)}`, ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
      }
    };
  const short = (sql: string) => sql.replace(/\s+/g, ' ').slice(0, 110);
  const e: Engine = {
    kind: engine.kind,
    exec: wrap('exec', (s: string) => engine.exec(s), short),
    query: wrap('query', (s: string) => engine.query(s), short) as Engine['query'],
    registerFile: wrap('registerFile', (n: string, b: Uint8Array) => engine.registerFile(n, b), (n) => n),
    dropFile: wrap('dropFile', (p: string) => engine.dropFile(p), (p) => p),
    createTextTable: wrap('createTextTable', (t: string, c) => engine.createTextTable(t, c), (t) => t),
    close: () => engine.close()
  };
  return { engine: e, log };
}

async function main(): Promise<void> {
  const files = readExtractDir(dir);
  const base = native ? await NodeEngine.create() : await createWasmNodeEngine();
  const { engine, log } = timed(base);
  // the engine's memory (duckdb-wasm's one WebAssembly memory, which never shrinks) is counted in
  // the process's external memory, with the files' bytes (already read)
  const external0 = process.memoryUsage().external;
  let last = performance.now();
  const marks: string[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await loadExtract(engine, files, {
    today: '2026-11-30',
    onProgress: (f, s) => {
      const t = performance.now();
      marks.push(`${(t - t0).toFixed(0).padStart(7)} ms  ${f} ${s} (+${(t - last).toFixed(0)})`);
      last = t;
    }
  });
  const total = performance.now() - t0;
  const grown = (process.memoryUsage().external - external0) / 1e6;
  const cpuAll = process.cpuUsage(cpu0);
  const cpuTotal = (cpuAll.user + cpuAll.system) / 1000;
  for (const l of log) if (l.ms >= 20) console.log(`${l.ms.toFixed(0).padStart(7)} ms ${l.cpu.toFixed(0).padStart(7)} cpu  ${l.what}`);
  console.log(marks.join('\n'));
  const sum = log.reduce((s, l) => s + l.ms, 0);
  console.log(`load total ${total.toFixed(0)} ms wall, ${cpuTotal.toFixed(0)} ms CPU (engine calls ${sum.toFixed(0)} ms wall)`);
  console.log(
    Object.entries(report.tables)
      .map(([t, r]) => `${t}: read ${r!.read} loaded ${r!.loaded} rejected ${r!.rejected}`)
      .join('\n')
  );
  await base.close();
  const raw = await NodeEngine.create();
  const r0 = performance.now();
  const rc0 = process.cpuUsage();
  const csv = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  for (const [i, f] of csv.entries()) await raw.exec(`CREATE TABLE raw_${i} AS SELECT * FROM read_csv('${join(dir, f)}')`);
  const rawMs = performance.now() - r0;
  const rc = process.cpuUsage(rc0);
  const rawCpu = (rc.user + rc.system) / 1000;
  await raw.close();
  console.log(`native raw read ${rawMs.toFixed(0)} ms wall, ${rawCpu.toFixed(0)} ms CPU; load / raw = ${(total / rawMs).toFixed(2)}x wall, ${(cpuTotal / rawCpu).toFixed(2)}x CPU`);
  console.log(
    `RSS at the end ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB${native ? '' : `; duckdb-wasm memory grown by the load ${grown.toFixed(0)} MB`}`
  );
}
await main();
