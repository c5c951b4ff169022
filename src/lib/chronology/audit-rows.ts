/**
 * "Show the rows" with their children and dates: for one point of one measure, every item counted
 * (its id, the child it belongs to, the date that put it in the period, and whether it is in the
 * numerator), so each can be opened in the child's chronology and the list downloaded. Reads the
 * same items SQL as the measure itself (sql-blocks.ts), so the ids are exactly the point's.
 * Analyst's view only.
 */
import type { Engine } from '../engine/types';
import { lit } from '../engine/types';
import { codePointCompare, type PointOptions } from '../metrics/compute';
import { metricById } from '../metrics/registry';
import { CTX, prepare } from '../metrics/prepare';
import { availableDimensions, itemsSql } from '../metrics/sql-blocks';
import type { Dimension, MetricDef } from '../metrics/types';
import { csvCell } from '../contract/csv-cell';

export interface PointRow {
  item_id: string;
  /** null for aggregate rows (training, barriers), which hold no child. */
  child_id: string | null;
  /** The date that put the item in the period (for a snapshot, the period's end E). */
  date: string | null;
  numerator: boolean;
}

/** SQL listing one point's items with child and date, or null when the point cannot hold any. */
export function pointRowsSql(def: MetricDef, opts: PointOptions, hasChildren: boolean): string | null {
  const items = itemsSql(def, CTX, { grains: [opts.grain], hasChildren, filters: opts.filters });
  const conds = [`i.period = ${lit(opts.period)}`];
  if (opts.dimension) {
    if (!availableDimensions(def, hasChildren).includes(opts.dimension as Dimension)) return null;
    conds.push(`i.${opts.dimension} = ${lit(opts.group ?? '')}`);
  }
  const isRate = def.unit === 'rate';
  const inNum = isRate ? 'i.num > 0' : 'FALSE';
  const counted = isRate ? 'i.den > 0' : 'TRUE';
  if (def.attribution === 'quarter')
    return `SELECT DISTINCT i.item_id, CAST(NULL AS VARCHAR) AS child_id, CAST(NULL AS DATE) AS date, ${inNum} AS numerator
FROM (\n${items}\n) i WHERE ${conds.join(' AND ')} AND ${counted}`;
  // The raw items carry child_id and d; for a snapshot they are per period, so take the point's own.
  const raw =
    def.attribution === 'snapshot'
      ? `SELECT DISTINCT item_id, child_id, d FROM (\n${def.items(CTX)}\n) x WHERE x.grain = ${lit(opts.grain)} AND x.period = ${lit(opts.period)}`
      : `SELECT DISTINCT item_id, child_id, d FROM (\n${def.items(CTX)}\n) x`;
  return `SELECT i.item_id, any_value(r.child_id) AS child_id, any_value(r.d) AS date, bool_or(${inNum}) AS numerator
FROM (\n${items}\n) i
LEFT JOIN (${raw}) r ON r.item_id = i.item_id
WHERE ${conds.join(' AND ')} AND ${counted}
GROUP BY i.item_id`;
}

/** The items behind one point, sorted by id (code point order, as the audit ids). */
export async function pointRows(engine: Engine, id: string, opts: PointOptions): Promise<PointRow[]> {
  const def = metricById(id);
  if (!def) throw new Error(`Unknown metric id: ${id}`);
  const prep = await prepare(engine, opts.asOf);
  if (prep.asOf === null || !def.tables.every((t) => prep.present.has(t))) return [];
  const sql = pointRowsSql(def, opts, prep.present.has('children'));
  if (sql === null) return [];
  const rows = await engine.query(sql);
  return rows
    .map((r) => ({
      item_id: String(r.item_id),
      child_id: r.child_id === null ? null : String(r.child_id),
      date: r.date === null ? null : String(r.date),
      numerator: Boolean(r.numerator)
    }))
    .sort((a, b) => codePointCompare(a.item_id, b.item_id));
}

/** UTF-8 CSV (with byte-order mark) of a point's rows: analyst's download, never a publication one. */
export function pointRowsCsv(metric: string, period: string, rows: readonly PointRow[], isRate: boolean): string {
  const head = ['metric', 'period', 'item_id', 'child_id', 'date', ...(isRate ? ['in_numerator'] : [])];
  const lines = [head.join(',')];
  for (const r of rows)
    lines.push([metric, period, r.item_id, r.child_id, r.date, ...(isRate ? [r.numerator] : [])].map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
