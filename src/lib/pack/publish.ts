/**
 * The board pack's one call to the suppression rules (metrics.md "Suppression for publication"):
 * every row the pack shows (overall and locality rows, quarters and months) is put through them at
 * once, and the pack reads the published form from this index only.
 */
import type { MetricRow } from '../metrics/compute';
import { publicationForm, type PublishedRow, type Shown } from '../stats/suppression';

export type { PublishedRow, Shown };

export interface PublishedIndex {
  /** The published row of one cell (dimension and group null for the overall row). */
  get(metric: string, grain: 'quarter' | 'month', period: string, dimension?: string | null, group?: string | null): PublishedRow | undefined;
  /** Whether that cell is suppressed (false when there is no such row). */
  hidden(metric: string, grain: 'quarter' | 'month', period: string, dimension?: string | null, group?: string | null): boolean;
}

const keyOf = (metric: string, grain: string, period: string, dimension: string | null, group: string | null) =>
  JSON.stringify([metric, grain, period, dimension, group]);

/**
 * The publication form of the FULL row set (every metric, grain and breakdown: gatherPack's `all`),
 * exactly as `npm run metrics -- --publication` prints it, indexed for the pack's cells.
 */
export function publishRows(all: readonly MetricRow[]): PublishedIndex {
  const form = publicationForm(all);
  const byKey = new Map<string, PublishedRow>();
  for (const f of form) {
    byKey.set(keyOf(f.metric, f.grain, f.period, f.dimension, f.group), { ...f, suppressed: f.suppressed !== null, reason: f.suppressed });
  }
  const get: PublishedIndex['get'] = (metric, grain, period, dimension = null, group = null) =>
    byKey.get(keyOf(metric, grain, period, dimension, group));
  return { get, hidden: (...a) => get(...a)?.suppressed ?? false };
}
