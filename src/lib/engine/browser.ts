/**
 * Start duckdb-wasm in the page: bundles served by the app itself (Vite `?url`, never a CDN), a web
 * worker, extension autoload/autoinstall off. One shared start-up promise whose state the UI can
 * show honestly. Import this module dynamically, after mount, so it stays out of prerendering.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { WasmEngine } from './wasm';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker }
};


/** Start a fresh engine. Each extract gets its own instance: wasm memory never shrinks. */
export async function startBrowserEngine(): Promise<{ engine: WasmEngine; bundle: string; terminate: () => Promise<void> }> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({
      query: { castBigIntToDouble: true, castDecimalToDouble: true }
    });
    const conn = await db.connect();
    const engine = await WasmEngine.create(db, conn);
    const name = bundle.mainModule === ehWasm ? 'eh' : 'mvp';
    return {
      engine,
      bundle: name,
      terminate: async () => {
        await db.terminate();
      }
    };
  } catch (e) {
    worker.terminate();
    throw e;
  }
}
