/**
 * Types the statistics helpers work on. Structurally identical to the metric engineer's row type
 * (src/lib/metrics), re-declared here so that src/lib/stats depends on nothing else.
 */
export type Grain = 'quarter' | 'month';
export type Polarity = 'up' | 'down' | 'neutral';
export type Unit = 'rate' | 'count' | 'duration';

/** One row of a metric's result (metrics.md "Command-line output"). */
export interface MetricRow {
  metric: string;
  grain: Grain;
  period: string;
  dimension: string | null;
  group: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  p90: number | null;
  complete: boolean;
  partial: boolean;
}

/** What the stats helpers need to know about a metric. */
export interface MetricMeta {
  /** Plain-words name used at the start of a sentence, e.g. "Re-referrals within 12 months". */
  title?: string;
  polarity: Polarity;
  unit: Unit;
  target?: number | null;
}
