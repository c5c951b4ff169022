/**
 * Answer a filtered request from the cube (build.ts): the same options and the same rows as
 * computeMetrics (compute.ts), but summing cube cells instead of reading the items.
 *
 * Dated metrics: the cells matching the filters are summed per month key (and per month key and
 * breakdown group) in SQL, then the metrics layer's own assembler (fused.ts assembleFused) adds
 * months into the reported months and quarters, takes quantile_cont's median and 90th percentile
 * from the merged histograms and applies "Which rows exist". Snapshot and quarter metrics: cells
 * summed per period and group; a quarter's snapshot is its E month's, as in aggregateSql.
 */
import type { Engine } from '../engine/types';
import { GRAINS, labelGrain, periodBounds, type Grain } from '../calendar/periods';
import { breakdownsFor, selectDefs, sortRows, type ComputeResult } from '../metrics/compute';
import { assembleFused } from '../metrics/fused';
import { availableDimensions, filterConditions } from '../metrics/sql-blocks';
import { unrecordedGroup } from '../metrics/recorded';
import type { PeriodRow } from '../metrics/prepare';
import type { Dimension, MetricDef, MetricFilters, MetricRow } from '../metrics/types';
import type { Cube, CubeView, DatedCube, PeriodCube } from './build';

/** computeMetrics' options without the as-of date (a cube is built for one as-of date). */
export interface CubeRequest {
  ids?: string[];
  grains?: Grain[];
  breakdowns?: boolean | string[];
  filters?: MetricFilters;
  includeExtra?: boolean;
}


function validateFilters(filters: MetricFilters | undefined): void {
  for (const k of ['from', 'to'] as const) {
    const v = filters?.[k];
    if (v !== undefined && labelGrain(v) === null) throw new Error(`Filter "${k}" is not a period label: ${v}`);
  }
}

/** The dimensions a request needs of one metric's cube: those it filters by and breaks down by. */
export function neededDimensions(def: MetricDef, hasChildren: boolean, filters: MetricFilters | undefined, bds: readonly string[]): Set<string> {
  const avail = new Set<string>(availableDimensions(def, hasChildren));
  const needed = new Set<string>(bds);
  for (const [k, v] of Object.entries(filters ?? {})) if (avail.has(k) && v !== undefined && v !== null) needed.add(k);
  return needed;
}

/** The smallest view holding every dimension the request filters or breaks down by (views are sorted by cells). */
export function coveringView(views: readonly CubeView[], needed: ReadonlySet<string>): CubeView | undefined {
  return views.find((v) => [...needed].every((d) => (v.dims as string[]).includes(d)));
}

function pickView(views: readonly CubeView[], def: MetricDef, hasChildren: boolean, filters: MetricFilters | undefined, bds: readonly string[]): CubeView {
  const view = coveringView(views, neededDimensions(def, hasChildren, filters, bds));
  if (!view) throw new Error(`${def.id}: no view of the cube holds the dimensions asked for (see cubeCovers)`);
  return view;
}

function groupingSql(key: string, dims: readonly string[], extra = ''): { sets: string; dimension: string; grp: string } {
  const x = extra ? `, ${extra}` : '';
  return {
    sets: [`(${key}${x})`, ...dims.map((d) => `(${key}, ${d}${x})`)].join(', '),
    dimension: dims.length ? `CASE ${dims.map((d) => `WHEN GROUPING(${d}) = 0 THEN '${d}'`).join(' ')} END` : 'CAST(NULL AS VARCHAR)',
    grp: dims.length ? `CAST(coalesce(${dims.join(', ')}) AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'
  };
}

/** Requested metrics of one dated cube sharing the same filter conditions. */
async function answerDated(
  engine: Engine,
  cube: Cube,
  dc: DatedCube,
  picks: { def: MetricDef; index: number }[],
  grains: Grain[],
  filters: MetricFilters | undefined,
  breakdowns: Map<string, Dimension[]>
): Promise<MetricRow[]> {
  const conds = filterConditions(picks[0]!.def, cube.hasChildren, filters);
  const where = conds.length ? `\nWHERE ${conds.join(' AND ')}` : '';
  const dims = [...new Set(picks.flatMap((p) => breakdowns.get(p.def.id) ?? []))];
  const view = pickView(dc.views, picks[0]!.def, cube.hasChildren, filters, dims);
  const g = groupingSql('mi', dims);
  const sums = picks.flatMap((p, j) => [`CAST(sum(c_${p.index}) AS DOUBLE) AS c_${j}`, `CAST(sum(m_${p.index}) AS DOUBLE) AS m_${j}`]);
  const counts = await engine.query(
    `SELECT mi, ${g.dimension} AS dimension, ${g.grp} AS grp, ${sums.join(', ')}
FROM ${view.table}${where}
GROUP BY GROUPING SETS (${g.sets})`
  );
  const hists = new Map<number, Record<string, unknown>[]>();
  for (const [j, p] of picks.entries()) {
    const table = view.histograms.get(p.index);
    if (!table) continue;
    const h = groupingSql('mi', breakdowns.get(p.def.id) ?? [], 'v');
    hists.set(
      j,
      await engine.query(
        `SELECT mi, ${h.dimension} AS dimension, ${h.grp} AS grp, v, CAST(sum(c) AS DOUBLE) AS c
FROM ${table}${where}
GROUP BY GROUPING SETS (${h.sets})`
      )
    );
  }
  return assembleFused(
    picks.map((p) => p.def),
    counts,
    hists,
    cube.periods,
    { grains, hasChildren: cube.hasChildren, filters, breakdowns }
  );
}

function inRange(p: PeriodRow, filters: MetricFilters | undefined): boolean {
  if (filters?.from && p.p_start < periodBounds(filters.from).start) return false;
  if (filters?.to && p.p_end > periodBounds(filters.to).end) return false;
  return true;
}

async function answerPeriod(
  engine: Engine,
  cube: Cube,
  pc: PeriodCube,
  grains: Grain[],
  filters: MetricFilters | undefined,
  bds: Dimension[]
): Promise<MetricRow[]> {
  const def = pc.def;
  const conds = filterConditions(def, cube.hasChildren, filters);
  const g = groupingSql('period', bds);
  const view = pickView(pc.views, def, cube.hasChildren, filters, bds);
  const cells = await engine.query<{ period: string; dimension: string | null; grp: string | null; n: number; num: number; den: number }>(
    `SELECT period, ${g.dimension} AS dimension, ${g.grp} AS grp, CAST(sum(n) AS DOUBLE) AS n, CAST(sum(num) AS DOUBLE) AS num, CAST(sum(den) AS DOUBLE) AS den
FROM ${view.table}${conds.length ? `\nWHERE ${conds.join(' AND ')}` : ''}
GROUP BY GROUPING SETS (${g.sets})`
  );
  const byPeriod = new Map<string, typeof cells>();
  for (const c of cells) {
    const list = byPeriod.get(c.period) ?? [];
    list.push(c);
    byPeriod.set(c.period, list);
  }
  const out: MetricRow[] = [];
  const wanted = def.grains.filter((gr) => grains.includes(gr));
  for (const p of cube.periods) {
    if (!wanted.includes(p.grain) || !inRange(p, filters)) continue;
    // Snapshot cubes hold month ends: a quarter reads the month whose E it shares.
    const key = pc.grain === 'month' ? (p.grain === 'quarter' ? p.e_month : p.period) : p.period;
    if (pc.grain === 'quarter' && p.grain !== 'quarter') continue;
    const here = byPeriod.get(key) ?? [];
    const overall = here.find((c) => c.dimension === null);
    const row = (dimension: string | null, group: string | null, c: (typeof cells)[number] | undefined): MetricRow => {
      const n = Number(c?.n ?? 0);
      const num = Number(c?.num ?? 0);
      const den = Number(c?.den ?? 0);
      const base = { metric: def.id, grain: p.grain, period: p.period, dimension, group, p90: null };
      const flags = { complete: def.completeness ? p[def.completeness] : true, partial: p.partial };
      if (def.unit === 'rate') return { ...base, numerator: num, denominator: den, value: den > 0 ? num / den : null, ...flags };
      if (def.unit === 'count') return { ...base, numerator: null, denominator: null, value: n, ...flags };
      throw new Error(`${def.id}: a duration snapshot has no cube`);
    };
    out.push(row(null, null, overall));
    for (const c of here) {
      if (c.dimension === null) continue;
      // rows whose part does not record the breakdown's field (neglect) form no group (metrics/recorded.ts)
      if (unrecordedGroup(c.dimension, c.grp)) continue;
      const exists = def.unit === 'rate' ? Number(c.den) > 0 : Number(c.n) > 0;
      if (exists) out.push(row(c.dimension, c.grp, c));
    }
  }
  return out;
}

/** Same rows as computeMetrics(engine, {asOf: cube.asOf, ...req}), from the cube. */
export async function answerFromCube(engine: Engine, cube: Cube, req: CubeRequest = {}): Promise<ComputeResult> {
  validateFilters(req.filters);
  const defs = selectDefs(req);
  if (cube.asOf === null) return { as_of: null as unknown as string, metrics: [] };
  const grains = req.grains ?? [...GRAINS];
  const breakdowns = new Map<string, Dimension[]>();
  const datedGroups = new Map<string, { dc: DatedCube; picks: { def: MetricDef; index: number }[] }>();
  const rows: MetricRow[] = [];
  for (const def of defs) {
    const at = cube.byMetric.get(def.id);
    if (!at) continue; // its tables are not in the extract: no rows, as computeMetrics
    breakdowns.set(def.id, breakdownsFor(def, cube.hasChildren, req.breakdowns));
    if (at.cube.kind === 'period') {
      rows.push(...(await answerPeriod(engine, cube, at.cube, grains, req.filters, breakdowns.get(def.id)!)));
      continue;
    }
    const key = at.cube.table + '|' + filterConditions(def, cube.hasChildren, req.filters).join(' AND ');
    const g = datedGroups.get(key) ?? { dc: at.cube, picks: [] };
    g.picks.push({ def, index: (at as { index: number }).index });
    datedGroups.set(key, g);
  }
  for (const g of datedGroups.values()) {
    rows.push(...(await answerDated(engine, cube, g.dc, g.picks, grains, req.filters, breakdowns)));
  }
  return { as_of: cube.asOf, metrics: sortRows(rows) };
}
