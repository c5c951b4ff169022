/**
 * `npm run bench`: builds if needed, serves the static site on localhost and opens it in headless
 * chromium. Sections (BENCH_SECTIONS, comma separated; default demo,scale,cube,5m):
 * - demo: the demo partnership (median of BENCH_RUNS=5 runs, cold and warm): first chart, engine
 *   ready, demo loaded, every overview chart live; tab peak memory; bytes shipped; native figures;
 * - scale: a generated 1,000,000-referral extract in one tab and natively on the same files
 *   (scripts/bench-scale.ts): load and validate vs raw read, first question page, filters, every
 *   metric, peak memory;
 * - cube: the filter cube on the 1M extract in duckdb-wasm (Node) and natively (bench-cube.ts);
 * - 5m: five million referrals natively (every core, spilling) and once in the browser;
 * - import: issue 13's import of two census years (25,000 referrals each) on /data and natively
 *   (scripts/bench-import.ts; BENCH_IMPORT_RUNS=3);
 * - load: (not in the default) the older single-file referrals load (scripts/bench-load.ts).
 * It ends with ONE table of every figure of issue 15 with its native ratio (bench-table.ts).
 * Figures are printed, never asserted; on a shared, loaded machine they are inflated.
 */
import { CHROMIUM, CHROMIUM_ARGS, chromiumOrExit, median, rendererRssMb } from './bench-util';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { loadBench } from './bench-load';
import { bench1m, bench5m } from './bench-scale';
import { benchCube } from './bench-cube';
import { benchImport } from './bench-import';
import { addFigure, ms, printFigures } from './bench-table';
import { serve } from './serve.mjs';
import { NodeEngine } from '../src/lib/engine/node';
import { loadExtract } from '../src/lib/ingest';
import { readExtractDir } from '../src/lib/ingest/files-node';
import { chartRows } from '../src/lib/present/queries';
import { OVERVIEW_CHARTS } from '../src/lib/views/overview';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);



interface Run {
  firstChart: number;
  engineReady: number;
  demoLoaded: number;
  allLive: number;
  peakMb: number;
  wasmBytes: number;
  jsBytes: number;
}

async function measure(browser: Browser, url: string, warm: boolean, context?: import('playwright-core').BrowserContext): Promise<Run> {
  const ctx = context ?? (await browser.newContext());
  const page = await ctx.newPage();
  let wasmBytes = 0;
  let jsBytes = 0;
  const seen = new Set<string>();
  page.on('response', async (r) => {
    // the engine's start-up check asks for the wasm with HEAD: only downloads count
    if (r.request().method() !== 'GET') return;
    const u = r.url();
    // the engine file is preloaded by the page and then read by the worker from the cache: count it once
    if (seen.has(u)) return;
    seen.add(u);
    const len = Number((await r.allHeaders())['content-length'] ?? 0);
    if (u.endsWith('.wasm')) wasmBytes += len;
    else if (/\.m?js($|\?)/.test(u)) jsBytes += len;
  });
  let peakMb = 0;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, rendererRssMb())), 100);
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('[data-rendered="true"]') !== null, null, { timeout: 60_000 });
  const firstChart = await page.evaluate(() => performance.now());
  await page.waitForFunction(
    () => {
      // every overview figure: the four charts and the headline tiles
      const cards = [...document.querySelectorAll('[data-chart], [data-figure]')];
      return cards.length > 0 && cards.every((c) => c.getAttribute('data-prepared') === 'false' && c.getAttribute('data-state') === 'ready');
    },
    null,
    { timeout: 120_000, polling: 20 }
  );
  const allLive = await page.evaluate(() => performance.now());
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))
  );
  clearInterval(sampler);
  peakMb = Math.max(peakMb, rendererRssMb());
  await page.close();
  if (!warm && !context) await ctx.close();
  return {
    firstChart,
    engineReady: marks['nm:engineReady'] ?? NaN,
    demoLoaded: marks['nm:demoLoaded'] ?? NaN,
    allLive,
    peakMb,
    wasmBytes,
    jsBytes
  };
}

async function nativeFigures(): Promise<{ load: number; overview: number }> {
  const loads: number[] = [];
  const overviews: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const engine = await NodeEngine.create();
    const t0 = performance.now();
    await loadExtract(engine, readExtractDir('data/demo'));
    const t1 = performance.now();
    for (const spec of OVERVIEW_CHARTS) await chartRows(engine, spec);
    const t2 = performance.now();
    loads.push(t1 - t0);
    overviews.push(t2 - t1);
    await engine.close();
  }
  return { load: median(loads), overview: median(overviews) };
}

if (!existsSync('build/index.html')) execSync('npm run build', { stdio: 'inherit' });
/** Which parts to run: BENCH_SECTIONS=demo,scale,cube,5m,import (the default) and/or load. */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'demo,scale,cube,5m,import').split(',').map((x) => x.trim()));

/** The demo partnership in the browser: first chart, engine, demo, overview; memory; bytes. */
async function demoBench(): Promise<void> {
  const server = await serve('build', 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS
  });

  const cold: Run[] = [];
  const warm: Run[] = [];
  for (let i = 0; i < RUNS; i++) cold.push(await measure(browser, url, false));
  const warmCtx = await browser.newContext();
  await measure(browser, url, true, warmCtx); // fill the HTTP cache
  for (let i = 0; i < RUNS; i++) warm.push(await measure(browser, url, true, warmCtx));
  await browser.close();
  server.close();
  const native = await nativeFigures();

  const row = (name: string, pick: (r: Run) => number, unit = 'ms') =>
    `| ${name} | ${Math.round(median(cold.map(pick)))} ${unit} | ${Math.round(median(warm.map(pick)))} ${unit} |`;
  console.log(`\nNeglect Monitor benchmark: demo partnership, median of ${RUNS} runs, headless chromium\n`);
  console.log('| measure | cold | warm |');
  console.log('|---|---|---|');
  console.log(row('first chart visible', (r) => r.firstChart));
  console.log(row('engine ready', (r) => r.engineReady));
  console.log(row('demo loaded', (r) => r.demoLoaded));
  console.log(row('every overview chart live', (r) => r.allLive));
  console.log(row('tab peak memory (renderer RSS)', (r) => r.peakMb, 'MB'));
  console.log(`| wasm shipped | ${(cold[0]!.wasmBytes / 1e6).toFixed(1)} MB | |`);
  console.log(`| JavaScript shipped | ${(cold[0]!.jsBytes / 1e6).toFixed(2)} MB | |`);
  console.log(`\nNative DuckDB (1 thread), same work: load demo ${Math.round(native.load)} ms, overview charts ${Math.round(native.overview)} ms`);
  const browserOverview = median(cold.map((r) => r.allLive - r.demoLoaded));
  console.log(`Browser overview after demo loaded: ${Math.round(browserOverview)} ms (ratio to native ${(browserOverview / native.overview).toFixed(2)}x)`);
  addFigure({
    item: 5,
    measure: `demo: every overview figure live from opening (cold, median of ${RUNS}; after the demo loaded ${ms(browserOverview)})`,
    browser: ms(median(cold.map((r) => r.allLive))),
    native: `${ms(native.load)} load + ${ms(native.overview)} overview`,
    ratio: browserOverview / native.overview,
    goal: '<= 2,000 ms'
  });
}

chromiumOrExit();
if (SECTIONS.has('demo')) await demoBench();
if (SECTIONS.has('load')) await loadBench();
for (const section of ['scale', 'cube', '5m', 'import'] as const) {
  if (!SECTIONS.has(section)) continue;
  if (section === 'cube') {
    await benchCube();
    continue;
  }
  const server = await serve('build', 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    if (section === 'scale') await bench1m(browser, base);
    else if (section === 'import') await benchImport(browser, base, 25_000, Number(process.env.BENCH_IMPORT_RUNS ?? 3));
    else await bench5m(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
}
printFigures();
