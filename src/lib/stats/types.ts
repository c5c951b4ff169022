/**
 * Types the statistics helpers work on: the metric row and its vocabulary, from the metrics layer
 * (one definition), plus what the helpers need to know about a metric.
 */
import type { Grain, MetricRow, Polarity, Unit } from '../metrics/types';

export type { Grain, MetricRow, Polarity, Unit };

/** What the stats helpers need to know about a metric. */
export interface MetricMeta {
  /** Plain-words name used at the start of a sentence, e.g. "Re-referrals within 12 months". */
  title?: string;
  polarity: Polarity;
  unit: Unit;
  target?: number | null;
}
