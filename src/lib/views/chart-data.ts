/**
 * What an overview chart shows, declared as data: one metric, one grain, overall or split by one
 * dimension, drawn as a line or stacked bars. The rows are fetched by present/queries.ts `chartRows`.
 */
import type { MetricRow } from '$lib/metrics/types';

export interface ChartSpec {
  id: string;
  title: string;
  metric: string;
  grain: 'quarter' | 'month';
  dimension: string | null;
  kind: 'line' | 'stacked';
}

export interface ChartData {
  /** Every reported period, in order (a breakdown has no row for a group with nothing in a period). */
  periods: string[];
  rows: MetricRow[];
}
