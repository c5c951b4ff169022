/**
 * The browser session: owns the engine, the loaded extract and every query run against it.
 * Views never touch the engine; they ask this layer (through `query.svelte.ts`), which owns the
 * loading, error and empty states and caches results by key.
 */
import type { Engine } from '$lib/engine/types';
import type { InputFile, LoadOptions, LoadReport } from '$lib/ingest';
import { LruCache } from './lru';

export type EngineStatus = 'idle' | 'starting' | 'ready' | 'failed';

export interface ExtractInfo {
  /** 'demo' or a short description of the user's files. */
  source: 'demo' | 'files';
  label: string;
  report: LoadReport;
  files: { name: string; bytes: number; sha256: string }[];
  loadedAt: string;
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
  /** Bumped whenever the data changes, so every query re-runs. */
  generation = $state(0);
  /** Milliseconds from navigation start to engine ready, to demo loaded (for the benchmark). */
  timings = $state<Record<string, number>>({});

  private engine: Engine | null = null;
  private terminate: (() => Promise<void>) | null = null;
  private startPromise: Promise<Engine> | null = null;
  private cache = new LruCache<Promise<unknown>>(300);

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

  /** Load files as the new extract. The previous extract stays in place if this fails. */
  async load(
    files: InputFile[],
    source: 'demo' | 'files',
    label: string,
    onProgress?: LoadOptions['onProgress']
  ): Promise<LoadReport> {
    const engine = await this.start();
    this.loading = label;
    try {
      const { loadExtract } = await import('$lib/ingest');
      const report = await loadExtract(engine, files, { onProgress });
      const hashed = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: f.bytes.byteLength, sha256: await sha256(f.bytes) }))
      );
      this.extract = { source, label, report, files: hashed, loadedAt: new Date().toISOString() };
      this.cache.clear();
      this.generation++;
      return report;
    } finally {
      this.loading = null;
    }
  }

  /**
   * The demo partnership: the prepared DuckDB file made at build time by the same ingestion, or,
   * where that is missing (a development server), its CSV files validated here.
   */
  async loadDemo(): Promise<void> {
    const engine = await this.start();
    this.loading = 'the demo partnership';
    let prepared: { report: LoadReport; files: ExtractInfo['files'] } | null = null;
    try {
      const { fetchPreparedDemo } = await import('./demo-files');
      prepared = await fetchPreparedDemo(engine);
    } finally {
      this.loading = null;
    }
    if (prepared) {
      this.extract = { source: 'demo', label: 'Demo partnership', ...prepared, loadedAt: new Date().toISOString() };
      this.cache.clear();
      this.generation++;
    } else {
      const { fetchDemoFiles } = await import('./demo-files');
      await this.load(await fetchDemoFiles(), 'demo', 'Demo partnership');
    }
    this.mark('demoLoaded');
  }

  /**
   * Run a computation against the current extract, cached by key for this data generation.
   * The key must determine the result (metric, grain, breakdown, filters).
   */
  run<T>(key: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
    const full = `${this.generation}|${key}`;
    const hit = this.cache.get(full) as Promise<T> | undefined;
    if (hit) return hit;
    const p = (async () => {
      const engine = await this.start();
      return fn(engine);
    })();
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
