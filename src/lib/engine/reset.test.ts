/**
 * Resetting the engine: the old duckdb-wasm instance is ended (its memory goes with it) and a fresh,
 * empty one answers; replacing keeps the old extract when the new load fails.
 */
import { describe, expect, it } from 'vitest';
import { startWasmNodeEngine } from './wasm-node';
import { replaceEngine, resetEngine } from './reset';

async function memoryBytes(e: { query: (s: string) => Promise<Record<string, unknown>[]> }): Promise<number> {
  const r = await e.query(`SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()`);
  return Number(r[0]!.b);
}

describe('resetEngine on duckdb-wasm (Node build)', () => {
  it('ends the old instance and starts an empty one', { timeout: 120_000 }, async () => {
    const first = await startWasmNodeEngine();
    await first.engine.exec(`CREATE TABLE big AS SELECT range AS i, 'row ' || range AS s FROM range(300000)`);
    const loaded = await memoryBytes(first.engine);
    expect(loaded).toBeGreaterThan(2_000_000);
    const second = await resetEngine(first, startWasmNodeEngine);
    expect(second.engine).not.toBe(first.engine);
    await expect(first.engine.query('SELECT 1 AS x')).rejects.toThrow();
    const tables = await second.engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'big'`);
    expect(tables[0]!.n).toBe(0);
    expect(await memoryBytes(second.engine)).toBeLessThan(loaded / 4);
    await second.terminate();
  });

  it('keeps the old extract when the new one fails to load, and ends the old one when it loads', { timeout: 120_000 }, async () => {
    const old = await startWasmNodeEngine();
    await old.engine.exec(`CREATE TABLE referrals AS SELECT 1 AS id`);
    const failed = await replaceEngine(old, startWasmNodeEngine, async (e) => {
      await e.exec(`CREATE TABLE referrals AS SELECT 2 AS id`);
      return { ok: false, result: 'refused' };
    });
    expect(failed.replaced).toBe(false);
    expect(failed.instance).toBe(old);
    expect((await old.engine.query('SELECT id FROM referrals'))[0]!.id).toBe(1);
    const ok = await replaceEngine(old, startWasmNodeEngine, async (e) => {
      await e.exec(`CREATE TABLE referrals AS SELECT 3 AS id`);
      return { ok: true, result: 'loaded' };
    });
    expect(ok.replaced).toBe(true);
    expect((await ok.instance.engine.query('SELECT id FROM referrals'))[0]!.id).toBe(3);
    await expect(old.engine.query('SELECT 1 AS x')).rejects.toThrow();
    await ok.instance.terminate();
  });
});
