/**
 * The filter cube answers exactly what the direct SQL answers: every metric, both grains, every
 * breakdown, with no filter, each single filter and a few combined ones, on every metrics fixture
 * and the demo extract (native DuckDB), plus one wasm-parity case and a hand-worked check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { createWasmNodeEngine } from '../engine/wasm-node';
import type { Engine } from '../engine/types';
import { loadExtract } from '../ingest';
import { readExtractDir } from '../ingest/files-node';
import { computeMetrics } from '../metrics/compute';
import type { MetricFilters } from '../metrics/types';
import { buildCube, dropCube, type Cube } from './build';
import { answerFromCube } from './answer';
import { cubeCovers } from './attached';
import { createTables, dropTables, type Cell } from '../../../tests/fixtures/metrics/typed-tables';
import { REFERRAL_FIXTURE } from '../../../tests/fixtures/metrics/referrals-fixture';
import { ASSESSMENT_FIXTURE } from '../../../tests/fixtures/metrics/assessments-fixture';
import { TOOLS_FIXTURE } from '../../../tests/fixtures/metrics/tools-fixture';
import { CLOSURES_EDUCATION_FIXTURE } from '../../../tests/fixtures/metrics/closures-education-fixture';

const TYPED: Record<string, Record<string, Cell[][]>> = {
  referrals: REFERRAL_FIXTURE,
  assessments: ASSESSMENT_FIXTURE,
  tools: TOOLS_FIXTURE,
  'closures and education': CLOSURES_EDUCATION_FIXTURE
};
const DIRS = ['tests/fixtures/metrics/extract', 'data/demo'];

let engine: Engine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(async () => engine.close());

async function reset(e: Engine): Promise<void> {
  await dropTables(e);
}

/** Every single filter (one and two values of each dimension in the cube, neglect both ways) and a few combined. */
async function filterSets(e: Engine, cube: Cube, pairs: boolean): Promise<MetricFilters[]> {
  const values = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const at of cube.byMetric.values()) {
    const c = at.cube;
    if (seen.has(c.table)) continue;
    seen.add(c.table);
    for (const d of c.dims) {
      const rows = await e.query<{ v: string }>(`SELECT DISTINCT CAST(${d} AS VARCHAR) AS v FROM ${c.table} WHERE ${d} IS NOT NULL ORDER BY v`);
      const set = new Set(values.get(d) ?? []);
      for (const r of rows) set.add(r.v);
      values.set(d, [...set].sort());
    }
  }
  const out: MetricFilters[] = [{}];
  for (const [d, vs] of values) {
    if (vs.length === 0) continue;
    if (d === 'neglect') {
      out.push({ neglect: true }, { neglect: false });
      continue;
    }
    out.push({ [d]: [vs[0]!] });
    if (pairs && vs.length > 1) out.push({ [d]: [vs[vs.length - 1]!, vs[0]!] });
  }
  const first = (d: string): string[] | undefined => (values.get(d)?.length ? [values.get(d)![0]!] : undefined);
  out.push({ agency: [] });
  out.push({ locality: first('locality'), agency: first('agency') });
  out.push({ locality: first('locality'), neglect: true, age_band: first('age_band') });
  const months = cube.periods.filter((p) => p.grain === 'month').map((p) => p.period);
  if (months.length > 2) out.push({ from: months[1], to: months[months.length - 2], agency: first('agency'), sex: first('sex') });
  return out;
}

/**
 * Direct SQL: the one-query-per-metric aggregator (fuse: false) for the unfiltered and the last
 * combined request, the fused pass (proved equal to it by compute.test.ts) for the others, which
 * keeps the demo's run within minutes on a shared 2-core machine.
 */
async function expectCubeEqualsDirect(e: Engine, label: string, pairs = true): Promise<number> {
  const cube = await buildCube(e);
  let checked = 0;
  try {
    const sets = await filterSets(e, cube, pairs);
    for (const [k, filters] of sets.entries()) {
      const fuse = !(k === 0 || k === sets.length - 1);
      const direct = await computeMetrics(e, { includeExtra: true, filters, fuse });
      const fromCube = await answerFromCube(e, cube, { includeExtra: true, filters });
      expect(fromCube, `${label} ${JSON.stringify(filters)}`).toEqual(direct);
      checked += direct.metrics.length;
    }
    // Narrower requests: one grain, one breakdown, no breakdown.
    for (const req of [
      { grains: ['quarter' as const], breakdowns: ['locality', 'agency'] },
      { grains: ['month' as const], breakdowns: false },
      { ids: ['decision_wd', 'awaiting_decision', 'training_coverage'], breakdowns: ['agency'], filters: { neglect: true } }
    ]) {
      const direct = await computeMetrics(e, { ...req, includeExtra: true });
      expect(await answerFromCube(e, cube, { ...req, includeExtra: true }), `${label} ${JSON.stringify(req)}`).toEqual(direct);
    }
  } finally {
    await dropCube(e, cube);
  }
  return checked;
}

describe('filter cube = direct SQL', () => {
  for (const [name, fx] of Object.entries(TYPED)) {
    it(`on the ${name} fixture`, { timeout: 300_000 }, async () => {
      await reset(engine);
      await createTables(engine, fx);
      expect(await expectCubeEqualsDirect(engine, name)).toBeGreaterThan(0);
    });
  }
  for (const dir of DIRS) {
    it(`on ${dir}`, { timeout: 1_200_000 }, async () => {
      await reset(engine);
      const report = await loadExtract(engine, readExtractDir(dir));
      expect(report.missingRequired).toEqual([]);
      expect(await expectCubeEqualsDirect(engine, dir, dir !== 'data/demo')).toBeGreaterThan(0);
    });
  }

  it('answers a hand-worked point: working days to decision for health referrals, Apr-Jun 2023', { timeout: 60_000 }, async () => {
    await reset(engine);
    await createTables(engine, REFERRAL_FIXTURE);
    const cube = await buildCube(engine);
    const r = await answerFromCube(engine, cube, { ids: ['decision_wd', 'referrals'], grains: ['quarter'], breakdowns: false, filters: { agency: ['health'] } });
    // Health referrals 9 and 10, both 2023-06-01 (Thursday): decided 2023-06-05 (Monday, 2 working
    // days) and the same day (0). Median of {0, 2} = 1; 90th percentile = 0 + 0.9 * 2 = 1.8.
    const q = r.metrics.filter((m) => m.period === '2023-24 Q1');
    expect(q.find((m) => m.metric === 'decision_wd')).toMatchObject({ denominator: 2, value: 1, p90: 1.8 });
    expect(q.find((m) => m.metric === 'referrals')).toMatchObject({ value: 2 });
    // neglect true, month 2024-02: R03 only (R02 is not a neglect referral).
    const m = await answerFromCube(engine, cube, { ids: ['referrals'], grains: ['month'], breakdowns: false, filters: { neglect: true } });
    expect(m.metrics.find((x) => x.period === '2024-02')).toMatchObject({ value: 1 });
    await dropCube(engine, cube);
  });
});

describe('filter cube built in steps', () => {
  it('answers the same when other questions run between its steps, even at another as-of date', { timeout: 300_000 }, async () => {
    await reset(engine);
    await createTables(engine, REFERRAL_FIXTURE);
    const whole = await buildCube(engine);
    const filters: MetricFilters = { neglect: true, agency: ['police', 'health'] };
    const expected = await answerFromCube(engine, whole, { includeExtra: true, filters });
    await dropCube(engine, whole);
    let steps = 0;
    // Between every two steps, as the session allows: a question at an earlier as-of date (it
    // rebuilds the prepared relations at that date) and one at the extract's own date.
    const stepped = await buildCube(engine, undefined, {
      step: async (run) => {
        steps++;
        await computeMetrics(engine, { ids: ['referrals', 'awaiting_decision'], asOf: '2023-12-31', filters: { agency: ['police'] } });
        await computeMetrics(engine, { ids: ['decision_wd'], breakdowns: false });
        await computeMetrics(engine, { ids: ['nfa_rate'], asOf: '2024-01-31' });
        return run();
      }
    });
    expect(steps).toBeGreaterThan(5);
    expect(await answerFromCube(engine, stepped, { includeExtra: true, filters })).toEqual(expected);
    await dropCube(engine, stepped);
  });
});

describe('filter cube without its full tables (as the page session builds it)', () => {
  it('answers every page question (page filters, one breakdown) as the direct SQL, and covers no other', { timeout: 300_000 }, async () => {
    await reset(engine);
    await createTables(engine, REFERRAL_FIXTURE);
    const cube = await buildCube(engine, undefined, { full: false });
    try {
      const filterSets: MetricFilters[] = [{}, { agency: ['police'] }, { locality: ['North'], neglect: true }, { agency: ['health', 'police'], locality: ['unknown'], from: '2023-24 Q1' }];
      let checked = 0;
      for (const filters of filterSets) {
        for (const breakdowns of [false, ['agency'], ['locality'], ['age_band'], ['sex'], ['imd_quintile']]) {
          const req = { grains: ['quarter' as const, 'month' as const], breakdowns, filters, includeExtra: true };
          expect(cubeCovers(cube, req), JSON.stringify(req)).toBe(true);
          const direct = await computeMetrics(engine, req);
          expect(await answerFromCube(engine, cube, req), JSON.stringify(req)).toEqual(direct);
          checked += direct.metrics.length;
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect(cubeCovers(cube, { breakdowns: true })).toBe(false);
      expect(cubeCovers(cube, { breakdowns: ['sex'], filters: { age_band: ['0-4'] } })).toBe(false);
      expect(cubeCovers(cube, { asOf: '2023-12-31' })).toBe(false);
    } finally {
      await dropCube(engine, cube);
    }
  });
});

describe('filter cube on the browser engine', () => {
  let wasm: Engine;
  beforeAll(async () => {
    wasm = await createWasmNodeEngine();
  });
  afterAll(async () => wasm.close());

  it('gives the same answers as native DuckDB', { timeout: 120_000 }, async () => {
    const filters: MetricFilters = { neglect: true, agency: ['police', 'health'] };
    const answers = [];
    for (const e of [engine, wasm]) {
      await reset(e);
      await createTables(e, REFERRAL_FIXTURE);
      const cube = await buildCube(e);
      answers.push(await answerFromCube(e, cube, { includeExtra: true, filters }));
      await dropCube(e, cube);
    }
    expect(answers[0]!.metrics.length).toBeGreaterThan(0);
    expect(answers[1]).toEqual(answers[0]);
  });
});
