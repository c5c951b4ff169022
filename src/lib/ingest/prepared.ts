/**
 * A prepared extract: the typed (and rejected-row) tables of a loaded extract saved as a DuckDB
 * database file, so the demo opens without re-validating its CSVs (attached read-only: tens of ms).
 * The file is written at build time by the same ingestion on native DuckDB 1.4.3 and read by
 * duckdb-wasm running the same DuckDB version.
 */
import { ident, lit, type Engine } from '../engine/types';
import { TABLES } from '../contract/tables';
import { rejectedName, unrecordedName } from './validate-table';

const ALIAS = '_nm_prepared';

/** The extract's tables (typed, rejected rows, unrecorded fields) and any `relations` named. */
function tableNames(relations: readonly string[]): string[] {
  return [...TABLES.flatMap((t) => [t.name, rejectedName(t.name), unrecordedName(t.name)]), ...relations];
}

async function tablesIn(engine: Engine, catalog: string): Promise<Set<string>> {
  const rows = await engine.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_catalog = ${lit(catalog)} AND table_schema = 'main'`
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Write the current extract's tables to a new DuckDB database file at `path` (Node), with those of
 * `relations` that exist (tables derived from them: metrics/prepare.ts CARRIED_RELATIONS).
 */
export async function savePrepared(engine: Engine, path: string, relations: readonly string[] = []): Promise<void> {
  const have = await tablesIn(engine, 'memory');
  await engine.exec(`ATTACH ${lit(path)} AS ${ALIAS}`);
  try {
    for (const t of tableNames(relations)) {
      if (have.has(t)) await engine.exec(`CREATE TABLE ${ALIAS}.${ident(t)} AS SELECT * FROM main.${ident(t)}`);
    }
  } finally {
    await engine.exec(`DETACH ${ALIAS}`);
  }
}

/**
 * Replace the current extract by the prepared one at `path` (a file the engine can read), in one
 * transaction: a failure leaves the previous extract in place. Of `relations`, those the file holds
 * are copied too and the others dropped (none left over from an earlier extract). Returns the
 * contract tables present.
 */
export async function loadPrepared(engine: Engine, path: string, relations: readonly string[] = []): Promise<string[]> {
  await engine.exec(`ATTACH ${lit(path)} AS ${ALIAS} (READ_ONLY)`);
  try {
    const have = await tablesIn(engine, ALIAS);
    // one script, one round trip to the engine's worker (not two statements a table)
    const copy = tableNames(relations).flatMap((t) => [
      `DROP TABLE IF EXISTS main.${ident(t)}`,
      ...(have.has(t) ? [`CREATE TABLE main.${ident(t)} AS SELECT * FROM ${ALIAS}.${ident(t)}`] : [])
    ]);
    await engine.exec('BEGIN TRANSACTION');
    try {
      await engine.exec(copy.join(';\n'));
      await engine.exec('COMMIT');
    } catch (e) {
      await engine.exec('ROLLBACK').catch(() => {});
      throw e;
    }
    return TABLES.map((t) => t.name).filter((t) => have.has(t));
  } finally {
    await engine.exec(`DETACH ${ALIAS}`);
  }
}
