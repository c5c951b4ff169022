/**
 * The overview's headline tiles: for each headline measure the latest quarter's value, its change on
 * the previous quarter and on the same quarter a year before, the national figure where the spec has
 * one, and the Making Data Count variation (and, with a target, assurance) icon.
 */
import type { Engine } from '$lib/engine/types';
import { computeMetrics, type MetricFilters, type MetricRow } from '$lib/metrics/compute';
import { metricById } from '$lib/metrics/registry';
import type { MetricDef } from '$lib/metrics/types';
import { tileChange, type TileChange } from '$lib/stats/change';
import { computeSpc, spcSeries, type SpcResult } from '$lib/stats/spc';
import { suppressRows } from '$lib/stats/suppression';

/** Headline measures, in the order a board reads them: tools embedded, then barriers down. */
export const HEADLINES = [
  'tool_use_neglect_assessments',
  'tool_use_multi_agency',
  'training_coverage',
  'barrier_prevalence',
  'rereferral_12m',
  'cumulative_concern_no_tool',
  'decision_within_1wd',
  'feedback_within_3wd',
  'assessment_within_45wd',
  'closure_without_change',
  'education_first_action_5wd'
] as const;

export interface Tile {
  def: MetricDef;
  change: TileChange | null;
  spc: SpcResult | null;
  /** Publication form: 'c' where the latest, previous or year-ago value is suppressed. */
  suppressed: { latest: boolean; previous: boolean; yearAgo: boolean };
  target: number | null;
}

export function buildTiles(rows: readonly MetricRow[], targets: Record<string, number> = {}, publication = false): Tile[] {
  const tiles: Tile[] = [];
  for (const id of HEADLINES) {
    const def = metricById(id);
    if (!def) continue;
    const mine = rows.filter((r) => r.metric === id && r.dimension === null && r.grain === 'quarter');
    if (mine.length === 0) continue;
    const target = targets[id] ?? null;
    const change = tileChange(mine, def.polarity);
    // Making Data Count: the variation is judged on monthly values where the measure has them
    const spc = computeSpc(spcSeries(rows, id), { polarity: def.polarity, target });
    const hidden = new Set(
      publication ? suppressRows(mine, () => def.unit).filter((r) => r.suppressed).map((r) => r.period) : []
    );
    tiles.push({
      def,
      change,
      spc,
      target,
      suppressed: {
        latest: !!change && hidden.has(change.period),
        previous: !!change && hidden.has(change.previous.period),
        yearAgo: !!change && hidden.has(change.yearAgo.period)
      }
    });
  }
  return tiles;
}

/** Rows for the tiles: every headline measure by quarter (values) and month (SPC), overall. */
export async function tileRows(engine: Engine, filters: MetricFilters = {}): Promise<MetricRow[]> {
  const ids = HEADLINES.filter((id) => metricById(id));
  return (await computeMetrics(engine, { ids: [...ids], grains: ['quarter', 'month'], breakdowns: false, filters })).metrics;
}

