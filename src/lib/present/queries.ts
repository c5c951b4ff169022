/**
 * Every question the pages put to the engine, in one place (the views never run SQL): metric rows
 * for a rows query (keyed by `rowsKey`), the filter bar's choices, and the extract's action plan.
 * The numbers come from the metric registry's SQL (computeMetrics), or from the extract's filter
 * cube (src/lib/cube) once the session has built it: the same rows, summed from pre-aggregated cells.
 */
import type { Engine } from '$lib/engine/types';
import { computeMetrics, type ComputeResult, type MetricFilters, type MetricRow } from '$lib/metrics/compute';
import type { Grain } from '$lib/metrics/types';
import type { ChartData, ChartSpec } from '$lib/views/chart-data';
import type { ActionRecord } from '$lib/actions/types';
import type { RowsQuery } from './request';
import { formRows } from './suppress';
import { answerFromCube, attachedCube, cubeCovers, type CubeRequest } from '$lib/cube';

export { publicationQuery, rowsKey, type RowsQuery } from './request';

export interface RowsResult {
  /** The as-of date the rows were computed at. */
  asOf: string;
  rows: MetricRow[];
}

/** The cube's answer when it covers the request, the direct SQL's otherwise (the same rows). */
async function metricRows(engine: Engine, req: CubeRequest): Promise<ComputeResult> {
  const cube = attachedCube(engine);
  return cube && cubeCovers(cube, req) ? answerFromCube(engine, cube, req) : computeMetrics(engine, req);
}

/**
 * Metric rows for a rows query: from the extract's filter cube when the session has built one and
 * it covers the query (the same rows: src/lib/cube proves it), otherwise by the direct SQL.
 */
export async function fetchRows(engine: Engine, q: RowsQuery): Promise<RowsResult> {
  // every registry metric in the publication form (the dashboard-only ones too, as the command
  // line's --publication does), its full row set
  const req: CubeRequest = q.publication
    ? { filters: q.filters, includeExtra: true }
    : { ids: q.ids, grains: q.grains, breakdowns: q.breakdowns, filters: q.filters, includeExtra: true };
  const result = await metricRows(engine, req);
  if (q.publication) formRows(result.metrics);
  return { asOf: result.as_of, rows: result.metrics };
}

/** The choices the filter bar offers, from the loaded extract. */
export interface FilterOptions {
  quarters: string[];
  months: string[];
  localities: string[];
  agencies: string[];
  hasChildren: boolean;
}

export const FILTER_OPTIONS_KEY = 'filter-options';

export async function filterOptions(engine: Engine): Promise<FilterOptions> {
  const tables = await engine.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()"
  );
  const have = new Set(tables.map((t) => t.name));
  const periods = (await computeMetrics(engine, { ids: ['referrals'], breakdowns: false, includeExtra: true })).metrics;
  const localities = have.has('children')
    ? (
        await engine.query<{ l: string }>(
          "SELECT DISTINCT coalesce(nullif(trim(locality), ''), 'unknown') AS l FROM children ORDER BY l"
        )
      ).map((r) => r.l)
    : [];
  const agencies = (
    await engine.query<{ a: string }>('SELECT DISTINCT referrer_agency AS a FROM referrals ORDER BY a')
  ).map((r) => r.a);
  return {
    quarters: periods.filter((r) => r.grain === 'quarter').map((r) => r.period),
    months: periods.filter((r) => r.grain === 'month').map((r) => r.period),
    localities,
    agencies,
    hasChildren: have.has('children')
  };
}

export async function hasActionsTable(engine: Engine): Promise<boolean> {
  const r = await engine.query<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'actions'"
  );
  return (r[0]?.n ?? 0) > 0;
}

export const EXTRACT_PLAN_KEY = 'extract-plan';

/** The extract's action plan as loaded, or null when the extract has no actions table. */
export async function extractPlan(engine: Engine): Promise<ActionRecord[] | null> {
  if (!(await hasActionsTable(engine))) return null;
  return engine.query<ActionRecord & Record<string, string | number | null>>(
    `SELECT action_id, title, owner_agency, CAST(due_date AS VARCHAR) AS due_date, status,
            CAST(completed_date AS VARCHAR) AS completed_date, metric_id, CAST(target AS DOUBLE) AS target
     FROM actions ORDER BY due_date, action_id`
  );
}

/** The rows of one overview chart (see views/overview.ts): the spec's dimension rows, and every period. */
export async function chartRows(engine: Engine, spec: ChartSpec, filters: MetricFilters = {}): Promise<ChartData> {
  const result = await metricRows(engine, {
    ids: [spec.metric],
    grains: [spec.grain],
    breakdowns: spec.dimension ? [spec.dimension] : false,
    filters,
    includeExtra: true
  });
  const mine = result.metrics.filter((r) => r.grain === spec.grain);
  return {
    periods: mine.filter((r) => r.dimension === null).map((r) => r.period),
    rows: mine.filter((r) => r.dimension === spec.dimension)
  };
}

/** Audit trail: the pseudonymous ids behind one point (analyst's view only, never published). */
/** The rows behind one point, with their children and dates ("Show the rows", chronology/audit-rows.ts). */
export { pointRows } from '$lib/chronology/audit-rows';
