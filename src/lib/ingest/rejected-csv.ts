/**
 * The rejected rows of the current extract as CSV: original (trimmed) values plus a reason column;
 * formula-looking text neutralised (contract/csv-cell.ts).
 */
import { ident, type Engine } from '../engine/types';
import { TABLES, tableSpec } from '../contract/tables';
import { csvCell } from '../contract/csv-cell';
import { rejectedName } from './validate-table';


/** Tables of the current extract that have rejected rows. */
export async function tablesWithRejectedRows(engine: Engine): Promise<string[]> {
  const out: string[] = [];
  const existing = await engine.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`);
  const names = new Set(existing.map((r) => String(r.table_name)));
  for (const t of TABLES) {
    if (!names.has(rejectedName(t.name))) continue;
    const [c] = await engine.query(`SELECT count(*) AS n FROM ${ident(rejectedName(t.name))}`);
    if (Number(c?.n) > 0) out.push(t.name);
  }
  return out;
}

/**
 * CSV text of one table's rejected rows: columns file, line, the contract's fields (values as read),
 * reason. Empty string when the table was not loaded.
 */
export async function rejectedRowsCsv(engine: Engine, table: string): Promise<string> {
  const spec = tableSpec(table);
  if (!spec) throw new Error(`No table named '${table}' in the extract contract.`);
  const existing = await engine.query(
    `SELECT 1 AS x FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '${rejectedName(spec.name)}'`
  );
  if (existing.length === 0) return '';
  const cols = ['file', 'line', ...spec.fields.map((f) => f.name), 'reason'];
  const rows = await engine.query(`SELECT * FROM ${ident(rejectedName(spec.name))}`);
  const lines = [cols.join(',')];
  for (const r of rows) lines.push(cols.map((c) => csvCell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
