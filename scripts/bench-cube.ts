/**
 * Part of `npm run bench` (section `cube`; alone: `tsx scripts/bench-cube.ts [DIR]`): the filter cube
 * (src/lib/cube) on the 1M extract, in the browser's engine run in Node (duckdb-wasm, one thread) and
 * natively (1 thread): time to build the cube after the load, and the median time to answer a varied
 * sequence of filters (no state repeated) for the /referrals metrics from the cube against computing
 * them directly, and the cube's size (cells) and longest build step. The page's own figure (filters
 * answered through fetchRows from the cube the session builds) is bench-scale.ts's.
 */
import { median } from './bench-util';
import { NodeEngine } from '../src/lib/engine/node';
import { createWasmNodeEngine } from '../src/lib/engine/wasm-node';
import type { Engine } from '../src/lib/engine/types';
import { loadExtract } from '../src/lib/ingest';
import { readExtractDir } from '../src/lib/ingest/files-node';
import { computeMetrics } from '../src/lib/metrics/compute';
import { METRICS } from '../src/lib/metrics/registry';
import type { MetricFilters } from '../src/lib/metrics/types';
import { answerFromCube, buildCube } from '../src/lib/cube';
import { addFigure, ms, printFigures } from './bench-table';
import { extractDir } from './bench-scale';

const IDS = METRICS.filter((m) => m.section === 'referrals' || m.section === 'response').map((m) => m.id);

function sequence(localities: string[], agencies: string[]): MetricFilters[] {
  const out: MetricFilters[] = [];
  for (let i = 0; i < 3; i++) {
    const prev = out[out.length - 1] ?? {};
    const a = { ...prev, agency: [agencies[i % agencies.length]!] };
    const b = { ...a, locality: [localities[i % localities.length]!] };
    const c = { ...b, neglect: i % 2 === 0 };
    out.push(a, b, c);
  }
  return out;
}

async function measure(engine: Engine, dir: string): Promise<{ build: number; longestStep: number; cells: number; cube: number[]; direct: number[] }> {
  await loadExtract(engine, readExtractDir(dir));
  await computeMetrics(engine, { ids: ['referrals'], breakdowns: false }); // prepare once, as the page has by then
  const t0 = performance.now();
  // Built in the session's steps, timed: a page's question waits behind at most one of them.
  let longestStep = 0;
  const cube = await buildCube(engine, undefined, {
    step: async (run) => {
      const t = performance.now();
      try {
        return await run();
      } finally {
        longestStep = Math.max(longestStep, performance.now() - t);
      }
    }
  });
  const build = performance.now() - t0;
  const cells = [...cube.cells.values()].reduce((a, b) => a + b, 0);
  const locs = (await engine.query<{ v: string }>(`SELECT DISTINCT locality AS v FROM _nm_cube_referrals ORDER BY v LIMIT 3`)).map((r) => r.v);
  const ags = (await engine.query<{ v: string }>(`SELECT DISTINCT agency AS v FROM _nm_cube_referrals ORDER BY v LIMIT 3`)).map((r) => r.v);
  const cubeTimes: number[] = [];
  const directTimes: number[] = [];
  for (const filters of sequence(locs, ags)) {
    const req = { ids: IDS, grains: ['quarter' as const], breakdowns: ['agency'], filters };
    let t = performance.now();
    await answerFromCube(engine, cube, req);
    cubeTimes.push(performance.now() - t);
    t = performance.now();
    await computeMetrics(engine, req);
    directTimes.push(performance.now() - t);
  }
  return { build, longestStep, cells, cube: cubeTimes, direct: directTimes };
}

export async function benchCube(dir = extractDir(Number(process.env.BENCH_SCALE_REFERRALS ?? 1_000_000))): Promise<void> {
  for (const [where, start] of [
    ['duckdb-wasm (Node)', () => createWasmNodeEngine()],
    ['native, 1 thread', () => NodeEngine.create()]
  ] as const) {
    const engine = await start();
    try {
      const r = await measure(engine, dir);
      addFigure({
        item: 3,
        measure: `filters from the cube, ${where}: ${IDS.length} referral/response metrics, quarter grain, by agency; median of ${r.cube.length} (cube built in ${ms(r.build)} after the load, longest step ${ms(r.longestStep)}, ${r.cells.toLocaleString('en-GB')} cells)`,
        [where.startsWith('native') ? 'native' : 'browser']: `${ms(median(r.cube))} (direct SQL ${ms(median(r.direct))})`,
        goal: '< 100 ms'
      });
    } finally {
      await engine.close();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCube(process.argv[2]);
  printFigures();
}
