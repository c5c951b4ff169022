/**
 * A measure reads only rows whose file records its fields (imports.md, "Changes to the contract":
 * an optional column absent from a file means not recorded for its rows, not "all null").
 *
 * When a table is loaded from parts that differ in a field a measure reads (a census part without
 * decision dates beside a contract file with them), ingestion keeps the ids of the rows whose part
 * lacks it (`_nm_unrec_<table>`: id, field). Here each such measure's items, numerator and
 * denominator alike, leave those rows out. The fields each measure needs are the one list,
 * imports/not-recorded.ts MEASURE_FIELDS. An extract without such a table gets the registry's own
 * definitions back, unchanged (the same SQL, the same figures).
 */
import type { Engine } from '../engine/types';
import { MEASURE_FIELDS } from '../imports/not-recorded';
import { datedItemsSql } from './bases';
import type { MetricDef, TableName } from './types';

/** The table of rows not recorded per field (ingest/validate-table.ts makes it). */
export const unrecordedTable = (t: string): string => `_nm_unrec_${t}`;

/** Per table, the fields some loaded row's part does not record while another's does. */
export type Unrecorded = ReadonlyMap<string, ReadonlySet<string>>;

/** The unrecorded-rows tables of the loaded extract and the fields they hold. */
export async function unrecordedFields(engine: Engine, tables: readonly TableName[]): Promise<Map<string, Set<string>>> {
  const names = await engine.query<{ t: string }>(
    `SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' AND database_name = current_database() AND starts_with(table_name, '_nm_unrec_')`
  );
  const have = new Set(names.map((r) => r.t));
  const out = new Map<string, Set<string>>();
  for (const t of tables) {
    if (!have.has(unrecordedTable(t))) continue;
    const rows = await engine.query<{ f: string }>(`SELECT DISTINCT field AS f FROM ${unrecordedTable(t)} ORDER BY 1`);
    if (rows.length) out.set(t, new Set(rows.map((r) => r.f)));
  }
  return out;
}

/** The fields a measure itself (not a breakdown) needs that some rows of its table do not record. */
export function partlyRecorded(metric: string, unrecorded: Unrecorded): { table: string; fields: string[] } | null {
  const m = MEASURE_FIELDS.find((x) => x.metric === metric && x.dimension === null);
  if (!m) return null;
  const table = m.fields[0]!.split('.')[0]!;
  const fields = m.fields
    .map((f) => f.split('.') as [string, string])
    .filter(([t, f]) => t === table && unrecorded.get(t)?.has(f))
    .map(([, f]) => f);
  return fields.length ? { table, fields } : null;
}

/** SQL condition: the item's row records every one of the fields (its item_id is that table's id). */
function recordedCondition(p: { table: string; fields: string[] }, itemId: string): string {
  const list = p.fields.map((f) => `'${f}'`).join(', ');
  return `${itemId} NOT IN (SELECT id FROM ${unrecordedTable(p.table)} WHERE field IN (${list}))`;
}

/**
 * The definitions to compute with: a measure whose fields some rows do not record reads only the
 * rows that record them (its `where`, so its numerator and denominator; or its items); every other
 * definition is returned as it is.
 */
export function recordedDefs(defs: readonly MetricDef[], unrecorded: Unrecorded): MetricDef[] {
  if (unrecorded.size === 0) return [...defs];
  return defs.map((def) => {
    const p = partlyRecorded(def.id, unrecorded);
    if (!p) return def;
    if (def.dated) {
      const spec = { ...def.dated, where: `(${def.dated.where ?? 'TRUE'}) AND ${recordedCondition(p, 'item_id')}` };
      return { ...def, dated: spec, items: (c) => datedItemsSql(spec, c) };
    }
    const items = def.items;
    return { ...def, items: (c) => `SELECT * FROM (${items(c)}) x WHERE ${recordedCondition(p, 'x.item_id')}` };
  });
}
