/**
 * One pass for several dated metrics on the same base. Each item gets every metric's flags (worked
 * out on all the data) and its month key mi = year * 12 + month - 1; one GROUPING SETS aggregate
 * counts them per month (and per month and group); durations are counted as histograms of their
 * whole working-day values. TypeScript then adds months up into the reported months and quarters
 * (counts and histograms are additive; a quarter is exactly its three months), takes the medians and
 * 90th percentiles from the histograms with quantile_cont's formula, and emits the rows exactly as
 * "Which rows exist" says (same rules as aggregateSql, checked by a parity test).
 */
import { baseSql } from './bases';
import { availableDimensions, childDimensionSql, filterConditions, isChildDimension } from './sql-blocks';
import type { PeriodRow } from './prepare';
import type { Dimension, Grain, ItemsContext, MetricDef, MetricFilters, MetricRow } from './types';
import { periodBounds, quarterLabel } from '../calendar/periods';
import { unrecordedGroup } from './recorded';

export interface FusedOptions {
  grains: readonly Grain[];
  hasChildren: boolean;
  filters?: MetricFilters;
  /** Breakdown dimensions per metric id. */
  breakdowns: ReadonlyMap<string, readonly Dimension[]>;
}

export const FUSED_ITEMS_TABLE = '_nm_fused_items';

export interface FusedQueries {
  /** Materialises the items once (both queries below read them). */
  items: string;
  /** Per (mi[, dimension, grp]): c_i (items) and m_i (numerator items) for each metric i. */
  counts: string;
  /** Per duration metric index i: per (mi[, dimension, grp], v): c (items with that value). */
  histograms: Map<number, string>;
}

function groupedBy(dims: readonly string[], extra: string): { sets: string; dimension: string; grp: string } {
  const x = extra ? `, ${extra}` : '';
  return {
    sets: [`(mi${x})`, ...dims.map((d) => `(mi, ${d}${x})`)].join(', '),
    dimension: dims.length ? `CASE ${dims.map((d) => `WHEN GROUPING(${d}) = 0 THEN '${d}'`).join(' ')} END` : 'CAST(NULL AS VARCHAR)',
    grp: dims.length ? `CAST(coalesce(${dims.join(', ')}) AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'
  };
}

export function fusedSql(defs: readonly MetricDef[], ctx: ItemsContext, opts: FusedOptions): FusedQueries {
  const first = defs[0]!;
  const base = first.dated!.base;
  const avail = new Set<Dimension>(defs.flatMap((d) => availableDimensions(d, opts.hasChildren)));
  const dims = [...new Set(defs.flatMap((d) => [...(opts.breakdowns.get(d.id) ?? [])]))];
  // Columns needed: every breakdown dimension plus every dimension a filter tests.
  const filterDims = Object.keys(opts.filters ?? {}).filter((k) => avail.has(k as Dimension)) as Dimension[];
  const needed = [...new Set([...dims, ...filterDims])];
  const cols = needed.map((d) => (isChildDimension(d) ? `${childDimensionSql(d, 'ch', 's.d')} AS ${d}` : `s.${d}`));
  const join = needed.some(isChildDimension) ? `\n  LEFT JOIN children ch ON ch.child_id = s.child_id` : '';
  const flags: string[] = [];
  defs.forEach((d, i) => {
    const s = d.dated!;
    flags.push(`${s.where ? `coalesce(${s.where}, FALSE)` : 'TRUE'} AS w_${i}`);
    if (s.num) flags.push(`coalesce(${s.num}, FALSE) AS n_${i}`);
    if (s.val) flags.push(`CAST(${s.val} AS INTEGER) AS v_${i}`);
  });
  const where = ['s.d IS NOT NULL'];
  if (defs.every((d) => d.dated!.where)) where.push(`(${defs.map((d) => `(${d.dated!.where})`).join(' OR ')})`);
  const filt = filterConditions(first, opts.hasChildren, opts.filters);
  const items = `CREATE OR REPLACE TEMP TABLE ${FUSED_ITEMS_TABLE} AS
WITH s AS (
  ${baseSql(base, ctx)}
)
  SELECT * FROM (
    SELECT year(s.d) * 12 + month(s.d) - 1 AS mi${cols.map((c) => ',\n      ' + c).join('')},
      ${flags.join(',\n      ')}
    FROM s${join}
    WHERE ${where.join(' AND ')}
  ) i${filt.length ? `\n  WHERE ${filt.join(' AND ')}` : ''}`;
  const aggs: string[] = [];
  defs.forEach((d, i) => {
    aggs.push(`count(*) FILTER (WHERE w_${i}) AS c_${i}`);
    if (d.dated!.num) aggs.push(`count(*) FILTER (WHERE w_${i} AND n_${i}) AS m_${i}`);
  });
  const g = groupedBy(dims, '');
  const counts = `SELECT mi, ${g.dimension} AS dimension, ${g.grp} AS grp,
  ${aggs.join(',\n  ')}
FROM ${FUSED_ITEMS_TABLE}
GROUP BY GROUPING SETS (${g.sets})`;
  const histograms = new Map<number, string>();
  defs.forEach((d, i) => {
    if (!d.dated!.val) return;
    const bd = [...(opts.breakdowns.get(d.id) ?? [])];
    const h = groupedBy(bd, `v_${i}`);
    histograms.set(
      i,
      `SELECT mi, ${h.dimension} AS dimension, ${h.grp} AS grp, v_${i} AS v, count(*) AS c
FROM ${FUSED_ITEMS_TABLE}
WHERE w_${i} AND v_${i} IS NOT NULL
GROUP BY GROUPING SETS (${h.sets})`
    );
  });
  return { items, counts, histograms };
}

function inRange(p: PeriodRow, filters: MetricFilters | undefined): boolean {
  if (filters?.from && p.p_start < periodBounds(filters.from).start) return false;
  if (filters?.to && p.p_end > periodBounds(filters.to).end) return false;
  return true;
}

function monthOfKey(mi: number): string {
  return `${Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}`;
}

/** quantile_cont of a histogram (value -> count): x[lo] + (x[hi] - x[lo]) * (h - lo), h = (n - 1) q, lo = floor(h). */
export function histogramQuantile(hist: ReadonlyMap<number, number>, q: number): number | null {
  const entries = [...hist.entries()].sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((s, e) => s + e[1], 0);
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const at = (idx: number): number => {
    let seen = 0;
    for (const [v, c] of entries) {
      seen += c;
      if (idx < seen) return v;
    }
    return entries[entries.length - 1]![0];
  };
  const xlo = at(lo);
  if (hi === lo) return xlo;
  const d = h - lo;
  // Written as DuckDB 1.4 interpolates (lo * (1 - d) + hi * d), so the last bits agree too.
  return xlo * (1 - d) + at(hi) * d;
}

interface Acc {
  c: number[];
  m: number[];
  hist: Map<number, Map<number, number>>;
}

/** Metric rows from the fused results, following "Which rows exist". */
export function assembleFused(
  defs: readonly MetricDef[],
  counts: Record<string, unknown>[],
  histograms: ReadonlyMap<number, Record<string, unknown>[]>,
  periods: readonly PeriodRow[],
  opts: FusedOptions
): MetricRow[] {
  const periodByKey = new Map(periods.map((p) => [`${p.grain}|${p.period}`, p]));
  const acc = new Map<string, Acc>();
  const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
  /** The reported periods (of the requested grains) a month key falls into. */
  const targets = (mi: number): PeriodRow[] => {
    const month = monthOfKey(mi);
    const out: PeriodRow[] = [];
    if (opts.grains.includes('month')) {
      const p = periodByKey.get(`month|${month}`);
      if (p) out.push(p);
    }
    if (opts.grains.includes('quarter')) {
      const p = periodByKey.get(`quarter|${quarterLabel(month + '-01')}`);
      if (p) out.push(p);
    }
    return out;
  };
  const get = (p: PeriodRow, dim: unknown, grp: unknown): Acc => {
    const key = `${p.grain}|${p.period}|${dim === null ? '' : String(dim)}|${grp === null ? '' : String(grp)}`;
    let a = acc.get(key);
    if (!a) {
      a = { c: defs.map(() => 0), m: defs.map(() => 0), hist: new Map() };
      acc.set(key, a);
    }
    return a;
  };
  for (const r of counts) {
    // rows whose part does not record a breakdown's field (neglect) form no group (recorded.ts)
    if (unrecordedGroup(r.dimension, r.grp)) continue;
    for (const p of targets(num(r.mi))) {
      const a = get(p, r.dimension, r.grp);
      defs.forEach((_, i) => {
        a.c[i]! += num(r[`c_${i}`]);
        a.m[i]! += num(r[`m_${i}`]);
      });
    }
  }
  for (const [i, rows] of histograms) {
    for (const r of rows) {
      if (unrecordedGroup(r.dimension, r.grp)) continue;
      for (const p of targets(num(r.mi))) {
        const a = get(p, r.dimension, r.grp);
        let h = a.hist.get(i);
        if (!h) a.hist.set(i, (h = new Map()));
        const v = num(r.v);
        h.set(v, (h.get(v) ?? 0) + num(r.c));
      }
    }
  }
  const out: MetricRow[] = [];
  const make = (def: MetricDef, i: number, p: PeriodRow, dim: string | null, grp: string | null, a: Acc | undefined): MetricRow => {
    const c = a?.c[i] ?? 0;
    let numerator: number | null = null;
    let denominator: number | null = null;
    let value: number | null = null;
    let p90: number | null = null;
    if (def.unit === 'rate') {
      numerator = a?.m[i] ?? 0;
      denominator = c;
      value = c > 0 ? numerator / denominator : null;
    } else if (def.unit === 'count') {
      value = c;
    } else {
      denominator = c;
      const h = a?.hist.get(i);
      value = c > 0 && h ? histogramQuantile(h, 0.5) : null;
      p90 = c > 0 && h ? histogramQuantile(h, 0.9) : null;
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
      out.push(make(def, i, p, null, null, acc.get(`${p.grain}|${p.period}||`)));
    }
    for (const [key, a] of acc) {
      const [grain, period, dim, ...rest] = key.split('|');
      if (!dim || !bds.has(dim) || a.c[i]! <= 0) continue;
      const p = periodByKey.get(`${grain}|${period}`)!;
      if (!grains.includes(p.grain) || !inRange(p, opts.filters)) continue;
      out.push(make(def, i, p, dim, rest.join('|'), a));
    }
  });
  return out;
}
