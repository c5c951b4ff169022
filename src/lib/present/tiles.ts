/**
 * The overview's headline tiles: each headline measure presented at quarters under the view's
 * filters (those it allows; the others are said not to apply), with the action plan's target.
 * Measures that share filters share one engine pass.
 */
import { metricById } from '$lib/metrics/registry';
import type { MetricDef, MetricRow } from '$lib/metrics/types';
import type { ViewState } from '$lib/data/view-state';
import { HEADLINES } from './headlines';
import { presentMeasure, type PresentedMeasure } from './measure';
import { requestFor, rowsKey, rowsQueryOf, type PresentRequest, type RowsQuery } from './request';

export { HEADLINES };

export function headlineDefs(present: ReadonlySet<string> | null = null): MetricDef[] {
  return HEADLINES.map((id) => metricById(id)).filter(
    (d): d is MetricDef => !!d && (present === null || d.tables.every((t) => present.has(t)))
  );
}

export function tileRequests(defs: readonly MetricDef[], view: ViewState, hasChildren: boolean, targets: Record<string, number> = {}): PresentRequest[] {
  return defs.map((d) => requestFor(d, { ...view, breakdown: {} }, hasChildren, { grain: 'quarter', target: targets[d.id] ?? null }));
}

/** The engine questions behind the tiles: one per distinct set of filters. */
export function tileQueries(requests: readonly PresentRequest[]): RowsQuery[] {
  const out = new Map<string, RowsQuery>();
  for (const r of requests) {
    const q = rowsQueryOf(r);
    if (q.publication) {
      out.set(rowsKey(q), q);
      continue;
    }
    const key = rowsKey({ ...q, ids: [] });
    const have = out.get(key);
    if (have) have.ids.push(r.measure);
    else out.set(key, { ...q, ids: [r.measure] });
  }
  return [...out.values()];
}

export function presentTiles(defs: readonly MetricDef[], requests: readonly PresentRequest[], rows: readonly MetricRow[]): PresentedMeasure[] {
  return defs.map((d, i) => presentMeasure(d, rows, requests[i]!)).filter((m) => m.headline !== null || m.periods.length > 0);
}
