/** Targets from the action plan: for each measure, the target of its latest-due action that has one (overview, pack). */
import type { ActionRecord } from './types';

export function targetsOf(actions: readonly ActionRecord[] | null): Record<string, number> {
  const out: Record<string, { due: string; target: number }> = {};
  for (const a of actions ?? []) {
    if (!a.metric_id || a.target === null || a.target === undefined) continue;
    const prev = out[a.metric_id];
    if (!prev || a.due_date >= prev.due) out[a.metric_id] = { due: a.due_date, target: a.target };
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.target]));
}
