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

export async function chartRows(engine: Engine, spec: ChartSpec, filters: MetricFilters = {}): Promise<MetricRow[]> {
  const result = await computeMetrics(engine, {
    ids: [spec.metric],
    grains: [spec.grain],
    breakdowns: spec.dimension ? [spec.dimension] : false,
    filters,
    includeExtra: true
  });
  return result.metrics.filter((r) => r.grain === spec.grain && r.dimension === spec.dimension);
}
