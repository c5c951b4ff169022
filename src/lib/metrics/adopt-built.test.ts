/**
 * A prepared database file (the demo's, written at build time) can carry the relations the metrics
 * read (_nm_ref, _nm_asm, ...) beside the extract's tables. After loading it, adoptBuilt takes them
 * as built only when they were built for the as-of date the file's rows give; the answers are the
 * same as building them, and relations left over from an earlier extract never survive a load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeEngine } from '../engine/node';
import { createWasmNodeEngine } from '../engine/wasm-node';
import type { Engine } from '../engine/types';
import { loadExtract } from '../ingest';
import { readExtractDir } from '../ingest/files-node';
import { loadPrepared, savePrepared } from '../ingest/prepared';
import { computeMetrics, type ComputeOptions } from './compute';
import { adoptBuilt, BUILT_FOR_TABLE, CARRIED_RELATIONS, prepare, recordBuilt } from './prepare';

const dir = mkdtempSync(join(tmpdir(), 'nm-adopt-'));
const WITH = join(dir, 'with.duckdb');
const STALE = join(dir, 'stale.duckdb');
const WITHOUT = join(dir, 'without.duckdb');
const ASK: ComputeOptions = { ids: ['referrals', 'rereferral_12m', 'decision_wd', 'tool_improvement', 'assessment_within_45wd', 'closure_without_change', 'education_first_action_5wd', 'training_coverage'], grains: ['quarter', 'month'], breakdowns: ['agency'] };

let native: NodeEngine;
let wasm: Engine;
let expected: Awaited<ReturnType<typeof computeMetrics>>;

const oidOf = async (engine: Engine, name: string): Promise<number | null> => {
  const r = await engine.query<{ o: number }>(`SELECT table_oid AS o FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '${name}'`);
  return r.length ? Number(r[0]!.o) : null;
};

async function open(path: string): Promise<boolean> {
  const p = await wasm.registerFile('x.duckdb', new Uint8Array(readFileSync(path)));
  try {
    await loadPrepared(wasm, p, CARRIED_RELATIONS);
  } finally {
    await wasm.dropFile(p);
  }
  return adoptBuilt(wasm);
}

beforeAll(async () => {
  [native, wasm] = await Promise.all([NodeEngine.create(), createWasmNodeEngine()]);
  await loadExtract(native, readExtractDir('data/demo'));
  await savePrepared(native, WITHOUT, CARRIED_RELATIONS);
  await prepare(native);
  await recordBuilt(native);
  await savePrepared(native, WITH, CARRIED_RELATIONS);
  // the same relations, marked as built for another as-of date
  await native.exec(`UPDATE ${BUILT_FOR_TABLE} SET as_of = DATE '2024-03-31'`);
  await savePrepared(native, STALE, CARRIED_RELATIONS);
  const fresh = await NodeEngine.create();
  try {
    await loadExtract(fresh, readExtractDir('data/demo'));
    expected = await computeMetrics(fresh, ASK);
  } finally {
    await fresh.close();
  }
}, 120_000);

afterAll(async () => {
  await native.close();
  await wasm.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('adoptBuilt: prepared relations carried by a prepared database file', () => {
  it('adopts the relations built for the rows’ as-of date, builds none of them again, and answers as building them does', async () => {
    expect(await open(WITH)).toBe(true);
    // the demo has every table: each kept relation is listed once, for the demo's latest event date
    expect(await wasm.query(`SELECT relation, CAST(as_of AS VARCHAR) AS as_of FROM ${BUILT_FOR_TABLE} ORDER BY relation`)).toEqual(
      ['_nm_asm', '_nm_days', '_nm_edu', '_nm_epi', '_nm_periods', '_nm_ref', '_nm_tool'].map((relation) => ({ relation, as_of: expected.as_of }))
    );
    const ref = await oidOf(wasm, '_nm_ref');
    const tool = await oidOf(wasm, '_nm_tool');
    expect(ref).not.toBeNull();
    const got = await computeMetrics(wasm, ASK);
    expect(await oidOf(wasm, '_nm_ref')).toBe(ref);
    expect(await oidOf(wasm, '_nm_tool')).toBe(tool);
    expect(got).toEqual(expected);
    expect(got.metrics.length).toBeGreaterThan(100);
  });

  it('does not adopt relations marked for another as-of date: they are built again, same answers', async () => {
    expect(await open(STALE)).toBe(false);
    const ref = await oidOf(wasm, '_nm_ref');
    const got = await computeMetrics(wasm, ASK);
    expect(await oidOf(wasm, '_nm_ref')).not.toBe(ref);
    expect(got).toEqual(expected);
  });

  it('a file without relations adopts nothing, and leaves none from the extract loaded before', async () => {
    expect(await open(WITH)).toBe(true);
    expect(await open(WITHOUT)).toBe(false);
    expect(await oidOf(wasm, '_nm_ref')).toBeNull();
    expect(await oidOf(wasm, BUILT_FOR_TABLE)).toBeNull();
    expect(await computeMetrics(wasm, ASK)).toEqual(expected);
  });
});
