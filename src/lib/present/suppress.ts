/**
 * The one place the presented-measure layer turns true rows into the publication form
 * (metrics.md "Suppression for publication"). Every headline, table, chart gap, download and the
 * action plan's "latest" goes through `published`, so swapping the rule (stats/suppression.ts) is a
 * change here only.
 */
import type { MetricRow } from '$lib/metrics/types';
import { metricById } from '$lib/metrics/registry';
import { suppressRows, type PublishedRow, type Shown } from '$lib/stats/suppression';

export type { PublishedRow, Shown };

const unitOf = (metric: string) => metricById(metric)?.unit ?? 'count';

/** The rows as shown: the publication form when `publication`, else the true values marked as not suppressed. */
export function published(rows: readonly MetricRow[], publication: boolean): PublishedRow[] {
  if (!publication) return rows.map((r) => ({ ...r, suppressed: false, reason: null }));
  return suppressRows(rows, unitOf);
}
