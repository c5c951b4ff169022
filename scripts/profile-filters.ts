/**
 * Filter changes on /referrals, timed and profiled without the bench's 1M load each try:
 * `tsx scripts/profile-filters.ts [referrals=20000] [changes=15] [profiled=3]` (build/ must exist).
 * Loads the generated extract once (extractDir), waits for the filter cube, then times a varied
 * sequence of filter changes in which no (agency, locality, neglect) state repeats (every answer a
 * cache miss), from the change until every panel has `data-state="ready"` again and shows a new
 * answer, as bench-scale.ts does. `profiled` changes from change PROFILE_FROM (default 0: the first
 * ones warm the code up) are also recorded by the CDP profiler (the functions with the most self
 * time printed, the profile saved in /tmp/filt3 for DevTools), or with TRACE=1 by a Chrome trace (the
 * main thread's wall and CPU time, the workers' busy time, and its self time by event).
 * BUILD_DIR serves another build than build/ (to compare two builds without rebuilding); SETTLE=ms
 * waits after the cube before the first change.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, allPanelsReady, answeredNow, median } from './bench-util';

const N = Number(process.argv[2] ?? 20000);
const CHANGES = Number(process.argv[3] ?? 15);
const PROFILED = Number(process.argv[4] ?? 3);
/** The profile starts at this change (the first ones warm the code up). */
const FROM = Number(process.env.PROFILE_FROM ?? 0);
const dir = `/tmp/neglect-monitor-bench-${N}`;
mkdirSync('/tmp/filt3', { recursive: true });
const csv = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(dir, f));

const server = await serve(process.env.BUILD_DIR ?? 'build', 0);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()); });
  await page.goto(`${base}/data?bench`);
  await page.waitForSelector('[data-engine="ready"]', { timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName('nm:demoLoaded').length > 0, null, { timeout: 120_000 }).catch(() => undefined);
  const t0 = Date.now();
  await page.setInputFiles('#files', csv);
  await page.waitForFunction((n) => Number(document.querySelector('[data-table="referrals"] [data-col="read"]')?.textContent?.replaceAll(',', '')) === n, N, { timeout: 1_200_000, polling: 250 });
  console.log(`loaded ${N} in ${Date.now() - t0} ms`);
  await page.locator('a[href*="/referrals"]').first().click();
  await allPanelsReady(page, null);
  await page.waitForFunction(() => {
    const loads = performance.getEntriesByName('nm:loadValidated');
    const after = loads.length ? loads[loads.length - 1]!.startTime : 0;
    return performance.getEntriesByName('nm:cubeReady').some((c) => c.startTime > after);
  }, null, { timeout: 600_000, polling: 250 });
  console.log('cube ready');
  // SETTLE=ms: wait before the first change (to tell work still running after the cube from the changes' own)
  if (process.env.SETTLE) await page.waitForTimeout(Number(process.env.SETTLE));
  const options = async (sel: string): Promise<string[]> =>
    (await page.locator(`${sel} option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== '');
  const agencies = ['', ...(await options('#f-agency'))];
  const localities = ['', ...(await options('#f-loc'))];
  const seen = new Set<string>(['||false']);
  let state = { agency: '', loc: '', neglect: false };
  const steps: { what: string; run: () => Promise<unknown> }[] = [];
  for (let i = 0; steps.length < CHANGES && i < CHANGES * 4; i++) {
    const kind = i % 3;
    let next = state;
    if (kind === 0) { const a = agencies.find((a) => !seen.has(`${a}|${state.loc}|${state.neglect}`)); if (a === undefined) continue; next = { ...state, agency: a }; }
    if (kind === 1) { const l = localities.find((l) => !seen.has(`${state.agency}|${l}|${state.neglect}`)); if (l === undefined) continue; next = { ...state, loc: l }; }
    if (kind === 2) { next = { ...state, neglect: !state.neglect }; if (seen.has(`${next.agency}|${next.loc}|${next.neglect}`)) continue; }
    seen.add(`${next.agency}|${next.loc}|${next.neglect}`);
    const n = next;
    steps.push(kind === 0 ? { what: `agency=${n.agency}`, run: () => page.selectOption('#f-agency', n.agency) }
      : kind === 1 ? { what: `loc=${n.loc}`, run: () => page.selectOption('#f-loc', n.loc) }
      : { what: `neglect=${n.neglect}`, run: () => page.locator('#f-neglect').click() });
    state = next;
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const times: number[] = [];
  for (const [i, step] of steps.entries()) {
    if (i === FROM && PROFILED > 0) {
      if (process.env.TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc'] });
      else await cdp.send('Profiler.start');
    }
    const before = await answeredNow(page);
    const s = await page.evaluate(() => performance.now());
    await step.run();
    await allPanelsReady(page, before);
    const t = (await page.evaluate(() => performance.now())) - s;
    times.push(t);
    console.log(`${step.what.padEnd(30)} ${t.toFixed(0)} ms`);
    if (i === FROM + PROFILED - 1 && process.env.TRACE) {
      const buf = await browser.stopTracing();
      writeFileSync('/tmp/filt3/filters.trace.json', buf);
      summariseTrace(JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] });
    } else if (i === FROM + PROFILED - 1) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync('/tmp/filt3/filters.cpuprofile', JSON.stringify(profile));
      summarise(profile as unknown as Profile);
    }
  }
  console.log(`median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length} changes`);
} finally {
  await browser.close();
  server.close();
}

interface Profile { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[]; samples: number[]; timeDeltas: number[] }
function summarise(p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]!)!;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = n.callFrame;
    const file = f.url.split('/').pop() || '(native)';
    const k = `${f.functionName || '(anon)'} ${file}:${f.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + dt);
    byFile.set(file, (byFile.get(file) ?? 0) + dt);
  }
  const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n');
  console.log('self time by file:\n' + top(byFile, 12));
  console.log('self time by function:\n' + top(self, 30));
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }
/** Self time per event name on the page's main thread (complete events nested by time). */
function summariseTrace(t: { traceEvents: TraceEvent[] }): void {
  const main = t.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && t.traceEvents.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'FunctionCall'));
  if (!main) return console.log('no main thread');
  const evs = t.traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; child: number }[] = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= upTo) {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + (top.e.dur! - top.child) / 1000);
      if (stack.length) stack[stack.length - 1]!.child += top.e.dur!;
    }
  };
  for (const e of evs) { close(e.ts); stack.push({ e, child: 0 }); }
  close(Infinity);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  // CPU time of the main thread (top-level events' thread durations): less shaken by a busy machine than wall time
  let cpu = 0;
  let end = -Infinity;
  for (const e of evs) if (e.ts >= end) { cpu += (e.tdur ?? 0) / 1000; end = e.ts + e.dur!; }
  console.log(`main thread busy ${total.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU over ${PROFILED} changes; self time (wall) by event:`);
  for (const w of t.traceEvents.filter((e) => e.name === 'thread_name' && e.pid === main.pid && /Worker/.test(e.args?.name ?? ''))) {
    let wcpu = 0;
    let wall = 0;
    let wend = -Infinity;
    for (const e of t.traceEvents.filter((x) => x.pid === w.pid && x.tid === w.tid && x.ph === 'X' && x.dur !== undefined).sort((a, b) => a.ts - b.ts)) {
      if (e.ts >= wend) { wcpu += (e.tdur ?? 0) / 1000; wall += e.dur! / 1000; wend = e.ts + e.dur!; }
    }
    if (wall > 0) console.log(`  ${w.args?.name} tid ${w.tid}: busy ${wall.toFixed(0)} ms wall, ${wcpu.toFixed(0)} ms CPU`);
  }
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
}
