/**
 * Everything a metric panel shows, worked out from the metric's rows by the stats layer: the SPC
 * result, the latest value and its changes, the plain-words sentence, the publication (suppressed)
 * form, and the CSV of exactly what is shown. Components only lay this out.
 */
import type { MetricDef } from '$lib/metrics/types';
import type { MetricRow } from '$lib/metrics/compute';
import { computeSpc, type SpcResult } from '$lib/stats/spc';
import { tileChange, type TileChange } from '$lib/stats/change';
import { trendSentence } from '$lib/stats/narrative';
import { suppressRows, type PublishedRow } from '$lib/stats/suppression';
import type { ViewState } from '$lib/data/view-state';
import { csvCell } from '$lib/contract/csv-cell';

export interface MetricView {
  overall: MetricRow[];
  breakdown: MetricRow[];
  /** Rows as shown: true values, or the suppressed form when publishing. */
  shownOverall: PublishedRow[];
  shownBreakdown: PublishedRow[];
  /** Periods whose overall value is suppressed (left out of the chart as gaps). */
  hidden: Set<string>;
  spc: SpcResult;
  change: TileChange | null;
  sentence: string;
}

function asShown(r: MetricRow): PublishedRow {
  return { ...r, suppressed: false, reason: null } as PublishedRow;
}

export function buildMetricView(
  def: Pick<MetricDef, 'id' | 'title' | 'unit' | 'polarity'>,
  rows: readonly MetricRow[],
  view: Pick<ViewState, 'publication' | 'baseline' | 'changes' | 'runLength'>,
  dimension: string | null,
  target: number | null = null
): MetricView {
  const overall = rows.filter((r) => r.dimension === null);
  const breakdown = dimension ? rows.filter((r) => r.dimension === dimension) : [];
  const spc = computeSpc(overall, {
    polarity: def.polarity,
    runLength: view.runLength,
    target,
    baseline: view.baseline ? { from: view.baseline } : undefined,
    changePoints: view.changes
  });
  const change = tileChange(overall, def.polarity);
  const unitOf = () => def.unit;
  const shownOverall = view.publication ? suppressRows(overall, unitOf) : overall.map(asShown);
  const shownBreakdown = view.publication ? suppressRows(breakdown, unitOf) : breakdown.map(asShown);
  const hidden = new Set(shownOverall.filter((r) => r.suppressed).map((r) => r.period));
  const sentence = trendSentence({
    title: def.title,
    unit: def.unit,
    change,
    spc,
    suppressed: change
      ? { latest: hidden.has(change.period), previous: hidden.has(change.previous.period) }
      : undefined
  });
  return { overall, breakdown, shownOverall, shownBreakdown, hidden, spc, change, sentence };
}

/** A CSV cell: quoted when needed, and formula-looking text neutralised (the contract's one rule). */
export { csvCell };

const COLUMNS = ['metric', 'grain', 'period', 'dimension', 'group', 'numerator', 'denominator', 'value', 'p90', 'complete', 'partial'] as const;

/** UTF-8 CSV with a byte-order mark (so spreadsheet programs read it as UTF-8) of exactly the rows shown. */
export function rowsCsv(rows: readonly PublishedRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => csvCell(r[c as keyof PublishedRow])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
