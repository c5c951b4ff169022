/**
 * One child's multi-agency chronology: every record of every contract table that holds the child
 * (referrals, assessments, tool_uses, episodes, education), in date order, with what followed
 * (decisions, outcomes, feedback and their delays in working days), tool grades with the change since
 * the last use of that tool, the child's age band at each event, and markers where the patterns the
 * sources warn of appear. Analyst's view only: it lists pseudonymous ids and is never published.
 *
 * Reads the typed tables as loaded (not as-of cut): the chronology is the whole record.
 */
import type { Engine } from '../engine/types';
import { lit } from '../engine/types';
import { DAYS_TABLE, ensureDaysTable } from '../calendar/days-sql';
import { presentTables } from '../metrics/prepare';
import { ageBandSql } from '../metrics/sql-blocks';
import type { TableName } from '../metrics/types';

/** The tables a chronology reads, in the order records of one day are listed. */
export const CHRONOLOGY_TABLES = ['referrals', 'assessments', 'tool_uses', 'episodes', 'education'] as const;
export type ChronologyTable = (typeof CHRONOLOGY_TABLES)[number];

/**
 * Markers, by the record they sit on:
 * - `rereferral_12m` (referral): the child has an earlier referral dated on or after 12 months before it;
 * - `nfa_remade_12m` (referral): closed with no further action and the child referred again within 12 months;
 * - `closed_no_change_rereferred_12m` (episode): help closed for no_change, non_engagement or
 *   consent_withdrawn and the child referred after the end, within 12 months;
 * - `three_referrals_no_tool` (referral): this is at least the third referral in the 12 months to
 *   its date (after date minus 12 months, on or before it; as `cumulative_concern_no_tool`) and no
 *   tool use was completed in that window (only when tool_uses is in the extract).
 */
export type MarkerKind = 'rereferral_12m' | 'nfa_remade_12m' | 'closed_no_change_rereferred_12m' | 'three_referrals_no_tool';

export const MARKER_WORDS: Record<MarkerKind, string> = {
  rereferral_12m: 'Re-referral within 12 months',
  nfa_remade_12m: 'Closed with no further action, then referred again within 12 months',
  closed_no_change_rereferred_12m: 'Help closed without change, then referred again within 12 months',
  three_referrals_no_tool: 'Third or later referral in 12 months with no neglect tool used in that time'
};

/** One record of the chronology. Fields not used by a table are null. Dates are ISO text. */
export interface ChronologyEvent {
  table: ChronologyTable;
  id: string;
  /** The record's first date (referral_date, start_date or completed_date). */
  date: string;
  agency: string | null;
  age_band: string;
  markers: MarkerKind[];
  /** The earlier referral behind a re-referral marker. */
  earlier_id: string | null;
  /** The later referral behind an NFA-re-made or closed-without-change marker. */
  later_id: string | null;
  // referrals
  neglect: boolean | null;
  decision_date: string | null;
  outcome: string | null;
  feedback_date: string | null;
  wd_decision: number | null;
  wd_feedback: number | null;
  // assessments (outcome and neglect above), episodes, education
  referral_id: string | null;
  end_date: string | null;
  wd_duration: number | null;
  // tool_uses
  tool: string | null;
  contributing_agencies: string[] | null;
  physical_care: number | null;
  safety: number | null;
  love_belonging: number | null;
  esteem: number | null;
  prev_tool_use_id: string | null;
  d_physical_care: number | null;
  d_safety: number | null;
  d_love_belonging: number | null;
  d_esteem: number | null;
  // episodes
  type: string | null;
  closure_reason: string | null;
  // education
  status: string | null;
  first_action_date: string | null;
  wd_first_action: number | null;
  last_review_date: string | null;
}

export interface Chronology {
  childId: string;
  /** False when no table of the extract holds this id. */
  known: boolean;
  events: ChronologyEvent[];
}

const months = (x: string, n: number): string => `CAST(${x} + INTERVAL (${n}) MONTH AS DATE)`;
const WITHOUT_CHANGE = `('no_change', 'non_engagement', 'consent_withdrawn')`;
const markers = (pairs: [string, MarkerKind][]): string =>
  `list_filter([${pairs.map(([c, k]) => `CASE WHEN ${c} THEN '${k}' END`).join(', ')}], x -> x IS NOT NULL)`;

/** SQL of one child's chronology over the tables present. One row per record, in order. */
export function chronologySql(present: ReadonlySet<TableName>, childId: string): string {
  const C = lit(childId);
  const D = DAYS_TABLE;
  const hasTools = present.has('tool_uses');
  const parts: string[] = [];
  const ctes: string[] = [];
  // referrals are always there
  ctes.push(`ref AS (
  SELECT r.*,
    lag(r.referral_date, 1) OVER w AS prev1_date, lag(r.referral_id, 1) OVER w AS prev1_id,
    lag(r.referral_date, 2) OVER w AS prev2_date,
    lead(r.referral_date, 1) OVER w AS next_date, lead(r.referral_id, 1) OVER w AS next_id
  FROM referrals r WHERE r.child_id = ${C}
  WINDOW w AS (ORDER BY r.referral_date, r.referral_id)
)`);
  const noTool = hasTools
    ? `NOT EXISTS (SELECT 1 FROM tool_uses t WHERE t.child_id = ${C} AND t.completed_date > ${months('r.referral_date', -12)} AND t.completed_date <= r.referral_date)`
    : 'FALSE';
  parts.push(`SELECT 'referrals' AS tbl, 1 AS rank, r.referral_id AS id, r.referral_date AS d, r.referrer_agency AS agency,
  ${markers([
    [`r.prev1_date >= ${months('r.referral_date', -12)}`, 'rereferral_12m'],
    [`r.outcome = 'nfa' AND r.next_date <= ${months('r.referral_date', 12)}`, 'nfa_remade_12m'],
    [`r.prev2_date > ${months('r.referral_date', -12)} AND ${noTool}`, 'three_referrals_no_tool']
  ])} AS markers,
  CASE WHEN r.prev1_date >= ${months('r.referral_date', -12)} THEN r.prev1_id END AS earlier_id,
  CASE WHEN r.outcome = 'nfa' AND r.next_date <= ${months('r.referral_date', 12)} THEN r.next_id END AS later_id,
  r.neglect_concern AS neglect, r.decision_date, CAST(r.outcome AS VARCHAR) AS outcome, r.feedback_date,
  dd.cum - dr.cum AS wd_decision, df.cum - dr.cum AS wd_feedback
FROM ref r
JOIN ${D} dr ON dr.d = r.referral_date
LEFT JOIN ${D} dd ON dd.d = r.decision_date
LEFT JOIN ${D} df ON df.d = r.feedback_date`);
  if (present.has('assessments'))
    parts.push(`SELECT 'assessments' AS tbl, 2 AS rank, a.assessment_id AS id, a.start_date AS d, 'social_care' AS agency,
  CAST([] AS VARCHAR[]) AS markers, a.referral_id, a.neglect_identified AS neglect, CAST(a.outcome AS VARCHAR) AS outcome,
  a.completion_date AS end_date, dc.cum - ds.cum AS wd_duration
FROM assessments a
JOIN ${D} ds ON ds.d = a.start_date
LEFT JOIN ${D} dc ON dc.d = a.completion_date
WHERE a.child_id = ${C}`);
  if (hasTools) {
    const areas = ['physical_care', 'safety', 'love_belonging', 'esteem'];
    ctes.push(`tu AS (
  SELECT t.*, lag(t.tool_use_id) OVER w AS prev_tool_use_id,
    ${areas.map((a) => `t.${a} - lag(t.${a}) OVER w AS d_${a}`).join(', ')}
  FROM tool_uses t WHERE t.child_id = ${C}
  WINDOW w AS (PARTITION BY t.tool ORDER BY t.completed_date, t.tool_use_id)
)`);
    parts.push(`SELECT 'tool_uses' AS tbl, 3 AS rank, t.tool_use_id AS id, t.completed_date AS d, t.lead_agency AS agency,
  CAST([] AS VARCHAR[]) AS markers, CAST(t.tool AS VARCHAR) AS tool, CAST(t.contributing_agencies AS VARCHAR[]) AS contributing_agencies,
  ${areas.map((a) => `t.${a}`).join(', ')}, t.prev_tool_use_id, ${areas.map((a) => `t.d_${a}`).join(', ')}
FROM tu t`);
  }
  if (present.has('episodes'))
    parts.push(`SELECT 'episodes' AS tbl, 4 AS rank, e.episode_id AS id, e.start_date AS d,
  CASE WHEN e.type = 'early_help' THEN 'early_help' ELSE 'social_care' END AS agency,
  ${markers([[`e.closure_reason IN ${WITHOUT_CHANGE} AND nx.referral_id IS NOT NULL`, 'closed_no_change_rereferred_12m']])} AS markers,
  CASE WHEN e.closure_reason IN ${WITHOUT_CHANGE} THEN nx.referral_id END AS later_id,
  e.neglect, CAST(e.type AS VARCHAR) AS type, e.end_date, CAST(e.closure_reason AS VARCHAR) AS closure_reason,
  de.cum - ds.cum AS wd_duration
FROM episodes e
JOIN ${D} ds ON ds.d = e.start_date
LEFT JOIN ${D} de ON de.d = e.end_date
LEFT JOIN LATERAL (
  SELECT r.referral_id FROM referrals r
  WHERE r.child_id = ${C} AND r.referral_date > e.end_date AND r.referral_date <= ${months('e.end_date', 12)}
  ORDER BY r.referral_date, r.referral_id LIMIT 1
) nx ON TRUE
WHERE e.child_id = ${C}`);
  if (present.has('education'))
    parts.push(`SELECT 'education' AS tbl, 5 AS rank, x.record_id AS id, x.start_date AS d, 'education' AS agency,
  CAST([] AS VARCHAR[]) AS markers, CAST(x.status AS VARCHAR) AS status, x.end_date, x.first_action_date,
  df.cum - ds.cum AS wd_first_action, x.last_review_date
FROM education x
JOIN ${D} ds ON ds.d = x.start_date
LEFT JOIN ${D} df ON df.d = x.first_action_date
WHERE x.child_id = ${C}`);
  const age = present.has('children') ? ageBandSql('ch.birth_month', 'ev.d') : `'unknown'`;
  const join = present.has('children') ? `LEFT JOIN children ch ON ch.child_id = ${C}` : '';
  return `WITH ${ctes.join(',\n')},
ev AS (
${parts.join('\nUNION ALL BY NAME\n')}
)
SELECT ev.*, ${age} AS age_band
FROM ev ${join}
ORDER BY ev.d, ev.rank, ev.id`;
}

/** SQL: 1 when any contract table (children included) holds the id. */
export function childKnownSql(present: ReadonlySet<TableName>, childId: string): string {
  const tables = ['children', ...CHRONOLOGY_TABLES].filter((t) => present.has(t as TableName));
  return `SELECT ${tables.map((t) => `EXISTS (SELECT 1 FROM ${t} WHERE child_id = ${lit(childId)})`).join(' OR ')} AS known`;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The chronology of one child (an empty, unknown one when no table holds the id). */
export async function chronology(engine: Engine, childId: string): Promise<Chronology> {
  await ensureDaysTable(engine);
  const present = await presentTables(engine);
  if (!present.has('referrals')) return { childId, known: false, events: [] };
  const [k] = await engine.query<{ known: boolean }>(childKnownSql(present, childId));
  if (!k?.known) return { childId, known: false, events: [] };
  const rows = await engine.query(chronologySql(present, childId));
  const events = rows.map(
    (r): ChronologyEvent => ({
      table: r.tbl as ChronologyTable,
      id: String(r.id),
      date: String(r.d),
      agency: str(r.agency),
      age_band: String(r.age_band),
      markers: (r.markers as MarkerKind[] | null) ?? [],
      earlier_id: str(r.earlier_id),
      later_id: str(r.later_id),
      neglect: r.neglect === null || r.neglect === undefined ? null : Boolean(r.neglect),
      decision_date: str(r.decision_date),
      outcome: str(r.outcome),
      feedback_date: str(r.feedback_date),
      wd_decision: num(r.wd_decision),
      wd_feedback: num(r.wd_feedback),
      referral_id: str(r.referral_id),
      end_date: str(r.end_date),
      wd_duration: num(r.wd_duration),
      tool: str(r.tool),
      contributing_agencies: (r.contributing_agencies as string[] | null) ?? null,
      physical_care: num(r.physical_care),
      safety: num(r.safety),
      love_belonging: num(r.love_belonging),
      esteem: num(r.esteem),
      prev_tool_use_id: str(r.prev_tool_use_id),
      d_physical_care: num(r.d_physical_care),
      d_safety: num(r.d_safety),
      d_love_belonging: num(r.d_love_belonging),
      d_esteem: num(r.d_esteem),
      type: str(r.type),
      closure_reason: str(r.closure_reason),
      status: str(r.status),
      first_action_date: str(r.first_action_date),
      wd_first_action: num(r.wd_first_action),
      last_review_date: str(r.last_review_date)
    })
  );
  return { childId, known: true, events };
}
