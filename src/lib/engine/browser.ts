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
import { resetEngine, type EngineInstance } from './reset';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker }
};


/**
 * A failure to fetch the wasm inside duckdb's worker is swallowed there (the start-up promise never
 * settles), so check first, from the page, that the engine file can be fetched and is served as
 * WebAssembly: a clear message for the person and for their IT team.
 */
async function checkWasm(url: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'HEAD' });
  } catch {
    throw new Error('the analysis engine file could not be downloaded from this site');
  }
  if (!res.ok) throw new Error(`the analysis engine file could not be downloaded (HTTP ${res.status})`);
  const type = res.headers.get('content-type') ?? '';
  if (type && !type.startsWith('application/wasm')) {
    throw new Error(`the web server sends the engine file as '${type}'; it must send .wasm files as application/wasm`);
  }
}

/** Start a fresh engine. Each extract gets its own instance: wasm memory never shrinks. */
export async function startBrowserEngine(): Promise<{ engine: WasmEngine; bundle: string; terminate: () => Promise<void> }> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  // A failure inside the worker (the wasm blocked, a wrong MIME type, a CSP refusal) surfaces as an
  // error event, not as a rejected promise: turn it into one so start-up fails plainly, not hangs.
  // The engine file is checked from the page at the same time (not before: that would delay the
  // worker's own download and compile), and only its failure counts: a clear message for the
  // person and for their IT team, where the worker would say nothing.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`the analysis engine could not start (${e.message || 'its files could not be loaded'})`)));
    worker.addEventListener('messageerror', () => reject(new Error('the analysis engine could not start')));
    setTimeout(() => reject(new Error('the analysis engine did not start within 30 seconds')), 30_000);
    checkWasm(bundle.mainModule).catch(reject);
  });
  failed.catch(() => undefined);
  try {
    await Promise.race([db.instantiate(bundle.mainModule, bundle.pthreadWorker), failed]);
    performance.mark('nm:engine:instantiated');
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

/**
 * End the page's engine (its worker and all of its memory: wasm memory never shrinks) and start a
 * fresh one. Call it when an extract is replaced (see reset.ts, replaceEngine, to keep the old
 * extract if the new one fails to load).
 */
export function resetBrowserEngine(current: EngineInstance<WasmEngine> | null): Promise<EngineInstance<WasmEngine>> {
  return resetEngine(current, startBrowserEngine);
}
