/**
 * Loading benchmark (part of `npm run bench`): the time to load and validate a 1,000,000-row
 * referrals CSV, in the browser (file chooser on /data until the load report shows) and natively
 * (loadExtract on NodeEngine), median of BENCH_LOAD_RUNS (default 3) runs, with their ratio. The file
 * is generated into a temp dir by the demo generator. Figures are printed, never asserted.
 */
import { CHROMIUM, CHROMIUM_ARGS, median } from './bench-util';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { serve } from './serve.mjs';
import { NodeEngine } from '../src/lib/engine/node';
import { loadExtract } from '../src/lib/ingest';

const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 3);
const ROWS = Number(process.env.BENCH_LOAD_ROWS ?? 1_000_000);


/** Browser: from the file being chosen to the report on screen (page marks nm:filesChosen / nm:filesLoaded). */
interface BrowserRun {
  ms: number;
  loaded: string;
  /** ms from the file chosen to each session mark: loadStart, loadHashed, loadValidated, filesLoaded */
  phases: Record<string, number>;
}

async function browserRun(browser: Browser, url: string, file: string): Promise<BrowserRun> {
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(url + 'data');
    // let the demo that opens with the app finish first, so only our load is timed
    await page.waitForFunction(() => performance.getEntriesByName('nm:demoLoaded').length > 0, null, { timeout: 120_000 });
    // main-thread responsiveness: the longest gap between 20 ms timer ticks during the load
    await page.evaluate(() => {
      const w = window as unknown as { nmLast: number; nmMaxGap: number };
      w.nmLast = performance.now();
      w.nmMaxGap = 0;
      setInterval(() => {
        const t = performance.now();
        w.nmMaxGap = Math.max(w.nmMaxGap, t - w.nmLast);
        w.nmLast = t;
      }, 20);
    });
    await page.setInputFiles('#files', file);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="load-status"]')?.getAttribute('data-loads')) > 0,
      null,
      { timeout: 600_000, polling: 50 }
    );
    await page.waitForFunction(() => performance.getEntriesByName('nm:filesLoaded').length > 0, null, { timeout: 10_000 });
    // (no named helper inside: tsx would wrap it in a __name call the page does not have)
    const phases = await page.evaluate(() =>
      Object.fromEntries(
        ['loadStart', 'loadHashed', 'loadValidated', 'filesLoaded'].map((m) => [
          m,
          (performance.getEntriesByName(`nm:${m}`).at(-1)?.startTime ?? NaN) -
            (performance.getEntriesByName('nm:filesChosen').at(-1)?.startTime ?? NaN)
        ])
      )
    );
    const ms = phases.filesLoaded!;
    phases.maxStall = await page.evaluate(() => (window as unknown as { nmMaxGap: number }).nmMaxGap);
    const loaded = (await page.locator('[data-table="referrals"] [data-col="loaded"]').textContent()) ?? '?';
    return { ms, loaded, phases };
  } finally {
    await ctx.close();
  }
}

async function nativeRun(file: string): Promise<{ ms: number; loaded: number }> {
  const bytes = new Uint8Array(readFileSync(file));
  const engine = await NodeEngine.create();
  try {
    const t0 = performance.now();
    const report = await loadExtract(engine, [{ name: 'referrals.csv', bytes }]);
    return { ms: performance.now() - t0, loaded: report.tables.referrals?.loaded ?? 0 };
  } finally {
    await engine.close();
  }
}

export async function loadBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nm-bench-load-'));
  const server = await serve('build', 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let browser: Browser | undefined;
  try {
    process.stdout.write(`Generating ${ROWS.toLocaleString('en-GB')} referrals into ${dir} ...\n`);
    execFileSync('npx', ['tsx', 'scripts/demo-data.ts', '--referrals', String(ROWS), '--out', dir], { stdio: 'ignore' });
    const file = join(dir, 'referrals.csv');
    const mb = statSync(file).size / 1e6;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS
    });
    const inBrowser: number[] = [];
    const phases: Record<string, number>[] = [];
    let shown = '';
    for (let i = 0; i < RUNS; i++) {
      const r = await browserRun(browser, url, file);
      inBrowser.push(r.ms);
      phases.push(r.phases);
      shown = r.loaded;
    }
    await browser.close();
    browser = undefined;

    const native: number[] = [];
    let nativeLoaded = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await nativeRun(file);
      native.push(r.ms);
      nativeLoaded = r.loaded;
    }

    const b = median(inBrowser);
    const n = median(native);
    console.log(`\nLoad and validate ${ROWS.toLocaleString('en-GB')} referrals (CSV, ${mb.toFixed(1)} MB), median of ${RUNS} runs\n`);
    console.log('| where | median | runs |');
    console.log('|---|---|---|');
    console.log(`| browser: file chosen on /data -> report on screen (duckdb-wasm) | ${Math.round(b)} ms | ${inBrowser.map(Math.round).join(', ')} |`);
    console.log(`| native: loadExtract on NodeEngine (DuckDB 1.4.3) | ${Math.round(n)} ms | ${native.map(Math.round).join(', ')} |`);
    console.log(`\nBrowser / native: ${(b / n).toFixed(2)}x. Rows loaded: browser shows ${shown}, native ${nativeLoaded.toLocaleString('en-GB')}.`);
    const ph = (m: string) => Math.round(median(phases.map((p) => p[m] ?? NaN)));
    console.log(
      `Browser phases (median ms after the file is chosen): bytes read ${ph('loadStart')}, hashed ${ph('loadHashed')}, ` +
        `validated and swapped in ${ph('loadValidated')}, report on screen ${ph('filesLoaded')}; ` +
        `longest main-thread stall ${ph('maxStall')} ms (timer ticks every 20 ms).`
    );
  } finally {
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
