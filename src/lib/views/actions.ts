/** The action plan beside its measures: each action with the latest overall value of its metric. */
import type { Engine } from '$lib/engine/types';
import { computeMetrics } from '$lib/metrics/compute';
import { metricById } from '$lib/metrics/registry';

export interface ActionRow {
  action_id: string;
  title: string;
  owner_agency: string;
  due_date: string;
  status: string;
  completed_date: string | null;
  metric_id: string | null;
  target: number | null;
  overdue: boolean;
  latest: number | null;
  latestPeriod: string | null;
}

export async function actionPlan(engine: Engine): Promise<ActionRow[]> {
  const actions = await engine.query<Omit<ActionRow, 'overdue' | 'latest' | 'latestPeriod'> & { as_of: string | null }>(
    `SELECT action_id, title, owner_agency, CAST(due_date AS VARCHAR) AS due_date, status,
            CAST(completed_date AS VARCHAR) AS completed_date, metric_id, target
     FROM actions ORDER BY due_date, action_id`
  );
  const ids = [...new Set(actions.map((a) => a.metric_id).filter((m): m is string => !!m && !!metricById(m)))];
  const result = ids.length ? await computeMetrics(engine, { ids, grains: ['quarter'], breakdowns: false }) : null;
  const asOf = result?.as_of ?? null;
  return actions.map((a) => {
    const rows = result?.metrics.filter((r) => r.metric === a.metric_id && r.value !== null) ?? [];
    const last = rows[rows.length - 1];
    return {
      ...a,
      overdue: a.status !== 'complete' && asOf !== null && a.due_date < asOf,
      latest: last?.value ?? null,
      latestPeriod: last?.period ?? null
    };
  });
}
