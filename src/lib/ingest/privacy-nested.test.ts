/**
 * Nested Parquet fields are checked like columns, by their own names and values, on native DuckDB
 * and duckdb-wasm (the same decoding and checking code). The files are written by native DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeEngine } from '../engine/node';
import { createWasmNodeEngine } from '../engine/wasm-node';
import { lit, type Engine } from '../engine/types';
import { loadExtract } from './index';

const REF = `'R1' AS referral_id, 'C1' AS child_id, DATE '2024-01-05' AS referral_date, 'police' AS referrer_agency, true AS neglect_concern`;
let native: NodeEngine;
let wasm: Engine;
let dir: string;

beforeAll(async () => {
  native = await NodeEngine.create();
  wasm = await createWasmNodeEngine();
  dir = mkdtempSync(join(tmpdir(), 'nm-nested-'));
}, 60_000);
afterAll(async () => {
  await native.close();
  await wasm.close();
  rmSync(dir, { recursive: true, force: true });
});

async function parquet(name: string, select: string): Promise<{ name: string; bytes: Uint8Array }> {
  const path = join(dir, name);
  await native.exec(`COPY (${select}) TO ${lit(path)} (FORMAT parquet)`);
  return { name, bytes: new Uint8Array(readFileSync(path)) };
}

async function refusals(files: { name: string; bytes: Uint8Array }[]) {
  const out = [];
  for (const engine of [native, wasm]) {
    const r = await loadExtract(engine, files.map((f) => ({ ...f, bytes: f.bytes.slice() })), { today: '2024-06-30' });
    out.push(r.refused);
  }
  expect(out[1]).toEqual(out[0]);
  return out[0]!;
}

describe('nested Parquet fields', () => {
  it('refuses a struct field named surname, inside a list too', async () => {
    const a = await parquet('referrals.parquet', `SELECT ${REF}, {'team': 'A', 'surname': 'Smith'} AS worker`);
    expect(await refusals([a])).toEqual([
      {
        file: 'referrals.parquet',
        reason:
          "referrals.parquet refused: column 'worker.surname' looks like a direct identifier ('surname'). Remove that column and export the file again; extracts must be anonymised."
      }
    ]);
    const b = await parquet('referrals.parquet', `SELECT ${REF}, [{'nhs_number': 'x'}] AS people`);
    expect((await refusals([b]))[0]!.reason).toContain("column 'people.nhs_number' looks like a direct identifier ('nhs')");
  });

  it('refuses NHS numbers held in a nested field whatever its name', async () => {
    const c = await parquet(
      'referrals.parquet',
      `SELECT ${REF}, {'ref': '943 476 5919', 'deep': {'code': 'x'}} AS extra UNION ALL SELECT 'R2', 'C1', DATE '2024-01-05', 'police', true, {'ref': '4010232137', 'deep': {'code': 'y'}}`
    );
    expect(await refusals([c])).toEqual([
      {
        file: 'referrals.parquet',
        reason:
          "referrals.parquet refused: column 'extra.ref' holds what look like NHS numbers (2 of 2 ten-digit values pass the NHS number check). Remove that column, or replace its values with pseudonymous ids, and export the file again."
      }
    ]);
  });

  it('loads a file whose nested fields hold nothing identifying', async () => {
    const d = await parquet('referrals.parquet', `SELECT ${REF}, {'team': 'A', 'codes': [1, 2]} AS extra`);
    expect(await refusals([d])).toEqual([]);
  });
});
