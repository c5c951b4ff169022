/**
 * What the action plan page asks of the engine: the extract's own plan (the `actions` table) and the
 * quarterly overall values of every measure an action may name (so an edit that points an action at
 * another measure needs no new query). The plan shown is the edited one where this browser keeps
 * edits (src/lib/actions/store.ts); it is joined to these values in src/lib/actions/plan.ts.
 */
import type { Engine } from '$lib/engine/types';
import { computeMetrics, type MetricRow } from '$lib/metrics/compute';
import { SPEC_METRICS } from '$lib/metrics/registry';
import type { ActionRecord } from '$lib/actions/types';

export async function hasActionsTable(engine: Engine): Promise<boolean> {
  const r = await engine.query<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'actions'"
  );
  return (r[0]?.n ?? 0) > 0;
}

/** The extract's action plan as loaded, or null when the extract has no actions table. */
export async function extractPlan(engine: Engine): Promise<ActionRecord[] | null> {
  if (!(await hasActionsTable(engine))) return null;
  return engine.query<ActionRecord & Record<string, string | number | null>>(
    `SELECT action_id, title, owner_agency, CAST(due_date AS VARCHAR) AS due_date, status,
            CAST(completed_date AS VARCHAR) AS completed_date, metric_id, CAST(target AS DOUBLE) AS target
     FROM actions ORDER BY due_date, action_id`
  );
}

export interface MeasureValues {
  /** The extract's as-of date (null when it holds no dated rows). */
  asOf: string | null;
  /** Overall quarterly rows of every measure of metrics.md. */
  rows: MetricRow[];
}

export async function measureValues(engine: Engine): Promise<MeasureValues> {
  const ids = SPEC_METRICS.map((m) => m.id);
  const result = await computeMetrics(engine, { ids, grains: ['quarter'], breakdowns: false });
  return { asOf: result.as_of ?? null, rows: result.metrics.filter((r) => r.dimension === null) };
}
