/**
 * Engine on native DuckDB (@duckdb/node-api, pinned to DuckDB 1.4.3 like duckdb-wasm 1.32.0).
 * Used by the command line, the tests and the build-time prepared results.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { OFFLINE_SETTINGS, ident, type Engine, type Row, type TextColumn, type Value } from './types';

export interface NodeEngineOptions {
  threads?: number;
  /** DuckDB memory_limit, e.g. '12GB' (DuckDB's default: 80% of the machine's memory). */
  memoryLimit?: string;
  /** Spill to a private temporary folder when an operator outgrows memory. */
  spill?: boolean;
}

/**
 * Settings for the command line on large extracts (5M referrals): every core, spilling to disk,
 * and a memory limit of 75% of the machine's memory (room for Node and the files it reads).
 */
export function largeExtractOptions(): NodeEngineOptions {
  const gb = Math.max(1, Math.floor((totalmem() * 0.75) / 1024 ** 3));
  return { threads: availableParallelism(), memoryLimit: `${gb}GB`, spill: true };
}

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'object': {
      const o = v as { items?: unknown[]; toDouble?: () => number; toString(): string };
      if (Array.isArray(o.items)) return o.items.map(toValue);
      if (typeof o.toDouble === 'function') return o.toDouble();
      return o.toString();
    }
    default:
      return String(v);
  }
}

export class NodeEngine implements Engine {
  readonly kind = 'node' as const;
  private tmp: string | null = null;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection
  ) {}

  /**
   * threads: DuckDB worker threads (default 1: tests and parity runs stay light on a shared
   * machine). memoryLimit (e.g. '12GB') and spill: with spill, operators that outgrow memory write
   * to a private temporary folder (removed on close) instead of failing; see largeExtractOptions.
   */
  static async create(options: NodeEngineOptions = {}): Promise<NodeEngine> {
    const config: Record<string, string> = { threads: String(options.threads ?? 1) };
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    let spillDir: string | null = null;
    if (options.spill) {
      spillDir = mkdtempSync(join(tmpdir(), 'neglect-monitor-spill-'));
      config.temp_directory = spillDir;
    }
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    const engine = new NodeEngine(instance, conn);
    engine.spillDir = spillDir;
    await engine.exec(OFFLINE_SETTINGS.join(';\n'));
    return engine;
  }

  private spillDir: string | null = null;

  async exec(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  async query<T extends Row = Row>(sql: string): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql);
    const names = reader.columnNames();
    const rows = reader.getRows();
    return rows.map((r) => {
      const o: Row = {};
      names.forEach((n, i) => (o[n] = toValue(r[i])));
      return o as T;
    });
  }

  async registerFile(name: string, bytes: Uint8Array): Promise<string> {
    this.tmp ??= mkdtempSync(join(tmpdir(), 'neglect-monitor-'));
    const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
    const path = join(this.tmp, `${Date.now()}-${Math.random().toString(36).slice(2)}-${safe}`);
    writeFileSync(path, bytes);
    return path;
  }

  async dropFile(path: string): Promise<void> {
    rmSync(path, { force: true });
  }

  async createTextTable(table: string, columns: TextColumn[]): Promise<void> {
    const cols = columns.map((c) => `${ident(c.name)} VARCHAR`).join(', ');
    await this.exec(`CREATE OR REPLACE TABLE ${ident(table)} (${cols || '"_empty" VARCHAR'})`);
    if (columns.length === 0) return;
    const n = columns[0]!.values.length;
    const appender = await this.conn.createAppender(table);
    for (let i = 0; i < n; i++) {
      for (const c of columns) {
        const v = c.values[i];
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
    this.tmp = null;
    if (this.spillDir) rmSync(this.spillDir, { recursive: true, force: true });
    this.spillDir = null;
  }
}
