/**
 * The browser session: owns the engine, the loaded extract and every query run against it.
 * Views never touch the engine; they ask this layer (through `query.svelte.ts`), which owns the
 * loading, error and empty states and caches results by key.
 */
import type { Engine } from '$lib/engine/types';
import type { EngineInstance } from '$lib/engine/reset';
import type { CubeStep } from '$lib/cube';
import type { InputFile, LoadOptions, LoadReport } from '$lib/ingest';
import { LruCache } from './lru';
import { browserStore, markKeptInUse } from '$lib/imports/kept-extracts';

/** A kept extract (kept-extracts.ts) as the status line names it. */
export interface KeptRef {
  id: string;
  label: string;
  asOf: string | null;
}

export type EngineStatus = 'idle' | 'starting' | 'ready' | 'failed';

export interface ExtractInfo {
  /** 'demo' or a short description of the user's files. */
  source: 'demo' | 'files';
  label: string;
  report: LoadReport;
  files: { name: string; bytes: number; sha256: string }[];
  loadedAt: string;
  /** The kept extract this is (reopened on the next visit), or null. */
  kept: KeptRef | null;
}

/** The latest load asked for, whether or not it replaced the extract (the data page reports it). */
export interface LoadAttempt {
  source: 'demo' | 'files';
  label: string;
  /** null when the load stopped with an error before a report was made. */
  report: LoadReport | null;
  error: string | null;
  /** True when this load's data is now the extract in use. */
  replaced: boolean;
  at: string;
}

/**
 * Quiet time after a load before the filter cube's first step: long enough for the page in view to
 * ask its questions first (they go ahead of every step of the build).
 */
const CUBE_QUIET_MS = 750;

/** A cube build given up because its extract was replaced meanwhile. */
class CubeAbandoned extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Resolve with `value` in a later task (a message to itself: no timer clamping). An answer handed
 * over this way is drawn only after the next queued question has been sent to the engine's worker,
 * so the worker computes while the page draws, instead of waiting for the drawing to finish.
 */
function inNextTask<T>(value: T): Promise<T> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve(value);
    };
    channel.port2.postMessage(null);
  });
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

class Session {
  status = $state<EngineStatus>('idle');
  error = $state<string | null>(null);
  extract = $state<ExtractInfo | null>(null);
  loading = $state<string | null>(null);
  /** The latest load (files or demo), also when it failed and the previous extract stayed. */
  lastLoad = $state<LoadAttempt | null>(null);
  /** Bumped whenever the data changes, so every query re-runs. */
  generation = $state(0);
  /** Milliseconds from navigation start to engine ready, to demo loaded (for the benchmark). */
  timings = $state<Record<string, number>>({});
  /** Said before the status: why the kept extract in use could not be opened at start-up. */
  notice = $state<string | null>(null);

  private engine: Engine | null = null;
  private terminate: (() => Promise<void>) | null = null;
  private startPromise: Promise<Engine> | null = null;
  private cache = new LruCache<Promise<unknown>>(300);
  /** Loads (and reads of the rejected rows) run one after another, never interleaved. */
  private loadChain: Promise<unknown> = Promise.resolve();
  /** Work queued or running on the chain (the cube build waits until it is none). */
  private pending = 0;
  /** True once a load has used the engine: the next load goes to a fresh one (onEngineFor). */
  private used = false;
  /** A fresh engine started ahead of the next load (startEngineEarly), not yet taken. */
  private early: Promise<EngineInstance> | null = null;

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.pending++;
    const next = this.loadChain.then(fn, fn);
    const done = (): void => void this.pending--;
    next.then(done, done);
    this.loadChain = next.catch(() => undefined);
    return next;
  }

  /** Queue `fn` once nothing else is queued or running (after `quietMs` of grace). */
  private async whenIdle<T>(quietMs: number, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      await sleep(quietMs);
      if (this.pending === 0) return this.exclusive(fn);
      await this.loadChain;
    }
  }

  /**
   * Run a load on the engine it belongs to: the current one while no load ever used it, otherwise a
   * fresh engine that replaces the current one only when the load succeeds (reset.ts replaceEngine).
   * A failed load leaves the extract in use as it was; a successful one ends the old engine, and with
   * it all of its memory (wasm memory never shrinks: dropping tables would not give it back) and its
   * filter cube. `fresh`: a fresh engine already starting (started alongside the files' hashing).
   */
  private async onEngineFor<R>(
    load: (engine: Engine) => Promise<{ ok: boolean; result: R }>,
    fresh?: Promise<EngineInstance>
  ): Promise<R> {
    const engine = await this.start();
    if (!this.used) {
      this.used = true;
      void fresh?.then((f) => f.terminate()).catch(() => undefined);
      return (await load(engine)).result;
    }
    const [{ replaceEngine, replaceEngineFirst }, { startBrowserEngine }] = await Promise.all([
      import('$lib/engine/reset'),
      import('$lib/engine/browser')
    ]);
    const current: EngineInstance = { engine, terminate: this.terminate ?? (async () => undefined) };
    let handed = fresh;
    const start = (): Promise<EngineInstance> => {
      const f = handed;
      handed = undefined;
      return f ?? startBrowserEngine();
    };
    const install = (instance: EngineInstance): void => {
      this.engine = instance.engine;
      this.terminate = instance.terminate;
      this.startPromise = Promise.resolve(instance.engine);
    };
    if (this.extract?.source === 'demo') {
      // The demo can be made again at will: its engine is ended before the load, not kept alive
      // through it (at a million referrals the tab's peak is the load's), and made again if the load fails.
      const out = await replaceEngineFirst(current, start, load, (e) => this.restoreDemo(e));
      install(out.instance);
      if (!out.replaced) this.buildCubeLater();
      if ('error' in out) throw out.error;
      return out.result as R;
    }
    const out = await replaceEngine(current, start, load);
    if (out.replaced) install(out.instance);
    return out.result;
  }

  /** The demo made again on `engine` (after a failed load over it): the prepared file, else its CSVs. */
  private async restoreDemo(engine: Engine): Promise<void> {
    const { fetchPreparedDemo, fetchDemoFiles } = await import('./demo-files');
    if (await fetchPreparedDemo(engine)) return;
    const { loadExtract } = await import('$lib/ingest');
    const report = await loadExtract(engine, await fetchDemoFiles());
    if (!report.replaced) throw new Error('The demo partnership could not be loaded again.');
  }

  /**
   * Build the filter cube of the extract now in use (src/lib/cube), one short step at a time, each
   * queued only when no question waits: the pages' questions always go first, and are answered by
   * the direct SQL until the cube is attached to the engine (then fetchRows reads it). Given up when
   * the extract is replaced meanwhile.
   */
  private buildCubeLater(): void {
    const engine = this.engine;
    const generation = this.generation;
    if (!engine) return;
    const current = (): boolean => this.engine === engine && this.generation === generation;
    let quiet = CUBE_QUIET_MS;
    let longestStep = 0;
    const step: CubeStep = <T>(run: () => Promise<T>): Promise<T> => {
      const wait = quiet;
      quiet = 0;
      return this.whenIdle(wait, async () => {
        if (!current()) throw new CubeAbandoned();
        const t = performance.now();
        try {
          return await run();
        } finally {
          longestStep = Math.max(longestStep, performance.now() - t);
        }
      });
    };
    void (async () => {
      const { buildCube, attachCube } = await import('$lib/cube');
      const t0 = performance.now();
      try {
        // the roll-ups only: they hold every page question (filters and one breakdown), in less memory
        const cube = await buildCube(engine, undefined, { step, full: false });
        if (!current()) return;
        attachCube(engine, cube);
        const cells = [...cube.cells.values()].reduce((a, b) => a + b, 0);
        // for the benchmark: the cube's size, and how long a question could wait behind one step
        this.mark('cubeReady', { cells, tables: cube.tables.length, ms: Math.round(performance.now() - t0), longestStepMs: Math.round(longestStep) });
      } catch (e) {
        // Not fatal: the direct SQL answers every question as before.
        if (!(e instanceof CubeAbandoned) && current()) console.warn('The filter cube could not be built:', e);
      }
    })();
  }

  /** Start the engine once; later callers share the same promise. */
  start(): Promise<Engine> {
    this.startPromise ??= (async () => {
      this.status = 'starting';
      try {
        const { startBrowserEngine } = await import('$lib/engine/browser');
        const started = await startBrowserEngine();
        this.engine = started.engine;
        this.terminate = started.terminate;
        this.status = 'ready';
        this.mark('engineReady');
        return started.engine;
      } catch (e) {
        this.status = 'failed';
        this.error = e instanceof Error ? e.message : String(e);
        throw e;
      }
    })();
    return this.startPromise;
  }

  /** Record a milestone, also as a performance mark (`nm:<name>`) that the benchmark reads. */
  mark(name: string, detail?: Record<string, number>): void {
    performance.mark(`nm:${name}`, detail ? { detail } : undefined);
    this.timings = { ...this.timings, [name]: Math.round(performance.now()) };
  }

  /**
   * Load files as the new extract. It replaces the previous extract only when the load succeeds as
   * a whole (report.replaced); otherwise the previous extract stays in place and in use. Loads are
   * queued: one started while another runs (e.g. the demo at start-up) waits for it. `kept`: the
   * kept extract these files are; the next visit reopens the extract in use only when it is one.
   */
  load(
    files: InputFile[],
    source: 'demo' | 'files',
    label: string,
    onProgress?: LoadOptions['onProgress'],
    kept: KeptRef | null = null
  ): Promise<LoadReport> {
    return this.exclusive(() => this.loadNow(files, source, label, onProgress, kept));
  }

  /** The extract in use has just been kept (a ref) or forgotten (null): the status line and the next visit follow. */
  keptAs(kept: KeptRef | null): void {
    if (this.extract && this.extract.source === 'files') this.extract = { ...this.extract, kept };
    markKeptInUse(browserStore(), kept?.id ?? null);
  }

  private async loadNow(
    files: InputFile[],
    source: 'demo' | 'files',
    label: string,
    onProgress?: LoadOptions['onProgress'],
    kept: KeptRef | null = null
  ): Promise<LoadReport> {
    await this.start();
    this.loading = label;
    this.mark('loadStart');
    // A fresh engine for the new extract (see onEngineFor), started while the files are hashed.
    let fresh = this.used ? (this.takeEarly() ?? this.startFresh()) : undefined;
    try {
      // Hashed first: the engine may take over (transfer) the file buffers to its worker.
      const hashed = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: f.bytes.byteLength, sha256: await sha256(f.bytes) }))
      );
      const { loadExtract } = await import('$lib/ingest');
      const { decodeInWorker } = await import('$lib/ingest/decode-in-worker');
      this.mark('loadHashed');
      let report: LoadReport;
      try {
        const handed = fresh;
        fresh = undefined; // onEngineFor owns it now
        report = await this.onEngineFor(async (engine) => {
          const r = await loadExtract(engine, files, { onProgress, decode: decodeInWorker });
          return { ok: r.replaced, result: r };
        }, handed);
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        this.lastLoad = { source, label, report: null, error, replaced: false, at: new Date().toISOString() };
        throw e;
      }
      this.mark('loadValidated');
      const at = new Date().toISOString();
      if (report.replaced) {
        this.extract = { source, label, report, files: hashed, loadedAt: at, kept };
        this.cache.clear();
        this.generation++;
        markKeptInUse(browserStore(), kept?.id ?? null);
        if (source === 'files') this.notice = null;
        this.buildCubeLater();
      }
      this.lastLoad = { source, label, report, error: null, replaced: report.replaced, at };
      return report;
    } finally {
      this.loading = null;
      // never left running when the load stopped before using it
      if (fresh) void fresh.then((f) => f.terminate()).catch(() => undefined);
    }
  }

  /**
   * Start now the fresh engine the next load will need, and warm it (imports/warm-engine.ts), so
   * that its start and first compiling overlap work done before that load (an import read in its
   * worker) instead of following it. The returned function ends the engine when no load took it
   * (the import failed).
   */
  startEngineEarly(today: string): () => void {
    if (!this.used || this.early) return () => undefined;
    const p: Promise<EngineInstance> = this.startFresh().then(async (fresh) => {
      // not when the load has already taken it (the import was quicker): it would only wait
      if (this.early !== p) return fresh;
      const { warmEngine } = await import('$lib/imports/warm-engine');
      await warmEngine(fresh.engine, today);
      return fresh;
    });
    p.catch(() => undefined);
    this.early = p;
    return () => {
      if (this.early !== p) return;
      this.early = null;
      void p.then((f) => f.terminate()).catch(() => undefined);
    };
  }

  private takeEarly(): Promise<EngineInstance> | null {
    const p = this.early;
    this.early = null;
    return p;
  }

  /** Start a fresh engine (errors surface where it is awaited). */
  private startFresh(): Promise<EngineInstance> {
    const p = import('$lib/engine/browser').then((m) => m.startBrowserEngine());
    p.catch(() => undefined);
    return p;
  }

  /** CSV of one table's rejected rows in the extract in use ('' when it has none). */
  rejectedRowsCsv(table: string): Promise<string> {
    return this.exclusive(async () => {
      const engine = await this.start();
      const { rejectedRowsCsv } = await import('$lib/ingest');
      return rejectedRowsCsv(engine, table);
    });
  }

  /**
   * The demo partnership: the prepared DuckDB file made at build time by the same ingestion, or,
   * where that is missing (a development server), its CSV files validated here.
   */
  loadDemo(): Promise<void> {
    // downloaded while the engine starts, not after
    const download = import('./demo-files').then((m) => m.downloadPreparedDemo());
    download.catch(() => undefined);
    return this.exclusive(async () => {
      await this.start();
      this.loading = 'the demo partnership';
      let prepared: { report: LoadReport; files: ExtractInfo['files'] } | null = null;
      try {
        const { fetchPreparedDemo } = await import('./demo-files');
        prepared = await this.onEngineFor(async (engine) => {
          const p = await fetchPreparedDemo(engine, download);
          return { ok: p !== null, result: p };
        });
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        this.lastLoad = { source: 'demo', label: 'Demo partnership', report: null, error, replaced: false, at: new Date().toISOString() };
        throw e;
      } finally {
        this.loading = null;
      }
      if (prepared) {
        const at = new Date().toISOString();
        this.extract = { source: 'demo', label: 'Demo partnership', ...prepared, loadedAt: at, kept: null };
        markKeptInUse(browserStore(), null);
        this.lastLoad = { source: 'demo', label: 'Demo partnership', report: prepared.report, error: null, replaced: true, at };
        this.cache.clear();
        this.generation++;
        this.buildCubeLater();
      } else {
        const { fetchDemoFiles } = await import('./demo-files');
        await this.loadNow(await fetchDemoFiles(), 'demo', 'Demo partnership');
      }
      this.mark('demoLoaded');
    });
  }

  /**
   * Run a computation against the current extract, cached by key for this data generation.
   * The key must determine the result (metric, grain, breakdown, filters).
   */
  run<T>(key: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
    const full = `${this.generation}|${key}`;
    const hit = this.cache.get(full) as Promise<T> | undefined;
    if (hit) return hit;
    // One computation at a time, and never during a load: a computation is several statements
    // (some staging into shared temp tables), which must not interleave with another's or with a
    // load swapping the tables.
    const p = this.exclusive(async () => {
      const engine = await this.start();
      return fn(engine);
    }).then(inNextTask);
    this.cache.set(full, p);
    // a failed query is not kept: the next ask tries again
    p.catch(() => this.cache.delete(full));
    return p;
  }

  async dispose(): Promise<void> {
    await this.terminate?.();
  }
}

export const session = new Session();
