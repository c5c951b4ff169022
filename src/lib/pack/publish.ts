/**
 * The board pack's one call to the suppression rules (metrics.md "Suppression for publication"):
 * every row the pack shows (overall and locality rows, quarters and months) is put through them at
 * once, and the pack reads the published form from this index only. Keeping the call in one place
 * lets the publication form of the whole row set be swapped in here.
 */
import type { MetricRow } from '../metrics/compute';
import { metricById } from '../metrics/registry';
import { suppressRows, type PublishedRow, type Shown } from '../stats/suppression';

export type { PublishedRow, Shown };

export interface PublishedIndex {
  /** The published row of one cell (dimension and group null for the overall row). */
  get(metric: string, grain: 'quarter' | 'month', period: string, dimension?: string | null, group?: string | null): PublishedRow | undefined;
  /** Whether that cell is suppressed (false when there is no such row). */
  hidden(metric: string, grain: 'quarter' | 'month', period: string, dimension?: string | null, group?: string | null): boolean;
}

const keyOf = (metric: string, grain: string, period: string, dimension: string | null, group: string | null) =>
  JSON.stringify([metric, grain, period, dimension, group]);

export function publishRows(rows: readonly MetricRow[]): PublishedIndex {
  const published = suppressRows(rows, (id) => {
    const def = metricById(id);
    if (!def) throw new Error(`Unknown metric id: ${id}`);
    return def.unit;
  });
  const byKey = new Map<string, PublishedRow>();
  for (const r of published) byKey.set(keyOf(r.metric, r.grain, r.period, r.dimension, r.group), r);
  const get: PublishedIndex['get'] = (metric, grain, period, dimension = null, group = null) =>
    byKey.get(keyOf(metric, grain, period, dimension, group));
  return { get, hidden: (...a) => get(...a)?.suppressed ?? false };
}
