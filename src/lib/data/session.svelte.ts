/**
 * The browser session: owns the engine, the loaded extract and every query run against it.
 * Views never touch the engine; they ask this layer (through `query.svelte.ts`), which owns the
 * loading, error and empty states and caches results by key.
 */
import type { Engine } from '$lib/engine/types';
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

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.loadChain.then(fn, fn);
    this.loadChain = next.catch(() => undefined);
    return next;
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
  mark(name: string): void {
    performance.mark(`nm:${name}`);
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
    const engine = await this.start();
    this.loading = label;
    this.mark('loadStart');
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
        report = await loadExtract(engine, files, { onProgress, decode: decodeInWorker });
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
      }
      this.lastLoad = { source, label, report, error: null, replaced: report.replaced, at };
      return report;
    } finally {
      this.loading = null;
    }
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
      const engine = await this.start();
      this.loading = 'the demo partnership';
      let prepared: { report: LoadReport; files: ExtractInfo['files'] } | null = null;
      try {
        const { fetchPreparedDemo } = await import('./demo-files');
        prepared = await fetchPreparedDemo(engine, download);
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
    });
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
