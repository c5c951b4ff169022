/**
 * Engine on duckdb-wasm. Works with the browser's AsyncDuckDB (worker) and with the Node blocking
 * build used for parity tests: both expose the same method names, one async and one sync, and
 * `await` serves both.
 */
import { Utf8, Table, tableToIPC, type Table as ArrowTable, type Vector } from 'apache-arrow';
import { utf8Vector } from './arrow-text';
import { arrowToRows } from './arrow-rows';
import { OFFLINE_SETTINGS, ident, type Engine, type Row, type TextColumn } from './types';

type MaybePromise<T> = T | Promise<T>;

export interface WasmConnection {
  query(sql: string): MaybePromise<ArrowTable>;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): MaybePromise<unknown>;
  close(): MaybePromise<unknown>;
}

export interface WasmDatabase {
  registerFileBuffer(name: string, buffer: Uint8Array): MaybePromise<unknown>;
  dropFile(name: string): MaybePromise<unknown>;
  terminate?(): MaybePromise<unknown>;
  reset?(): MaybePromise<unknown>;
}

export class WasmEngine implements Engine {
  readonly kind = 'wasm' as const;
  private fileSeq = 0;
  /** Statements run one at a time: a single connection is not safe for interleaved queries. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: WasmDatabase,
    private readonly conn: WasmConnection
  ) {}

  static async create(db: WasmDatabase, conn: WasmConnection): Promise<WasmEngine> {
    const engine = new WasmEngine(db, conn);
    for (const s of OFFLINE_SETTINGS) await engine.exec(s);
    return engine;
  }

  private closed = false;

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = (): Promise<T> => {
      // A query still queued for an ended (reset) engine fails plainly instead of hanging.
      if (this.closed) return Promise.reject(new Error('The analysis engine was reset: this query belonged to the previous extract.'));
      return fn();
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  exec(sql: string): Promise<void> {
    return this.serial(async () => {
      await this.conn.query(sql);
    });
  }

  /** The Arrow result itself, for callers that stay columnar. */
  queryArrow(sql: string): Promise<ArrowTable> {
    return this.serial(async () => await this.conn.query(sql));
  }

  async query<T extends Row = Row>(sql: string): Promise<T[]> {
    return arrowToRows<T>(await this.queryArrow(sql));
  }

  registerFile(name: string, bytes: Uint8Array): Promise<string> {
    return this.serial(async () => {
      const path = `f${++this.fileSeq}_${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
      await this.db.registerFileBuffer(path, bytes);
      return path;
    });
  }

  dropFile(path: string): Promise<void> {
    return this.serial(async () => {
      await this.db.dropFile(path);
    });
  }

  createTextTable(table: string, columns: TextColumn[]): Promise<void> {
    return this.serial(async () => {
      await this.conn.query(`DROP TABLE IF EXISTS ${ident(table)}`);
      if (columns.length === 0) {
        await this.conn.query(`CREATE TABLE ${ident(table)} ("_empty" VARCHAR)`);
        return;
      }
      const n = columns[0]!.values.length;
      if (n === 0) {
        const cols = columns.map((c) => `${ident(c.name)} VARCHAR`).join(', ');
        await this.conn.query(`CREATE TABLE ${ident(table)} (${cols})`);
        return;
      }
      const data: Record<string, Vector<Utf8>> = {};
      // Built from buffers: Arrow's builders compile code with `new Function`, refused by the CSP.
      for (const c of columns) data[c.name] = utf8Vector(c.values);
      // Serialise with our own Arrow: the bundled insertArrowTable would re-encode with its private
      // copy of apache-arrow, which does not recognise our Table and silently inserts nothing.
      const ipc = tableToIPC(new Table(data), 'stream');
      await this.conn.insertArrowFromIPCStream(ipc, { name: table, create: true });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.serial(async () => {
      this.closed = true;
      await this.conn.close();
      await this.db.terminate?.();
    });
  }
}

