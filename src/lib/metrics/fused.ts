/**
 * One pass for several dated metrics on the same base: each item gets every metric's flags (worked
 * out on all the data), then one GROUPING SETS aggregate counts them all; rows are assembled per
 * metric in TypeScript with exactly the same rules as aggregateSql ("Which rows exist").
 */
import { baseSql } from './bases';
import { availableDimensions, childDimensionSql, filterConditions, isChildDimension, periodConditions } from './sql-blocks';
import type { PeriodRow } from './prepare';
import type { Dimension, Grain, ItemsContext, MetricDef, MetricFilters, MetricRow } from './types';
import { periodBounds } from '../calendar/periods';

export interface FusedOptions {
  grains: readonly Grain[];
  hasChildren: boolean;
  filters?: MetricFilters;
  /** Breakdown dimensions per metric id. */
  breakdowns: ReadonlyMap<string, readonly Dimension[]>;
}

/** SQL computing, per (grain, period[, dimension, group]), c_i / m_i / q50_i / q90_i for each metric i. */
export function fusedSql(defs: readonly MetricDef[], ctx: ItemsContext, opts: FusedOptions): string {
  const first = defs[0]!;
  const base = first.dated!.base;
  const grains = [...new Set(defs.flatMap((d) => d.grains))].filter((g) => opts.grains.includes(g));
  const avail = new Set<Dimension>(defs.flatMap((d) => availableDimensions(d, opts.hasChildren)));
  const dims = [...new Set(defs.flatMap((d) => [...(opts.breakdowns.get(d.id) ?? [])]))];
  // Columns needed: every breakdown dimension plus every dimension a filter may test.
  const filterDims = Object.keys(opts.filters ?? {}).filter((k) => avail.has(k as Dimension)) as Dimension[];
  const needed = [...new Set([...dims, ...filterDims])];
  const itemDims = needed.filter((d) => !isChildDimension(d));
  const childDims = needed.filter((d) => isChildDimension(d));
  const flags: string[] = [];
  defs.forEach((d, i) => {
    const s = d.dated!;
    flags.push(`${s.where ? `coalesce(${s.where}, FALSE)` : 'TRUE'} AS w_${i}`);
    if (s.num) flags.push(`coalesce(${s.num}, FALSE) AS n_${i}`);
    if (s.val) flags.push(`CAST(${s.val} AS DOUBLE) AS v_${i}`);
  });
  const anyWhere = defs.some((d) => !d.dated!.where) ? '' : `\n  WHERE ${defs.map((d) => `(${d.dated!.where})`).join(' OR ')}`;
  const parts: string[] = grains.map((g) =>
    g === 'quarter'
      ? `SELECT b0.*, 'quarter' AS grain_, (b0.mi - 3) // 3 AS k FROM b0`
      : `SELECT b0.*, 'month' AS grain_, b0.mi AS k FROM b0`
  );
  if (parts.length === 0) parts.push(`SELECT b0.*, 'none' AS grain_, -1 AS k FROM b0`);
  const childCols = childDims.map((d) => `,\n    ${childDimensionSql(d, 'ch', 'b.d')} AS ${d}`).join('');
  const join = childDims.length ? `\n  LEFT JOIN children ch ON ch.child_id = b.child_id` : '';
  const where = [...periodConditions(opts.filters)];
  const filt = filterConditions(first, opts.hasChildren, opts.filters);
  const aggs: string[] = [];
  defs.forEach((d, i) => {
    aggs.push(`count(*) FILTER (WHERE w_${i}) AS c_${i}`);
    if (d.dated!.num) aggs.push(`count(*) FILTER (WHERE w_${i} AND n_${i}) AS m_${i}`);
    if (d.dated!.val) {
      aggs.push(`quantile_cont(CASE WHEN w_${i} THEN v_${i} END, 0.5) AS q50_${i}`);
      aggs.push(`quantile_cont(CASE WHEN w_${i} THEN v_${i} END, 0.9) AS q90_${i}`);
    }
  });
  const sets = ['(grain, period)', ...dims.map((d) => `(grain, period, ${d})`)].join(', ');
  const dimensionExpr = dims.length
    ? `CASE ${dims.map((d) => `WHEN GROUPING(${d}) = 0 THEN '${d}'`).join(' ')} END`
    : 'CAST(NULL AS VARCHAR)';
  const groupExpr = dims.length ? `CAST(coalesce(${dims.join(', ')}) AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
  return `WITH s AS (
  ${baseSql(base, ctx)}
),
b0 AS MATERIALIZED (
  SELECT s.item_id, s.child_id, s.d${itemDims.map((d) => `, s.${d}`).join('')},
    year(s.d) * 12 + month(s.d) - 1 AS mi,
    ${flags.join(',\n    ')}
  FROM s${anyWhere}
),
items AS (
  SELECT * FROM (
    SELECT p.grain, p.period, b.*${childCols}
    FROM (${parts.join('\n    UNION ALL ')}) b
    JOIN ${ctx.periods} p ON p.grain = b.grain_ AND p.k = b.k${join}${where.length ? `\n    WHERE ${where.join(' AND ')}` : ''}
  ) i${filt.length ? `\n  WHERE ${filt.join(' AND ')}` : ''}
)
SELECT grain, period, ${dimensionExpr} AS dimension, ${groupExpr} AS grp,
  ${aggs.join(',\n  ')}
FROM items
GROUP BY GROUPING SETS (${sets})`;
}

function inRange(p: PeriodRow, filters: MetricFilters | undefined): boolean {
  if (filters?.from && p.p_start < periodBounds(filters.from).start) return false;
  if (filters?.to && p.p_end > periodBounds(filters.to).end) return false;
  return true;
}

/** Metric rows from the fused aggregate, following "Which rows exist". */
export function assembleFused(
  defs: readonly MetricDef[],
  res: Record<string, unknown>[],
  periods: readonly PeriodRow[],
  opts: FusedOptions
): MetricRow[] {
  const out: MetricRow[] = [];
  const overall = new Map<string, Record<string, unknown>>();
  const periodByKey = new Map(periods.map((p) => [`${p.grain}|${p.period}`, p]));
  for (const r of res) if (r.dimension === null) overall.set(`${r.grain}|${r.period}`, r);
  const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
  const make = (def: MetricDef, i: number, p: PeriodRow, dim: string | null, grp: string | null, r: Record<string, unknown> | undefined): MetricRow => {
    const c = num(r?.[`c_${i}`]);
    let numerator: number | null = null;
    let denominator: number | null = null;
    let value: number | null = null;
    let p90: number | null = null;
    if (def.unit === 'rate') {
      numerator = num(r?.[`m_${i}`]);
      denominator = c;
      value = c > 0 ? numerator / denominator : null;
    } else if (def.unit === 'count') {
      value = c;
    } else {
      denominator = c;
      value = c > 0 ? Number(r?.[`q50_${i}`]) : null;
      p90 = c > 0 ? Number(r?.[`q90_${i}`]) : null;
    }
    return {
      metric: def.id,
      grain: p.grain,
      period: p.period,
      dimension: dim,
      group: grp,
      numerator,
      denominator,
      value,
      p90,
      complete: def.completeness ? p[def.completeness] : true,
      partial: p.partial
    };
  };
  defs.forEach((def, i) => {
    const grains = def.grains.filter((g) => opts.grains.includes(g));
    const bds = new Set<string>(opts.breakdowns.get(def.id) ?? []);
    for (const p of periods) {
      if (!grains.includes(p.grain) || !inRange(p, opts.filters)) continue;
      out.push(make(def, i, p, null, null, overall.get(`${p.grain}|${p.period}`)));
    }
    for (const r of res) {
      if (r.dimension === null || !bds.has(String(r.dimension))) continue;
      const p = periodByKey.get(`${r.grain}|${r.period}`);
      if (!p || !grains.includes(p.grain) || !inRange(p, opts.filters)) continue;
      if (num(r[`c_${i}`]) <= 0) continue;
      out.push(make(def, i, p, String(r.dimension), r.grp === null ? null : String(r.grp), r));
    }
  });
  return out;
}
