/** Types shared by the metric registry, the SQL builder and every consumer (dashboard, CLI, tests). */
import type { Grain } from '../calendar/periods';
import type { DatedSpec } from './bases';

export type { Grain };
export type Polarity = 'up' | 'down' | 'neutral';
export type Unit = 'rate' | 'count' | 'duration';
export type Section =
  | 'tools'
  | 'referrals'
  | 'response'
  | 'closures'
  | 'education'
  | 'barriers'
  | 'cumulative-harm';
export type TableName =
  | 'children'
  | 'referrals'
  | 'assessments'
  | 'tool_uses'
  | 'episodes'
  | 'education'
  | 'training'
  | 'barriers';

/** Child dimensions (need a `children` table). */
export const CHILD_DIMENSIONS = ['locality', 'age_band', 'sex', 'ethnicity', 'disability', 'imd_quintile'] as const;
export type ChildDimension = (typeof CHILD_DIMENSIONS)[number];
export type ItemDimension = 'agency' | 'neglect' | 'tool' | 'type' | 'status' | 'barrier';
export type Dimension = ChildDimension | ItemDimension;

/**
 * Which column of `_nm_periods` says the period's window is fully inside the data (see
 * metrics.md "Completeness"). null = always complete.
 */
export type CompletenessRule =
  | 'lookback_12m'
  | 'followup_12m'
  | 'followup_183d'
  | 'followup_1wd'
  | 'followup_3wd'
  | 'followup_5wd'
  | 'cumulative_12m';

/**
 * How items are put into periods:
 * - 'dated': each item has one attributing date `d`; it belongs to the period holding d.
 * - 'snapshot': the items SQL already yields (grain, period) rows, one per item counted at E.
 * - 'quarter': aggregate rows carry their own quarter label (training, barriers); quarter grain only.
 */
export type Attribution = 'dated' | 'snapshot' | 'quarter';

/** Context handed to an items builder: names of the prepared relations. */
export interface ItemsContext {
  /** Prepared referrals (as-of cut, with order neighbours and working-day counters). */
  referrals: string;
  assessments: string;
  tool_uses: string;
  episodes: string;
  education: string;
  training: string;
  barriers: string;
  /** `_nm_periods` (grain, period, p_start, p_end, e, ...). */
  periods: string;
  /** `_nm_days` (d, is_workday, cum). */
  days: string;
}

export interface MetricDef {
  id: string;
  title: string;
  /** The question the metric answers. */
  question: string;
  polarity: Polarity;
  unit: Unit;
  /** True for snapshot counts/rates taken at each period's end E. */
  snapshot: boolean;
  /** Look-back and follow-up windows, in words (absent when none). */
  windows: { lookBack?: string; followUp?: string };
  completeness: CompletenessRule | null;
  /** The date that puts an item into a period, in words. */
  attributionDate: string;
  attribution: Attribution;
  grains: readonly Grain[];
  /** Breakdown dimensions (child dimensions appear only when `children` is present). */
  dimensions: readonly Dimension[];
  /** Tables that must all be in the extract for the metric to have rows. */
  tables: readonly TableName[];
  benchmark?: { value: number; label: string };
  definition: string;
  numerator: string | null;
  denominator: string | null;
  section: Section;
  /** Not in metrics.md: used by the dashboard only, never printed by the command line. */
  extra?: boolean;
  /** Dated metrics: the base, WHERE, numerator and value the items SQL is built from. */
  dated?: DatedSpec;
  /**
   * SQL yielding one row per counted item with columns: item_id, child_id, d (DATE: attributing
   * date, or E for snapshots), num (numerator weight), den (denominator weight), val (DOUBLE duration
   * or NULL), plus this metric's non-child dimension columns (agency, neglect, tool, type, status,
   * barrier) as VARCHAR; snapshot and quarter metrics also yield grain and period.
   */
  items: (ctx: ItemsContext) => string;
}

export type MetricRow = {
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
};

export type MetricFilters = {
  /** First period label to report (a quarter or month label). */
  from?: string;
  /** Last period label to report. */
  to?: string;
  locality?: string[];
  agency?: string[];
  neglect?: boolean;
  [dimension: string]: unknown;
};
