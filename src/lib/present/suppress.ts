/**
 * The one place the presented-measure layer turns true rows into the publication form
 * (metrics.md "Suppression for publication"). Every headline, table, chart gap, download and the
 * action plan's "latest" goes through `published`, so swapping the rule (stats/suppression.ts) is a
 * change here only.
 */
import type { MetricRow } from '$lib/metrics/types';
import { metricById } from '$lib/metrics/registry';
import { publicationForm, suppressRows, type PublicationRow, type PublishedRow, type Shown } from '$lib/stats/suppression';

export type { PublishedRow, Shown };

/**
 * Each row's cell in the publication form of the full row set it was computed with (metrics.md:
 * every metric, both grains, every breakdown, under one set of filters), exactly as
 * `npm run metrics -- --publication` prints it for the same data and filters. Set by `formRows`.
 */
const FORM = new WeakMap<MetricRow, PublicationRow>();

/** Work out the publication form of a FULL row set once and remember each row's published cell. */
export function formRows(all: readonly MetricRow[]): void {
  const form = publicationForm(all);
  all.forEach((r, i) => FORM.set(r, form[i]!));
}

const unitOf = (metric: string) => metricById(metric)?.unit ?? 'count';

/** The rows as shown: the publication form when `publication`, else the true values marked as not suppressed. */
export function published(rows: readonly MetricRow[], publication: boolean): PublishedRow[] {
  if (!publication) return rows.map((r) => ({ ...r, suppressed: false, reason: null }));
  if (rows.every((r) => FORM.has(r))) {
    return rows.map((r) => {
      const f = FORM.get(r)!;
      return { ...f, suppressed: f.suppressed !== null, reason: f.suppressed };
    });
  }
  // rows that were not computed as a full set: suppressed among themselves only (never the case for
  // what the pages, the action plan and the pack show, which all ask for the full set)
  return suppressRows(rows, unitOf);
}
