/**
 * What a chart asks of the metrics layer: one metric, one grain, overall or split by one dimension.
 * The numbers come from the metric registry's SQL (computeMetrics); nothing is computed here but
 * the choice of rows.
 */
import type { Engine } from '$lib/engine/types';
import { computeMetrics, type MetricFilters, type MetricRow } from '$lib/metrics/compute';

export interface ChartSpec {
  id: string;
  title: string;
  metric: string;
  grain: 'quarter' | 'month';
  dimension: string | null;
  kind: 'line' | 'stacked';
}

export function chartKey(spec: ChartSpec, filters: MetricFilters = {}): string {
  return JSON.stringify({ m: spec.metric, g: spec.grain, d: spec.dimension, f: filters });
}

export interface ChartData {
  /** Every reported period, in order (a breakdown has no row for a group with nothing in a period). */
  periods: string[];
  rows: MetricRow[];
}

export async function chartRows(engine: Engine, spec: ChartSpec, filters: MetricFilters = {}): Promise<ChartData> {
  const result = await computeMetrics(engine, {
    ids: [spec.metric],
    grains: [spec.grain],
    breakdowns: spec.dimension ? [spec.dimension] : false,
    filters,
    includeExtra: true
  });
  const mine = result.metrics.filter((r) => r.grain === spec.grain);
  return {
    periods: mine.filter((r) => r.dimension === null).map((r) => r.period),
    rows: mine.filter((r) => r.dimension === spec.dimension)
  };
}
