/**
 * What a board pack needs from the engine, through the Engine interface only (browser and Node):
 * the overall metric rows (both grains), the locality rows of the headline measures (quarters), the
 * as-of date, the action plan and its targets. Rows are computed at the extract's as-of date (or the one
 * asked for) and cut to the chosen quarter afterwards by packModel (periods `to` the quarter), so
 * the pack's figures are the dashboard's figures at the same as-of date.
 */
import type { Engine } from '../engine/types';
import { computeMetrics, type MetricRow } from '../metrics/compute';
import { METRICS } from '../metrics/registry';
import { HEADLINES } from '../present/headlines';

import type { ActionRecord } from '../actions/types';
export type { ActionRecord };

export interface PackSource {
  /** The as-of date the metrics were computed at (null when the extract has no dated rows). */
  asOf: string | null;
  /** Overall rows (dimension null) of every metric of metrics.md, quarter and month grains. */
  rows: MetricRow[];
  /** Locality rows (quarters) of the headline measures, for the pack's locality tables. */
  localities: MetricRow[];
  /** Every row computed (all metrics, grains and breakdowns): the set the publication form is worked out over. */
  all: MetricRow[];
  /** The actions table, or null when the extract has none. */
  actions: ActionRecord[] | null;
}

async function hasTable(engine: Engine, name: string): Promise<boolean> {
  const r = await engine.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '${name}'`
  );
  return (r[0]?.n ?? 0) > 0;
}

export async function gatherPack(engine: Engine, opts: { asOf?: string } = {}): Promise<PackSource> {
  // The full row set (every registry metric, both grains, every breakdown), as the command line's
  // --publication computes it: the pack's suppressed cells are read from its publication form.
  const result = await computeMetrics(engine, { includeExtra: true, asOf: opts.asOf });
  let actions: ActionRecord[] | null = null;
  if (await hasTable(engine, 'actions')) {
    actions = await engine.query<ActionRecord & Record<string, string | number | null>>(
      `SELECT action_id, title, owner_agency, CAST(due_date AS VARCHAR) AS due_date, status,
              CAST(completed_date AS VARCHAR) AS completed_date, metric_id, CAST(target AS DOUBLE) AS target
       FROM actions ORDER BY due_date, action_id`
    );
  }
  const spec = new Set(METRICS.filter((m) => !m.extra).map((m) => m.id));
  const headlineIds = new Set<string>(HEADLINES);
  return {
    asOf: result.as_of ?? null,
    rows: result.metrics.filter((r) => r.dimension === null && spec.has(r.metric)),
    localities: result.metrics.filter((r) => r.dimension === 'locality' && r.grain === 'quarter' && headlineIds.has(r.metric)),
    all: result.metrics,
    actions
  };
}
