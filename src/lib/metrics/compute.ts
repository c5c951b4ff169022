/**
 * Compute metric rows from the typed tables through the Engine interface (browser and Node alike).
 */
import type { Engine } from '../engine/types';
import { lit } from '../engine/types';
import { GRAINS, labelGrain, type Grain } from '../calendar/periods';
import { METRICS, metricById } from './registry';
import { CTX, prepare, type Prepared } from './prepare';
import { aggregateSql, availableDimensions, filterConditions, itemsSql } from './sql-blocks';
import { assembleFused, fusedSql, FUSED_ITEMS_TABLE } from './fused';
import { recordedDefs } from './recorded';
import type { Dimension, MetricDef, MetricFilters, MetricRow } from './types';

export type { MetricRow, MetricFilters } from './types';
export { AsOfError } from './prepare';

export interface ComputeOptions {
  asOf?: string;
  ids?: string[];
  grains?: Grain[];
  breakdowns?: boolean | string[];
  filters?: MetricFilters;
  /** Include dashboard-only metrics (`extra: true`); they are included anyway when named in `ids`. */
  includeExtra?: boolean;
  /** Share one pass among dated metrics on the same table (default true; false = one query each). */
  fuse?: boolean;
}

export interface ComputeResult {
  /** null only when the extract holds no referral dates at all. */
  as_of: string;
  metrics: MetricRow[];
}

/** Compare strings by Unicode code point. */
export function codePointCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The measures a request names (or all, with the extras when asked). Shared with the cube. */
export function selectDefs(opts: Pick<ComputeOptions, 'ids' | 'includeExtra'>): MetricDef[] {
  if (opts.ids) {
    const want = new Set(opts.ids);
    for (const id of want) if (!metricById(id)) throw new Error(`Unknown metric id: ${id}`);
    return METRICS.filter((m) => want.has(m.id));
  }
  return METRICS.filter((m) => !m.extra || opts.includeExtra);
}

/** The dimensions a request breaks a measure down by. Shared with the cube. */
export function breakdownsFor(def: MetricDef, hasChildren: boolean, b: boolean | string[] | undefined): Dimension[] {
  const avail = availableDimensions(def, hasChildren);
  if (b === undefined || b === true) return avail;
  if (b === false) return [];
  const want = new Set(b);
  return avail.filter((d) => want.has(d));
}

function hasAllTables(def: MetricDef, prep: Prepared): boolean {
  return def.tables.every((t) => prep.present.has(t));
}

const GRAIN_ORDER: Record<Grain, number> = { quarter: 0, month: 1 };

function validateFilters(filters: MetricFilters | undefined): void {
  for (const k of ['from', 'to'] as const) {
    const v = filters?.[k];
    if (v !== undefined && labelGrain(v) === null) throw new Error(`Filter "${k}" is not a period label: ${v}`);
  }
}

function toRow(metric: string, r: Record<string, unknown>): MetricRow {
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    metric,
    grain: r.grain as Grain,
    period: String(r.period),
    dimension: (r.dimension as string | null) ?? null,
    group: (r.grp as string | null) ?? null,
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    value: num(r.value),
    p90: num(r.p90),
    complete: Boolean(r.complete),
    partial: Boolean(r.partial)
  };
}

/** Deterministic order: registry order, grain, period, overall row first, then dimension, group. */
export function sortRows(rows: MetricRow[]): MetricRow[] {
  const order = new Map(METRICS.map((m, i) => [m.id, i]));
  return rows.sort(
    (a, b) =>
      (order.get(a.metric) ?? 999) - (order.get(b.metric) ?? 999) ||
      GRAIN_ORDER[a.grain] - GRAIN_ORDER[b.grain] ||
      codePointCompare(a.period, b.period) ||
      (a.dimension === null ? 0 : 1) - (b.dimension === null ? 0 : 1) ||
      codePointCompare(a.dimension ?? '', b.dimension ?? '') ||
      codePointCompare(a.group ?? '', b.group ?? '')
  );
}

/**
 * Computations on one engine run one after another: they share the prepared relations and the
 * fused items table, so two overlapping calls (several charts at once, or different as-of dates)
 * must not interleave.
 */
const queues = new WeakMap<Engine, Promise<unknown>>();
function serial<T>(engine: Engine, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(engine) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  queues.set(engine, run.catch(() => undefined));
  return run;
}

export function computeMetrics(engine: Engine, opts: ComputeOptions = {}): Promise<ComputeResult> {
  return serial(engine, () => computeNow(engine, opts));
}

async function computeNow(engine: Engine, opts: ComputeOptions): Promise<ComputeResult> {
  validateFilters(opts.filters);
  const selected = selectDefs(opts);
  // only the prepared relations these measures read (the first page after a load waits for no other)
  const prep = await prepare(engine, opts.asOf, [...new Set(selected.flatMap((d) => d.tables))]);
  // a measure reads only rows whose file records its fields (recorded.ts)
  const defs = recordedDefs(selected, prep.unrecorded);
  if (prep.asOf === null) return { as_of: null as unknown as string, metrics: [] };
  const hasChildren = prep.present.has('children');
  const grains = opts.grains ?? [...GRAINS];
  const rows: MetricRow[] = [];
  const breakdowns = new Map<string, Dimension[]>();
  // Dated metrics on the same base (and with the same applicable filters) share one pass.
  const fusedGroups = new Map<string, MetricDef[]>();
  for (const def of defs) {
    if (!hasAllTables(def, prep)) continue;
    breakdowns.set(def.id, breakdownsFor(def, hasChildren, opts.breakdowns));
    if (def.dated && def.attribution === 'dated' && opts.fuse !== false) {
      const key = def.dated.base + '|' + filterConditions(def, hasChildren, opts.filters).join(' AND ');
      const g = fusedGroups.get(key) ?? [];
      g.push(def);
      fusedGroups.set(key, g);
      continue;
    }
    const sql = aggregateSql(def, CTX, {
      grains,
      hasChildren,
      filters: opts.filters,
      breakdowns: breakdowns.get(def.id)!
    });
    const res = await engine.query(sql);
    for (const r of res) rows.push(toRow(def.id, r));
  }
  for (const group of fusedGroups.values()) {
    const fopts = { grains, hasChildren, filters: opts.filters, breakdowns };
    const q = fusedSql(group, CTX, fopts);
    await engine.exec(q.items);
    const counts = await engine.query(q.counts);
    const hists = new Map<number, Record<string, unknown>[]>();
    for (const [i, sql] of q.histograms) hists.set(i, await engine.query(sql));
    await engine.exec(`DROP TABLE IF EXISTS ${FUSED_ITEMS_TABLE}`);
    rows.push(...assembleFused(group, counts, hists, prep.periods, fopts));
  }
  return { as_of: prep.asOf, metrics: sortRows(rows) };
}

/**
 * Readable SQL of one metric at one grain, for one breakdown dimension (or the overall rows when
 * null). It reads the prepared relations (_nm_ref, _nm_periods, ...) that computeMetrics builds
 * for the as-of date.
 */
export function metricSql(
  id: string,
  opts: { grain: Grain; dimension: string | null; filters?: MetricFilters; asOf?: string; hasChildren?: boolean }
): string {
  const def = metricById(id);
  if (!def) throw new Error(`Unknown metric id: ${id}`);
  const hasChildren = opts.hasChildren ?? true;
  const breakdowns = opts.dimension ? breakdownsFor(def, hasChildren, [opts.dimension]) : [];
  const sql = aggregateSql(def, CTX, {
    grains: [opts.grain],
    hasChildren,
    filters: opts.filters,
    breakdowns,
    overall: opts.dimension === null
  });
  const head = [
    `-- ${def.id}: ${def.title}`,
    `-- ${def.definition}`,
    `-- grain: ${opts.grain}; ${opts.dimension ? `breakdown by ${opts.dimension}` : 'overall'}` +
      (opts.asOf ? `; as of ${opts.asOf}` : '')
  ];
  return head.join('\n') + '\n' + sql;
}

/** Which point `metricItems` lists the ids of. */
export interface PointOptions {
  grain: Grain;
  period: string;
  dimension?: string | null;
  group?: string | null;
  filters?: MetricFilters;
  asOf?: string;
}

/** Audit trail: the ids counted in one point's numerator and denominator (sorted by code point). */
export function metricItems(
  engine: Engine,
  id: string,
  opts: PointOptions
): Promise<{ numeratorIds: string[]; denominatorIds: string[] }> {
  return serial(engine, () => itemsNow(engine, id, opts));
}

async function itemsNow(
  engine: Engine,
  id: string,
  opts: PointOptions
): Promise<{ numeratorIds: string[]; denominatorIds: string[] }> {
  const registered = metricById(id);
  if (!registered) throw new Error(`Unknown metric id: ${id}`);
  validateFilters(opts.filters);
  const prep = await prepare(engine, opts.asOf, registered.tables);
  const def = recordedDefs([registered], prep.unrecorded)[0]!;
  if (prep.asOf === null || !hasAllTables(def, prep)) return { numeratorIds: [], denominatorIds: [] };
  const hasChildren = prep.present.has('children');
  const items = itemsSql(def, CTX, { grains: [opts.grain], hasChildren, filters: opts.filters });
  const conds = [`period = ${lit(opts.period)}`];
  if (opts.dimension) {
    if (!availableDimensions(def, hasChildren).includes(opts.dimension as Dimension))
      return { numeratorIds: [], denominatorIds: [] };
    conds.push(`${opts.dimension} = ${lit(opts.group ?? '')}`);
  }
  const rows = await engine.query<{ item_id: string; num: number; den: number }>(
    `SELECT item_id, CAST(num AS DOUBLE) AS num, CAST(den AS DOUBLE) AS den FROM (\n${items}\n) x WHERE ${conds.join(' AND ')}`
  );
  const sortIds = (ids: string[]): string[] => [...new Set(ids)].sort(codePointCompare);
  const isRate = def.unit === 'rate';
  return {
    numeratorIds: isRate ? sortIds(rows.filter((r) => r.num > 0).map((r) => r.item_id)) : [],
    denominatorIds: sortIds(rows.filter((r) => r.den > 0 || !isRate).map((r) => r.item_id))
  };
}
