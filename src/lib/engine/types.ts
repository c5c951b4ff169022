/**
 * The one engine interface. Everything above this layer (ingest, metrics, stores) talks to DuckDB
 * through it, so the same SQL runs in the page (duckdb-wasm in a worker) and in Node (native DuckDB
 * of the same version: 1.4.3).
 *
 * Result convention, identical on both engines: rows are plain objects; integers of any width and
 * decimals come back as `number`, booleans as `boolean`, DATE as `'YYYY-MM-DD'` text, TIMESTAMP as ISO
 * text, text as `string`, SQL NULL as `null`, lists as arrays. Results are meant to be small
 * (aggregates): never select a whole table into JavaScript.
 */
export type Value = string | number | boolean | null | Value[];
export type Row = Record<string, Value>;

export interface TextColumn {
  name: string;
  values: (string | null)[];
}

export interface Engine {
  readonly kind: 'wasm' | 'node';
  /** Run one or more statements, discard any result. */
  exec(sql: string): Promise<void>;
  /** Run a query and return its (small) result as plain rows. */
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /**
   * Make bytes readable by SQL (e.g. `read_csv(<returned path>)`). Returns the path to use in SQL:
   * in the browser a virtual file name, in Node a temporary file.
   */
  registerFile(name: string, bytes: Uint8Array): Promise<string>;
  /** Forget a file registered with registerFile. */
  dropFile(path: string): Promise<void>;
  /**
   * Create (or replace) `table` with the given columns, all VARCHAR, in the given order. Used for
   * Parquet and XLSX files, which are decoded in JavaScript (no extension is ever fetched).
   */
  createTextTable(table: string, columns: TextColumn[]): Promise<void>;
  close(): Promise<void>;
}

/** Quote an identifier for SQL. */
export function ident(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quote a string literal for SQL. */
export function lit(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}

/** Settings every engine applies at start: never reach the network for an extension. */
export const OFFLINE_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false'
];
