/**
 * Shared SQL pieces: child dimensions (age band, IMD quintile, ...), the items wrapper that puts
 * every metric's items into periods and joins child dimensions, and the one generic aggregator that
 * turns items into overall and breakdown rows for counts, rates and durations.
 */
import { periodBounds, quarterLabelSql, monthLabelSql, type Grain } from '../calendar/periods';
import { lit } from '../engine/types';
import { recordedGroupsSql } from './recorded';
import { CHILD_DIMENSIONS, type Dimension, type MetricDef, type MetricFilters, type ItemsContext } from './types';

const CHILD_SET = new Set<string>(CHILD_DIMENSIONS);

export function isChildDimension(d: string): boolean {
  return CHILD_SET.has(d);
}

/**
 * Age band at date `at` from the first day of `bm` (birth_month): completed years, i.e. one less
 * than the difference in years when the month of `at` comes before the birth month.
 */
export function ageBandSql(bm: string, at: string): string {
  const years = `(year(${at}) - year(${bm}) - CASE WHEN month(${at}) < month(${bm}) THEN 1 ELSE 0 END)`;
  return `CASE WHEN ${bm} IS NULL OR ${at} IS NULL THEN 'unknown'
    WHEN ${at} < ${bm} THEN 'unborn'
    WHEN ${years} < 1 THEN 'under 1'
    WHEN ${years} < 5 THEN '1-4'
    WHEN ${years} < 10 THEN '5-9'
    WHEN ${years} < 16 THEN '10-15'
    ELSE '16+' END`;
}

/** SQL expression of one child dimension, from children alias `ch` at date `at`. */
export function childDimensionSql(dim: string, ch: string, at: string): string {
  switch (dim) {
    case 'locality':
      return `coalesce(nullif(trim(${ch}.locality), ''), 'unknown')`;
    case 'age_band':
      return ageBandSql(`${ch}.birth_month`, at);
    case 'sex':
    case 'ethnicity':
    case 'disability':
      return `coalesce(CAST(${ch}.${dim} AS VARCHAR), 'unknown')`;
    case 'imd_quintile':
      return `coalesce(CAST((${ch}.imd_decile + 1) // 2 AS VARCHAR), 'unknown')`;
    default:
      throw new Error(`Not a child dimension: ${dim}`);
  }
}

/** Dimensions a metric offers given whether a `children` table is present. */
export function availableDimensions(def: MetricDef, hasChildren: boolean): Dimension[] {
  return def.dimensions.filter((d) => hasChildren || !isChildDimension(d));
}

export interface ItemsOptions {
  grains: readonly Grain[];
  hasChildren: boolean;
  filters?: MetricFilters;
}

function filterValues(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map((x) => String(x));
  return [String(v)];
}

/**
 * WHERE conditions on the items wrapper's columns for the filters that apply to this metric. A row
 * whose part does not record the neglect field has a NULL `neglect`, so a neglect filter (true or
 * false) never selects it (recorded.ts).
 */
export function filterConditions(def: MetricDef, hasChildren: boolean, filters: MetricFilters | undefined): string[] {
  const out: string[] = [];
  if (!filters) return out;
  const dims = new Set<string>(availableDimensions(def, hasChildren));
  for (const [key, raw] of Object.entries(filters)) {
    if (key === 'from' || key === 'to') continue;
    if (!dims.has(key)) continue; // a filter on a dimension the metric does not have does not apply
    const values = filterValues(raw);
    if (values === null) continue;
    if (values.length === 0) {
      out.push('FALSE');
      continue;
    }
    out.push(`${key} IN (${values.map(lit).join(', ')})`);
  }
  return out;
}

/** Conditions on `_nm_periods` alias p for the from/to period filters. */
export function periodConditions(filters: MetricFilters | undefined, p = 'p'): string[] {
  const out: string[] = [];
  if (filters?.from) out.push(`${p}.p_start >= DATE '${periodBounds(filters.from).start}'`);
  if (filters?.to) out.push(`${p}.p_end <= DATE '${periodBounds(filters.to).end}'`);
  return out;
}

function grainList(grains: readonly Grain[]): string {
  return grains.map((g) => `'${g}'`).join(', ');
}

/**
 * One row per counted item per (grain, period) with columns grain, period, item_id, num, den, val
 * and every available dimension; flags are worked out on all data before any filter.
 */
export function itemsSql(def: MetricDef, ctx: ItemsContext, opts: ItemsOptions): string {
  const grains = def.grains.filter((g) => opts.grains.includes(g));
  const dims = availableDimensions(def, opts.hasChildren);
  const cols = dims.map((d) => (isChildDimension(d) ? `${childDimensionSql(d, 'ch', 'b.d')} AS ${d}` : `b.${d}`));
  const join = opts.hasChildren && dims.some(isChildDimension) ? `\nLEFT JOIN children ch ON ch.child_id = b.child_id` : '';
  const where = [...periodConditions(opts.filters)];
  const gl = grains.length ? grainList(grains) : `'none'`;
  const select = `SELECT p.grain, p.period, b.item_id, b.num, b.den, b.val${cols.map((c) => ',\n  ' + c).join('')}`;
  const tail = `${join}${where.length ? '\nWHERE ' + where.join(' AND ') : ''}`;
  let inner: string;
  if (def.attribution === 'dated') {
    // Each item once per grain, keyed by an integer period index (months since year 0; quarters
    // counted from April), then one hash join on (grain, k) with the reported periods.
    const parts: string[] = grains.map((g) =>
      g === 'quarter'
        ? `SELECT b0.*, 'quarter' AS grain_, (b0.mi - 3) // 3 AS k FROM b0`
        : `SELECT b0.*, 'month' AS grain_, b0.mi AS k FROM b0`
    );
    if (parts.length === 0) parts.push(`SELECT b0.*, 'none' AS grain_, -1 AS k FROM b0`);
    inner = `WITH b0 AS MATERIALIZED (
  SELECT x.*, year(x.d) * 12 + month(x.d) - 1 AS mi FROM (
${def.items(ctx)}
  ) x
)
${select}
FROM (${parts.join('\n  UNION ALL ')}) b
JOIN ${ctx.periods} p ON p.grain = b.grain_ AND p.k = b.k${tail}`;
  } else {
    where.push(`p.grain IN (${gl})`);
    inner = `${select}
FROM (${def.items(ctx)}) b
JOIN ${ctx.periods} p ON p.grain = b.grain AND p.period = b.period${join}${where.length ? '\nWHERE ' + where.join(' AND ') : ''}`;
  }
  const f = filterConditions(def, opts.hasChildren, opts.filters);
  return f.length ? `SELECT * FROM (\n${inner}\n) i WHERE ${f.join(' AND ')}` : inner;
}

export interface AggregateOptions extends ItemsOptions {
  /** Breakdown dimensions to produce (already restricted to the available ones). */
  breakdowns: readonly Dimension[];
  /** Produce the overall rows (default true). */
  overall?: boolean;
}

/**
 * The one aggregator: overall rows for every reported period (even when nothing is counted) and
 * breakdown rows for groups with at least one item (rates: denominator > 0).
 * Columns: grain, period, dimension, grp, numerator, denominator, value, p90, complete, partial.
 */
export function aggregateSql(def: MetricDef, ctx: ItemsContext, opts: AggregateOptions): string {
  const grains = def.grains.filter((g) => opts.grains.includes(g));
  const dims = opts.breakdowns;
  const sets = ['(grain, period)', ...dims.map((d) => `(grain, period, ${d})`)].join(', ');
  const dimensionExpr = dims.length
    ? `CASE ${dims.map((d) => `WHEN GROUPING(${d}) = 0 THEN '${d}'`).join(' ')} END`
    : 'CAST(NULL AS VARCHAR)';
  const groupExpr = dims.length ? `CAST(coalesce(${dims.join(', ')}) AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
  const complete = def.completeness ? `p.${def.completeness}` : 'TRUE';
  let measures: string;
  let exists: string;
  switch (def.unit) {
    case 'rate':
      measures = `CAST(coalesce(a.num, 0) AS DOUBLE) AS numerator, CAST(coalesce(a.den, 0) AS DOUBLE) AS denominator,
  CASE WHEN a.den > 0 THEN CAST(a.num AS DOUBLE) / CAST(a.den AS DOUBLE) END AS value, CAST(NULL AS DOUBLE) AS p90`;
      exists = 'a.den > 0';
      break;
    case 'count':
      measures = `CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator,
  CAST(coalesce(a.n, 0) AS DOUBLE) AS value, CAST(NULL AS DOUBLE) AS p90`;
      exists = 'a.n > 0';
      break;
    case 'duration':
      measures = `CAST(NULL AS DOUBLE) AS numerator, CAST(coalesce(a.n, 0) AS DOUBLE) AS denominator,
  a.med AS value, a.p90 AS p90`;
      exists = 'a.n > 0';
      break;
  }
  const where = [`p.grain IN (${grains.length ? grainList(grains) : `'none'`})`, ...periodConditions(opts.filters)];
  // a row whose part does not record a breakdown's field (neglect) is in none of its groups (recorded.ts)
  const recorded = recordedGroupsSql(dims, 'a');
  const rowFilter =
    (opts.overall === false ? `a.dimension IS NOT NULL AND ${exists}` : `(a.dimension IS NULL OR ${exists})`) +
    (recorded ? ` AND ${recorded}` : '');
  // Snapshots: every quarter's E is also a month's E (its last month, or the as-of month), so items
  // are taken at month ends only and a quarter row reads the month whose E it shares.
  const snap = def.attribution === 'snapshot';
  const items = snap
    ? itemsSql(def, { ...ctx, periods: `(SELECT * FROM ${ctx.periods} WHERE grain = 'month')` }, { ...opts, grains: ['month'] })
    : itemsSql(def, ctx, opts);
  const on = snap
    ? `a.grain = 'month' AND a.period = CASE WHEN p.grain = 'quarter' THEN p.e_month ELSE p.period END`
    : 'a.grain = p.grain AND a.period = p.period';
  return `WITH items AS (
${items}
),
agg AS (
  SELECT grain, period, ${dimensionExpr} AS dimension, ${groupExpr} AS grp,
    count(*) AS n, sum(num) AS num, sum(den) AS den,
    ${def.unit === 'duration' ? 'quantile_cont(val, 0.5)' : 'CAST(NULL AS DOUBLE)'} AS med,
    ${def.unit === 'duration' ? 'quantile_cont(val, 0.9)' : 'CAST(NULL AS DOUBLE)'} AS p90
  FROM items
  GROUP BY GROUPING SETS (${sets})
)
SELECT p.grain, p.period, a.dimension, a.grp,
  ${measures},
  ${complete} AS complete, p.partial
FROM ${ctx.periods} p LEFT JOIN agg a ON ${on}
WHERE ${where.join(' AND ')} AND ${rowFilter}`;
}
