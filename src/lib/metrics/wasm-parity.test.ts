/**
 * The browser engine (duckdb-wasm, run in Node through its blocking build) computes exactly the
 * same rows as native DuckDB on every hand-worked fixture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { createWasmNodeEngine } from '../engine/wasm-node';
import type { Engine } from '../engine/types';
import { computeMetrics, metricItems } from './compute';
import { createTables, dropTables } from '../../../tests/fixtures/metrics/typed-tables';
import { REFERRAL_FIXTURE } from '../../../tests/fixtures/metrics/referrals-fixture';
import { ASSESSMENT_FIXTURE } from '../../../tests/fixtures/metrics/assessments-fixture';
import { TOOLS_FIXTURE } from '../../../tests/fixtures/metrics/tools-fixture';
import { CLOSURES_EDUCATION_FIXTURE } from '../../../tests/fixtures/metrics/closures-education-fixture';

let native: Engine;
let wasm: Engine;
beforeAll(async () => {
  native = await NodeEngine.create();
  wasm = await createWasmNodeEngine();
});
afterAll(async () => {
  await native.close();
  await wasm.close();
});

describe('browser engine parity', () => {
  it('gives identical rows, as-of dates and audit trails', async () => {
    for (const fx of [REFERRAL_FIXTURE, ASSESSMENT_FIXTURE, TOOLS_FIXTURE, CLOSURES_EDUCATION_FIXTURE]) {
      for (const e of [native, wasm]) {
        await dropTables(e);
        await createTables(e, fx);
      }
      const a = await computeMetrics(native, { includeExtra: true });
      const b = await computeMetrics(wasm, { includeExtra: true });
      expect(b.metrics.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
      const period = a.metrics.find((m) => m.metric === 'rereferral_12m' && m.grain === 'quarter' && (m.denominator ?? 0) > 0)!.period;
      const opts = { grain: 'quarter' as const, period };
      expect(await metricItems(wasm, 'rereferral_12m', opts)).toEqual(await metricItems(native, 'rereferral_12m', opts));
    }
  });
});
