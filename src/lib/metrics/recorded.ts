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

/**
 * The neglect breakdown and the neglect filter read only rows whose file records the neglect field
 * (imports.md: "a measure reads only rows whose file records its fields"). The field per table:
 * referrals.neglect_concern is required, so every part records it and no referral is ever left
 * out; assessments.neglect_identified and episodes.neglect are optional, so a census part (which
 * records them) beside an Annex A part (which may not) leaves the latter's rows unrecorded.
 *
 * How: the prepared relation's `neglect_flag` is NULL on those rows (prepare.ts, via
 * `neglectFlagSql`), the bases' `neglect` column is then NULL too (bases.ts `neglectColumnSql`, registry.ts), and
 * every aggregator drops the NULL neglect group (`unrecordedGroup`, `recordedGroupsSql`): such
 * rows are in no group of the neglect breakdown, while they still count in the overall rows of a
 * measure that does not need the field (its other breakdowns keep them as well).
 *
 * The filter, decided to match: "neglect only" (`neglect IN ('true')`) never selects a row that
 * does not record neglect, and neither does "not neglect" (`neglect IN ('false')`): a row whose
 * file does not say whether neglect was a factor is neither a neglect case nor a non-neglect case.
 * A filter on neglect therefore reads only recording rows, exactly as the breakdown's groups do.
 */
export const NEGLECT_FIELD: Readonly<Partial<Record<TableName, string>>> = {
  referrals: 'neglect_concern',
  assessments: 'neglect_identified',
  episodes: 'neglect'
};

/**
 * The prepared `neglect_flag` of a table: the field with a null read as false, as always; NULL on
 * rows whose part does not record the field. Unchanged SQL when every row records it.
 */
export function neglectFlagSql(table: TableName, idCol: string, unrecorded: Unrecorded): string {
  const field = NEGLECT_FIELD[table]!;
  const flag = `coalesce(${field}, false)`;
  if (!unrecorded.get(table)?.has(field)) return flag;
  return `CASE WHEN ${idCol} IN (SELECT id FROM ${unrecordedTable(table)} WHERE field = '${field}') THEN NULL ELSE ${flag} END`;
}

/** Breakdown dimensions whose column is NULL on rows that do not record their field. */
export const RECORDED_DIMENSIONS: readonly string[] = ['neglect'];

/** True for a breakdown cell made of rows that do not record the dimension's field: no group. */
export function unrecordedGroup(dimension: unknown, group: unknown): boolean {
  return typeof dimension === 'string' && RECORDED_DIMENSIONS.includes(dimension) && (group === null || group === undefined);
}

/**
 * SQL condition keeping an aggregate row unless it is such a cell (columns `<a>.dimension`,
 * `<a>.grp`); null when none of the breakdowns can have one.
 */
export function recordedGroupsSql(dims: readonly string[], a: string): string | null {
  const ds = dims.filter((d) => RECORDED_DIMENSIONS.includes(d));
  if (!ds.length) return null;
  return `(${a}.grp IS NOT NULL OR ${a}.dimension IS NULL OR ${a}.dimension NOT IN (${ds.map((d) => `'${d}'`).join(', ')}))`;
}
