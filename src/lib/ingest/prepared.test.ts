import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeEngine } from '../engine/node';
import { createWasmNodeEngine } from '../engine/wasm-node';
import type { Engine } from '../engine/types';
import { loadExtract } from './index';
import { loadPrepared, savePrepared } from './prepared';

const enc = (s: string) => new TextEncoder().encode(s);

describe('prepared extract (a DuckDB file written natively, attached by duckdb-wasm)', () => {
  let native: Engine;
  let wasm: Engine;
  const dir = mkdtempSync(join(tmpdir(), 'nm-prep-'));
  beforeAll(async () => {
    [native, wasm] = await Promise.all([NodeEngine.create(), createWasmNodeEngine()]);
  });
  afterAll(async () => {
    await native.close();
    await wasm.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips the typed tables and replaces what was loaded before', async () => {
    await loadExtract(
      native,
      [
        {
          name: 'referrals.csv',
          bytes: enc(
            'referral_id,child_id,referral_date,referrer_agency,neglect_concern\nR1,C1,2024-01-02,police,true\nR2,C1,2024-02-30,police,true\n'
          )
        },
        { name: 'training.csv', bytes: enc('quarter,agency,tool,staff_in_scope,staff_trained\n2023-24 Q4,police,gcp2,10,4\n') }
      ],
      { today: '2024-06-30' }
    );
    const path = join(dir, 'x.duckdb');
    await savePrepared(native, path);

    // the wasm engine holds another extract first: it must be gone afterwards
    await loadExtract(wasm, [{ name: 'referrals.csv', bytes: enc('referral_id,child_id,referral_date,referrer_agency,neglect_concern\nX,Y,2024-01-01,health,no\n') }, { name: 'episodes.csv', bytes: enc('episode_id,child_id,type,start_date\nE1,C1,early_help,2024-01-01\n') }], { today: '2024-06-30' });
    const registered = await wasm.registerFile('x.duckdb', new Uint8Array(readFileSync(path)));
    const present = await loadPrepared(wasm, registered);
    expect(present).toEqual(['referrals', 'training']);
    // R2's 30 February is rejected at load: one referral loaded
    expect(await wasm.query('SELECT referral_id, referral_date::VARCHAR AS d, neglect_concern FROM referrals')).toEqual([
      { referral_id: 'R1', d: '2024-01-02', neglect_concern: true }
    ]);
    expect(await wasm.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'episodes'`)).toEqual([{ n: 0 }]);
    expect(await wasm.query('SELECT staff_trained FROM training')).toEqual([{ staff_trained: 4 }]);
  });
});
