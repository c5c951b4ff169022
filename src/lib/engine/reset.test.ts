/**
 * Resetting the engine: the old duckdb-wasm instance is ended (its memory goes with it) and a fresh,
 * empty one answers; replacing keeps the old extract when the new load fails.
 */
import { describe, expect, it } from 'vitest';
import { startWasmNodeEngine } from './wasm-node';
import { replaceEngine, replaceEngineFirst, resetEngine, type EngineInstance } from './reset';
import type { Engine } from './types';
import { loadExtract } from '../ingest';
import { readExtractDir } from '../ingest/files-node';
import { attachCube, attachedCube, buildCube } from '../cube';
import { fetchRows } from '../present/queries';

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

/** Tables of the main schema and temp tables (the cube's), by name. */
async function tableNames(e: Engine): Promise<string[]> {
  const r = await e.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() ORDER BY name`);
  return r.map((x) => x.name);
}

/** Loads one extract directory, as the session does: the engine's extract replaced only on success. */
const loadDir = (dir: string, only?: string[]) => async (e: Engine) => {
  const files = readExtractDir(dir).filter((f) => !only || only.includes(f.name));
  const report = await loadExtract(e, files);
  return { ok: report.replaced, result: report };
};

describe('replacing a loaded extract (as the session does)', () => {
  it('keeps the extract and its cube after a failed load, and leaves nothing of them after a successful one', { timeout: 180_000 }, async () => {
    // Extract A: the overview fixture (referrals, tool_uses, training), with its filter cube.
    const a = await startWasmNodeEngine();
    expect((await loadDir('tests/fixtures/overview')(a.engine)).ok).toBe(true);
    attachCube(a.engine, await buildCube(a.engine));
    const q = { ids: ['referrals'], grains: ['quarter' as const], breakdowns: false, filters: { agency: ['police'] } };
    const before = await fetchRows(a.engine, q);
    expect(before.rows.length).toBeGreaterThan(0);
    expect(await tableNames(a.engine)).toEqual(expect.arrayContaining(['tool_uses', 'training', '_nm_cube_referrals']));

    // A load without its required referrals file fails: A stays in use, cube and all.
    const failed = await replaceEngine(a, startWasmNodeEngine, loadDir('tests/fixtures/metrics/extract', ['children.csv']));
    expect(failed.replaced).toBe(false);
    expect(failed.result.replaced).toBe(false);
    expect(failed.instance).toBe(a);
    expect(attachedCube(a.engine)).not.toBeNull();
    expect(await fetchRows(a.engine, q)).toEqual(before);

    // Extract B (children and referrals only) replaces it: a new engine without A's tables or cube.
    const ok = await replaceEngine(a, startWasmNodeEngine, loadDir('tests/fixtures/metrics/extract'));
    expect(ok.replaced).toBe(true);
    const names = await tableNames(ok.instance.engine);
    expect(names).toEqual(expect.arrayContaining(['children', 'referrals']));
    expect(names).not.toContain('tool_uses');
    expect(names).not.toContain('training');
    expect(names.filter((n) => n.startsWith('_nm_cube'))).toEqual([]);
    expect(attachedCube(ok.instance.engine)).toBeNull();
    await expect(a.engine.query('SELECT 1 AS x')).rejects.toThrow();
    // B's referrals are the ones there now: its 12 valid rows (one of its 13 is rejected), among
    // them a1, B1 and R14, none of which A has.
    const ids = await ok.instance.engine.query<{ n: number; b: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE referral_id IN ('a1', 'B1', 'R14')) AS b FROM referrals`
    );
    expect(ids[0]).toEqual({ n: 12, b: 3 });
    await ok.instance.terminate();
  });
});


describe('replaceEngineFirst (an extract that can be made again: the demo)', () => {
  /** A fake instance that records what happens to it. */
  const events: string[] = [];
  let n = 0;
  const fake = (): EngineInstance => {
    const id = `e${++n}`;
    events.push(`start ${id}`);
    return { engine: { id } as unknown as Engine, terminate: async () => void events.push(`end ${id}`) };
  };
  const idOf = (e: Engine) => (e as unknown as { id: string }).id;

  it('ends the old instance before the new load, and keeps the fresh one when it loads', async () => {
    events.length = 0;
    n = 0;
    const old = fake();
    const out = await replaceEngineFirst(old, async () => fake(), async (e) => (events.push(`load on ${idOf(e)}`), { ok: true, result: 'loaded' }), async () => {
      throw new Error('not called');
    });
    expect(events).toEqual(['start e1', 'end e1', 'start e2', 'load on e2']);
    expect(out).toMatchObject({ replaced: true, result: 'loaded' });
    expect(idOf(out.instance.engine)).toBe('e2');
  });

  it('a refused or failed load: the old extract is made again on another fresh instance', async () => {
    for (const fail of ['refused', 'thrown'] as const) {
      events.length = 0;
      n = 0;
      const old = fake();
      const out = await replaceEngineFirst(
        old,
        async () => fake(),
        async (e) => {
          events.push(`load on ${idOf(e)}`);
          if (fail === 'thrown') throw new Error('bad file');
          return { ok: false, result: 'refused' };
        },
        async (e) => void events.push(`restore on ${idOf(e)}`)
      );
      expect(events).toEqual(['start e1', 'end e1', 'start e2', 'load on e2', 'end e2', 'start e3', 'restore on e3']);
      expect(out.replaced).toBe(false);
      expect(idOf(out.instance.engine)).toBe('e3');
      if (fail === 'thrown') expect(String(out.error)).toContain('bad file');
      else expect(out.result).toBe('refused');
    }
  });
});
