/**
 * Item bases: for each source table, one row per record of the prepared (as-of cut) relation with
 * the columns every dated metric on it needs: item_id, child_id, d (the attributing date), and the
 * non-child dimension columns. A dated metric is then a base plus a WHERE (which items it counts)
 * plus a numerator condition (and a duration value), so metrics on one base can share one pass.
 * Conditions may refer to the base's columns unqualified or as `s.<column>`.
 */
import type { ItemsContext } from './types';

export type BaseName = 'referrals' | 'assessments' | 'tool_uses' | 'episodes' | 'education';

const NEGLECT = (col: string): string => `CASE WHEN ${col} THEN 'true' ELSE 'false' END`;

/**
 * The `neglect` column from a prepared `neglect_flag`: 'true', 'false', or NULL on a row whose part
 * does not record the neglect field (recorded.ts): such a row is in no group of the breakdown.
 */
export const neglectColumnSql = (flag: string): string => `CASE WHEN ${flag} THEN 'true' WHEN NOT ${flag} THEN 'false' END`;

export function baseSql(base: BaseName, ctx: ItemsContext): string {
  switch (base) {
    case 'referrals':
      return `SELECT s.*, s.referral_id AS item_id, s.referral_date AS d, s.referrer_agency AS agency, ${NEGLECT('s.neglect_concern')} AS neglect FROM ${ctx.referrals} s`;
    case 'assessments':
      return `SELECT s.*, s.assessment_id AS item_id, s.completion_date AS d, ${neglectColumnSql('s.neglect_flag')} AS neglect FROM ${ctx.assessments} s`;
    case 'tool_uses':
      return `SELECT s.*, s.tool_use_id AS item_id, s.completed_date AS d, s.lead_agency AS agency FROM ${ctx.tool_uses} s`;
    case 'episodes':
      return `SELECT s.*, s.episode_id AS item_id, s.end_date AS d, ${neglectColumnSql('s.neglect_flag')} AS neglect FROM ${ctx.episodes} s`;
    case 'education':
      return `SELECT s.*, s.record_id AS item_id, s.start_date AS d FROM ${ctx.education} s`;
  }
}

/** A dated metric's definition on a base. */
export interface DatedSpec {
  base: BaseName;
  /** Which items the metric counts (its denominator / count / duration items); null = all. */
  where: string | null;
  /** Numerator condition for rates (NULL counts as false); null for counts and durations. */
  num: string | null;
  /** Duration value (working days) for durations. */
  val?: string;
}

/** Items SQL of one dated metric (see MetricDef.items). */
export function datedItemsSql(spec: DatedSpec, ctx: ItemsContext): string {
  return `SELECT s.*, ${spec.num ? `CASE WHEN ${spec.num} THEN 1 ELSE 0 END` : '0'} AS num, 1 AS den,
  ${spec.val ? `CAST(${spec.val} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)'} AS val
FROM (${baseSql(spec.base, ctx)}) s${spec.where ? `\nWHERE ${spec.where}` : ''}`;
}
