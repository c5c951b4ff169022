/**
 * Browser = command line: every metric, both grains, overall and every breakdown, computed by the
 * exact browser engine (duckdb-wasm, its Node build) and by native DuckDB on the same extracts,
 * must give the same rows, values equal within the spec's tolerance (1e-9 of their size).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NodeEngine } from '../../src/lib/engine/node';
import { createWasmNodeEngine } from '../../src/lib/engine/wasm-node';
import type { Engine } from '../../src/lib/engine/types';
import { loadExtract } from '../../src/lib/ingest';
import { readExtractDir } from '../../src/lib/ingest/files-node';
import { computeMetrics, type MetricRow } from '../../src/lib/metrics/compute';
import { createTables, dropTables, type Cell } from '../fixtures/metrics/typed-tables';
import { ASSESSMENT_FIXTURE } from '../fixtures/metrics/assessments-fixture';
import { CLOSURES_EDUCATION_FIXTURE } from '../fixtures/metrics/closures-education-fixture';
import { REFERRAL_FIXTURE } from '../fixtures/metrics/referrals-fixture';
import { TOOLS_FIXTURE } from '../fixtures/metrics/tools-fixture';

const TYPED_FIXTURES: Record<string, Record<string, Cell[][]>> = {
  assessments: ASSESSMENT_FIXTURE,
  'closures and education': CLOSURES_EDUCATION_FIXTURE,
  referrals: REFERRAL_FIXTURE,
  tools: TOOLS_FIXTURE
};

const FIELDS = ['numerator', 'denominator', 'value', 'p90'] as const;

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300) || a === b;
}

function compare(wasm: MetricRow[], native: MetricRow[]): string[] {
  const problems: string[] = [];
  if (wasm.length !== native.length) problems.push(`row count: wasm ${wasm.length}, native ${native.length}`);
  const n = Math.min(wasm.length, native.length);
  for (let i = 0; i < n && problems.length < 10; i++) {
    const w = wasm[i]!;
    const v = native[i]!;
    const key = (r: MetricRow) => [r.metric, r.grain, r.period, r.dimension, r.group, r.complete, r.partial].join('|');
    if (key(w) !== key(v)) problems.push(`row ${i}: ${key(w)} vs ${key(v)}`);
    for (const f of FIELDS) if (!close(w[f], v[f])) problems.push(`row ${i} ${key(w)} ${f}: ${w[f]} vs ${v[f]}`);
  }
  return problems;
}

const EXTRACTS = [
  'data/demo',
  'tests/fixtures/overview',
  ...(existsSync('tests/fixtures/metrics')
    ? readdirSync('tests/fixtures/metrics', { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join('tests/fixtures/metrics', d.name))
    : [])
];

describe('every metric is the same in the browser engine and on the command line', () => {
  let wasm: Engine;
  let native: Engine;
  beforeAll(async () => {
    [wasm, native] = await Promise.all([createWasmNodeEngine(), NodeEngine.create()]);
  });
  afterAll(async () => {
    await wasm.close();
    await native.close();
  });

  for (const dir of EXTRACTS) {
    it(dir, async () => {
      const files = readExtractDir(dir).filter((f) => !/\.(md|txt)$/i.test(f.name));
      const today = '2026-11-24';
      await loadExtract(native, files, { today });
      await loadExtract(wasm, files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })), { today });
      const a = await computeMetrics(wasm);
      const b = await computeMetrics(native);
      expect(a.as_of).toBe(b.as_of);
      expect(b.metrics.length).toBeGreaterThan(0);
      expect(compare(a.metrics, b.metrics)).toEqual([]);
      // and with filters, which go through the same definitions
      const filters = { neglect: true, agency: ['police', 'health'] };
      const fa = await computeMetrics(wasm, { grains: ['quarter'], filters });
      const fb = await computeMetrics(native, { grains: ['quarter'], filters });
      expect(compare(fa.metrics, fb.metrics)).toEqual([]);
    }, 300_000);
  }

  for (const [name, tables] of Object.entries(TYPED_FIXTURES)) {
    it(`hand-worked ${name} fixture`, async () => {
      for (const e of [wasm, native]) {
        await dropTables(e);
        await createTables(e, tables);
      }
      const a = await computeMetrics(wasm);
      const b = await computeMetrics(native);
      expect(a.as_of).toBe(b.as_of);
      expect(b.metrics.length).toBeGreaterThan(0);
      expect(compare(a.metrics, b.metrics)).toEqual([]);
    });
  }
});
