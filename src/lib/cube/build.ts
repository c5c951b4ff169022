/**
 * Build the filter cube of one extract: every measure's numerator and denominator items
 * pre-aggregated by period and by every dimension it can be filtered or broken down by, so that a
 * filter change is answered by summing cells instead of re-reading the items.
 *
 * Nothing here states a metric. Dated metrics (one attributing date per item) go through the fused
 * pass of the metrics layer (fused.ts: the same base, WHERE, numerator and value strings the
 * registry defines once): its items table, built without filters and with every dimension, is
 * grouped by month key and every dimension into `_nm_cube_<base>` (c_i = items of metric i, m_i =
 * numerator items) and, for durations, into a histogram `_nm_cubeh_<base>_<i>` (value -> count;
 * durations are whole working days, so quantiles of the merged histogram are exact). Snapshot and
 * quarter metrics read their own items SQL (sql-blocks.ts itemsSql, the same the direct path reads)
 * grouped by period and every dimension into `_nm_cube_m_<id>` (n, num, den).
 *
 * Tables are TEMP: they never change the prepared-relations fingerprint (prepare.ts), and they go
 * when the database or the engine is reset.
 */
import type { Engine } from '../engine/types';
import { METRICS } from '../metrics/registry';
import { CTX, prepare, type PeriodRow } from '../metrics/prepare';
import { availableDimensions, itemsSql } from '../metrics/sql-blocks';
import { fusedSql, FUSED_ITEMS_TABLE } from '../metrics/fused';
import { recordedDefs } from '../metrics/recorded';
import type { BaseName } from '../metrics/bases';
import type { Dimension, MetricDef, TableName } from '../metrics/types';

/**
 * One stored aggregate of a cube: the full table (every dimension) or a roll-up of it over fewer
 * dimensions (fewer cells, so faster to sum). A request is answered from the smallest one holding
 * every dimension it filters or breaks down by.
 */
export interface CubeView {
  table: string;
  dims: Dimension[];
  cells: number;
  /** Dated cubes: duration histograms of this view, metric index -> table. */
  histograms: Map<number, string>;
}

/**
 * The dimensions the pages filter by: roll-ups keep them all, plus one breakdown dimension each,
 * so a page's question (its filters and one breakdown) reads a roll-up. Any other filter still
 * reads the full table.
 */
export const PAGE_FILTER_DIMENSIONS: readonly Dimension[] = ['locality', 'agency', 'neglect'];

/** One base's cube of dated metrics. */
export interface DatedCube {
  kind: 'dated';
  base: BaseName;
  /** The full table (its name also names the cube; gone when built without `full`: read `views`). */
  table: string;
  /** The metrics counted in this cube, column i = c_i / m_i. */
  defs: MetricDef[];
  /** Dimension columns of the cube (union of the metrics' available dimensions). */
  dims: Dimension[];
  /** Duration histograms: metric index -> table (columns mi, dims..., v, c). */
  histograms: Map<number, string>;
  /** The full table and its roll-ups, fewest cells first. */
  views: CubeView[];
}

/** One snapshot or quarter metric's cube (columns period, dims..., n, num, den). */
export interface PeriodCube {
  kind: 'period';
  def: MetricDef;
  /** The full table (its name also names the cube; gone when built without `full`: read `views`). */
  table: string;
  dims: Dimension[];
  /** The grain of the cube's `period` column: month for snapshots, quarter for quarter metrics. */
  grain: 'month' | 'quarter';
  /** The full table and its roll-ups, fewest cells first. */
  views: CubeView[];
}

export interface Cube {
  /** null only when the extract holds no referral dates at all (no rows are ever answered). */
  asOf: string | null;
  present: Set<TableName>;
  hasChildren: boolean;
  periods: PeriodRow[];
  /** Which cube answers a metric id (metrics whose tables are missing have none). */
  byMetric: Map<string, { cube: DatedCube; index: number } | { cube: PeriodCube }>;
  tables: string[];
  /** Cells per cube table, for the record (bench, memory). */
  cells: Map<string, number>;
}

const CUBE_ITEMS_TABLE = '_nm_cube_items';

/**
 * Runs one step of a build (a statement or two, each well under a second at 1M referrals). The
 * default runs it at once; the page's session passes one that queues each step behind the pages'
 * own queries, so that a build never holds a question back for longer than one step.
 */
export type CubeStep = <T>(run: () => Promise<T>) => Promise<T>;

const atOnce: CubeStep = (run) => run();

export interface BuildOptions {
  step?: CubeStep;
  /**
   * Keep each cube's full table (every dimension at once: nearly as many cells as items at 1M
   * referrals). Default true. Without it (the page's session) the cube keeps only the roll-ups,
   * which hold what the pages ask (the page filters and one breakdown); any other request is not
   * covered (attached.ts cubeCovers) and goes to the direct SQL.
   */
  full?: boolean;
}

/** Roll-ups of a cube table: the page filter dimensions alone and with each other dimension. */
async function rollUps(
  engine: Engine,
  full: { table: string; dims: Dimension[]; histograms: Map<number, string> },
  key: string,
  sums: string[],
  tables: string[],
  step: CubeStep,
  keepFull: boolean
): Promise<CubeView[]> {
  const count = async (t: string): Promise<number> =>
    Number((await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))[0]?.n ?? 0);
  const views: CubeView[] = [{ ...full, cells: await step(() => count(full.table)) }];
  const base = full.dims.filter((d) => PAGE_FILTER_DIMENSIONS.includes(d));
  const sets: Dimension[][] = [base, ...full.dims.filter((d) => !base.includes(d)).map((d) => [...base, d])];
  for (const [k, dims] of sets.entries()) {
    if (dims.length >= full.dims.length) continue;
    const keys = [key, ...dims].join(', ');
    const table = `${full.table}_r${k}`;
    const cells = await step(async () => {
      await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${keys}, ${sums.join(', ')} FROM ${full.table} GROUP BY ${keys}`);
      return count(table);
    });
    tables.push(table);
    const histograms = new Map<number, string>();
    for (const [i, h] of full.histograms) {
      const ht = `${table}h_${i}`;
      await step(() => engine.exec(`CREATE OR REPLACE TEMP TABLE ${ht} AS SELECT ${keys}, v, sum(c) AS c FROM ${h} GROUP BY ${keys}, v`));
      tables.push(ht);
      histograms.set(i, ht);
    }
    views.push({ table, dims, cells, histograms });
  }
  // The full table goes when the roll-ups hold every page question without it (each is smaller).
  if (!keepFull && sets.every((dims) => dims.length < full.dims.length)) {
    const gone = [full.table, ...full.histograms.values()];
    await step(async () => {
      for (const t of gone) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
    });
    tables.splice(0, tables.length, ...tables.filter((t) => !gone.includes(t)));
    views.splice(0, 1);
  }
  return views.sort((a, b) => a.cells - b.cells);
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_');

function usable(def: MetricDef, present: Set<TableName>): boolean {
  return def.tables.every((t) => present.has(t));
}

/**
 * Build the cube for the extract loaded on `engine` at `asOf` (default: the latest event date).
 * It reads the prepared relations (`_nm_*`) of that as-of date: a computeMetrics at another as-of
 * date must not run meanwhile (one at the default date may: it reuses the same relations).
 */
export async function buildCube(engine: Engine, asOf?: string, opts: BuildOptions = {}): Promise<Cube> {
  const step = opts.step ?? atOnce;
  const keepFull = opts.full ?? true;
  const prep = await step(() => prepare(engine, asOf));
  // Steps reading the prepared relations make sure first that they are still this as-of date's
  // (a question at another date may have run between two steps): the same data or no cube.
  const prepared = async (): Promise<void> => {
    const again = await prepare(engine, asOf);
    if (again.asOf !== prep.asOf || again.periods.length !== prep.periods.length) throw new Error('the extract changed while its cube was being built');
  };
  const hasChildren = prep.present.has('children');
  const cube: Cube = {
    asOf: prep.asOf,
    present: prep.present,
    hasChildren,
    periods: prep.periods,
    byMetric: new Map(),
    tables: [],
    cells: new Map()
  };
  if (prep.asOf === null) return cube;
  // a measure reads only rows whose file records its fields (metrics/recorded.ts)
  const defs = recordedDefs(METRICS.filter((d) => usable(d, prep.present)), prep.unrecorded);

  // Dated metrics, one cube per base.
  const byBase = new Map<BaseName, MetricDef[]>();
  for (const d of defs) {
    if (d.attribution !== 'dated' || !d.dated) continue;
    const g = byBase.get(d.dated.base) ?? [];
    g.push(d);
    byBase.set(d.dated.base, g);
  }
  for (const [base, group] of byBase) {
    const dims = [...new Set(group.flatMap((d) => availableDimensions(d, hasChildren)))];
    const breakdowns = new Map(group.map((d) => [d.id, availableDimensions(d, hasChildren)]));
    const q = fusedSql(group, CTX, { grains: ['quarter', 'month'], hasChildren, breakdowns });
    // Its own items table, so that a computeMetrics running meanwhile (it uses the fused table) is
    // never disturbed.
    const table = `_nm_cube_${base}`;
    const keys = ['mi', ...dims].join(', ');
    const aggs = group.flatMap((d, i) => [
      `count(*) FILTER (WHERE w_${i}) AS c_${i}`,
      ...(d.dated!.num ? [`count(*) FILTER (WHERE w_${i} AND n_${i}) AS m_${i}`] : [`CAST(0 AS BIGINT) AS m_${i}`])
    ]);
    // One step per statement. The items table outlives a step: a question between two steps never
    // touches it (its own fused pass uses another table), and a load replaces the whole engine.
    await step(async () => {
      await prepared();
      await engine.exec(q.items.replace(FUSED_ITEMS_TABLE, CUBE_ITEMS_TABLE));
    });
    await step(() =>
      engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${keys}, ${aggs.join(', ')} FROM ${CUBE_ITEMS_TABLE} GROUP BY ${keys}`)
    );
    for (const i of q.histograms.keys()) {
      await step(() =>
        engine.exec(
          `CREATE OR REPLACE TEMP TABLE ${table}h_${i} AS SELECT ${keys}, v_${i} AS v, count(*) AS c FROM ${CUBE_ITEMS_TABLE}
WHERE w_${i} AND v_${i} IS NOT NULL GROUP BY ${keys}, v_${i}`
        )
      );
    }
    await step(() => engine.exec(`DROP TABLE IF EXISTS ${CUBE_ITEMS_TABLE}`));
    const histograms = new Map<number, string>();
    for (const i of q.histograms.keys()) {
      histograms.set(i, `${table}h_${i}`);
      cube.tables.push(`${table}h_${i}`);
    }
    cube.tables.push(table);
    const sums = group.flatMap((_, i) => [`sum(c_${i}) AS c_${i}`, `sum(m_${i}) AS m_${i}`]);
    const views = await rollUps(engine, { table, dims, histograms }, 'mi', sums, cube.tables, step, keepFull);
    const dc: DatedCube = { kind: 'dated', base, table, defs: group, dims, histograms, views };
    group.forEach((d, index) => cube.byMetric.set(d.id, { cube: dc, index }));
  }

  // Snapshot and quarter metrics, one cube each.
  for (const def of defs) {
    if (def.attribution === 'dated') continue;
    const dims = availableDimensions(def, hasChildren);
    const snap = def.attribution === 'snapshot';
    const grain = snap ? 'month' : 'quarter';
    // As aggregateSql does: snapshots are taken at month ends only; a quarter reads its E's month.
    const ctx = snap ? { ...CTX, periods: `(SELECT * FROM ${CTX.periods} WHERE grain = 'month')` } : CTX;
    const items = itemsSql(def, ctx, { grains: [grain], hasChildren });
    const table = `_nm_cube_m_${safe(def.id)}`;
    const keys = ['period', ...dims].join(', ');
    await step(async () => {
      await prepared();
      await engine.exec(
        `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${keys}, count(*) AS n, sum(num) AS num, sum(den) AS den
FROM (${items}) i GROUP BY ${keys}`
      );
    });
    cube.tables.push(table);
    const views = await rollUps(engine, { table, dims, histograms: new Map() }, 'period', ['sum(n) AS n', 'sum(num) AS num', 'sum(den) AS den'], cube.tables, step, keepFull);
    cube.byMetric.set(def.id, { cube: { kind: 'period', def, table, dims, grain, views } });
  }

  await step(async () => {
    for (const t of cube.tables) {
      const r = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`);
      cube.cells.set(t, Number(r[0]?.n ?? 0));
    }
  });
  return cube;
}

/** Drop the cube's tables (an extract replaced, or the cube rebuilt at another as-of date). */
export async function dropCube(engine: Engine, cube: Cube): Promise<void> {
  for (const t of cube.tables) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
}
