/**
 * Reset the engine when an extract is replaced. duckdb-wasm's memory is one WebAssembly memory that
 * grows and never shrinks: dropping tables frees pages inside it for DuckDB to reuse, but the tab
 * keeps the peak. Only ending the instance (its worker) gives the memory back, so a reset is: end
 * the old instance, start a fresh one. Works for the page's engine (browser.ts) and, in tests, for
 * duckdb-wasm run in Node (wasm-node.ts).
 */
import type { Engine } from './types';

/** A running engine and the way to end it (the worker and all its memory). */
export interface EngineInstance<E extends Engine = Engine> {
  engine: E;
  terminate: () => Promise<void>;
}

/**
 * End `current` (when there is one) and start a fresh instance with `start`. The old instance is
 * ended even when ending it fails half-way (a worker already gone): its failure is not the caller's.
 */
export async function resetEngine<E extends Engine>(
  current: EngineInstance<E> | null,
  start: () => Promise<EngineInstance<E>>
): Promise<EngineInstance<E>> {
  if (current) {
    try {
      await current.terminate();
    } catch {
      // already ended
    }
  }
  return start();
}

/**
 * Replace an extract without losing the one in use if the new one fails to load: load into a fresh
 * instance, then end the old one on success, or end the new one on failure (the old stays). Peak
 * memory is both instances during the load; use resetEngine first instead when the old extract
 * need not survive a failed load (e.g. the capacity check says the new one is large).
 */
export async function replaceEngine<E extends Engine, R>(
  current: EngineInstance<E> | null,
  start: () => Promise<EngineInstance<E>>,
  load: (engine: E) => Promise<{ ok: boolean; result: R }>
): Promise<{ instance: EngineInstance<E>; result: R; replaced: boolean }> {
  const fresh = await start();
  let outcome: { ok: boolean; result: R };
  try {
    outcome = await load(fresh.engine);
  } catch (e) {
    await fresh.terminate().catch(() => undefined);
    throw e;
  }
  if (!outcome.ok && current) {
    await fresh.terminate().catch(() => undefined);
    return { instance: current, result: outcome.result, replaced: false };
  }
  if (current) await current.terminate().catch(() => undefined);
  return { instance: fresh, result: outcome.result, replaced: true };
}

/**
 * Replace an extract that can be made again at will (the demo partnership): end the old instance
 * first, so its memory is not held during the new load (at a million referrals the tab's peak is
 * set by the load), then load into a fresh one. When the new load fails (refused, or an error:
 * `error`), the old extract is made again with `restore` on another fresh instance (never on the one
 * the failed load may have left half-filled), which is then the instance in use.
 */
export async function replaceEngineFirst<E extends Engine, R>(
  current: EngineInstance<E> | null,
  start: () => Promise<EngineInstance<E>>,
  load: (engine: E) => Promise<{ ok: boolean; result: R }>,
  restore: (engine: E) => Promise<void>
): Promise<{ instance: EngineInstance<E>; replaced: boolean; result?: R; error?: unknown }> {
  const fresh = await resetEngine(current, start);
  let outcome: { ok: boolean; result: R } | null = null;
  let error: unknown = undefined;
  try {
    outcome = await load(fresh.engine);
  } catch (e) {
    error = e;
  }
  if (outcome?.ok) return { instance: fresh, result: outcome.result, replaced: true };
  const again = await resetEngine(fresh, start);
  try {
    await restore(again.engine);
  } catch (e) {
    await again.terminate().catch(() => undefined);
    throw e;
  }
  return outcome ? { instance: again, result: outcome.result, replaced: false } : { instance: again, replaced: false, error };
}
