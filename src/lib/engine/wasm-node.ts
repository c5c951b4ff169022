/**
 * The exact browser engine (duckdb-wasm) run inside Node through its blocking build, for the parity
 * tests that prove browser and command line compute the same numbers. Node only.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WasmEngine, type WasmConnection, type WasmDatabase } from './wasm';
import type { EngineInstance } from './reset';

/** The part of duckdb-wasm's Node blocking build used here. */
interface BlockingModule {
  createDuckDB(
    bundles: Record<string, { mainModule: string; mainWorker: string }>,
    logger: unknown,
    runtime: unknown
  ): Promise<
    WasmDatabase & {
      instantiate(): Promise<unknown>;
      open(config: { query: Record<string, boolean> }): void;
      connect(): WasmConnection;
    }
  >;
  VoidLogger: new () => unknown;
  NODE_RUNTIME: unknown;
}

export async function createWasmNodeEngine(): Promise<WasmEngine> {
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as BlockingModule;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') }
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  return WasmEngine.create(db, conn);
}

/** The same engine as a resettable instance (reset.ts), as the page holds its own. */
export async function startWasmNodeEngine(): Promise<EngineInstance<WasmEngine>> {
  const engine = await createWasmNodeEngine();
  return { engine, terminate: () => engine.close() };
}
