/**
 * THE registry: every measure of metrics.md (26 ids) plus one dashboard-only extra (`referrals`),
 * each defined once as metadata plus an "items" SQL (one row per counted item). The dashboard, the
 * command line, the board pack and the tests all read this list; compute.ts turns items into rows.
 *
 * Items columns: item_id, child_id, d (attributing date, or E for snapshots), num, den, val, and the
 * metric's own (non-child) dimension columns; snapshot and quarter metrics also yield grain, period.
 * Dated metrics are written as dated(base, where, numerator[, value]) on an item base (bases.ts), so
 * that compute.ts can count all metrics of one table in one pass (fused.ts); their items SQL is
 * derived from the same three strings. Relations read (see prepare.ts): _nm_ref, _nm_asm, _nm_tool,
 * _nm_epi, _nm_edu, _nm_trn, _nm_bar, _nm_periods, _nm_days. Child dimensions (age at d) are joined
 * on afterwards (sql-blocks.ts, fused.ts).
 */
// The national figures the published DfE table covers come from it (data/dfe/, npm run dfe-json).
import ENGLAND from '../national/england.json';
import type { Dimension, MetricDef } from './types';
import { datedItemsSql, neglectColumnSql, type BaseName } from './bases';
import { CTX } from './prepare';

const REFERRAL_DIMS: readonly Dimension[] = ['locality', 'age_band', 'sex', 'ethnicity', 'disability', 'imd_quintile', 'agency', 'neglect'];
const TOOL_DIMS: readonly Dimension[] = ['locality', 'age_band', 'sex', 'ethnicity', 'disability', 'imd_quintile', 'agency', 'tool'];
const ASSESSMENT_DIMS: readonly Dimension[] = ['locality', 'age_band', 'sex', 'ethnicity', 'disability', 'imd_quintile', 'neglect'];
const CHILD_ONLY: readonly Dimension[] = ['locality', 'age_band', 'sex', 'ethnicity', 'disability', 'imd_quintile'];
const CLOSURE_DIMS: readonly Dimension[] = ['locality', 'age_band', 'sex', 'ethnicity', 'disability', 'imd_quintile', 'type', 'neglect'];
const BOTH = ['quarter', 'month'] as const;
const QUARTER_ONLY = ['quarter'] as const;

/** A dated metric: its items are the rows of `base` matching `where`, flagged by `num`. */
function dated(base: BaseName, where: string | null, num: string | null, val?: string): Pick<MetricDef, 'dated' | 'items'> {
  const spec = { base, where, num, val };
  return { dated: spec, items: (c) => datedItemsSql(spec, c) };
}

const NO_VAL = 'CAST(NULL AS DOUBLE) AS val';
/** 1/0 from a condition (NULL counts as false). */
const flag = (cond: string): string => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
const minusMonths = (x: string, n: number): string => `CAST(${x} - INTERVAL ${n} MONTH AS DATE)`;
const plusMonths = (x: string, n: number): string => `CAST(${x} + INTERVAL ${n} MONTH AS DATE)`;
/** Open at E (end null or after E); E = p.e. */
const openAtE = (start: string, end: string): string => `${start} <= p.e AND coalesce(${end}, DATE '9999-12-31') > p.e`;
const PROFESSIONAL = `referrer_agency NOT IN ('public', 'anonymous', 'other', 'unknown')`;

export const METRICS: readonly MetricDef[] = [
  // ---------------------------------------------------------------- tools
  {
    id: 'tool_use_neglect_assessments',
    title: 'Neglect assessments with a tool used',
    question: 'When an assessment finds neglect, was a neglect tool used for the child around it?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'completion_date', attribution: 'dated', grains: BOTH,
    dimensions: CHILD_ONLY, tables: ['referrals', 'assessments', 'tool_uses'], section: 'tools',
    definition:
      'Of completed assessments (with a completion_date) with neglect_identified true, by completion_date: share where the same child has a tool use with completed_date from start_date minus 90 days to completion_date, inclusive.',
    numerator: 'Completed neglect assessments whose child has a tool use completed from 90 days before the assessment started to its completion, inclusive',
    denominator: 'Assessments completed in the period with neglect identified',
    ...dated('assessments', 'completion_date IS NOT NULL AND neglect_flag',
      `EXISTS (SELECT 1 FROM ${CTX.tool_uses} t WHERE t.child_id = s.child_id AND t.completed_date >= s.start_date - 90 AND t.completed_date <= s.completion_date)`)
  },
  {
    id: 'tool_uses',
    title: 'Neglect tool uses',
    question: 'How often are neglect assessment tools used?',
    polarity: 'up', unit: 'count', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'completed_date', attribution: 'dated', grains: BOTH,
    dimensions: TOOL_DIMS, tables: ['referrals', 'tool_uses'], section: 'tools',
    definition: 'Count of tool uses, by completed_date.',
    numerator: null, denominator: null,
    ...dated('tool_uses', null, null)
  },
  {
    id: 'tool_use_multi_agency',
    title: 'Tool uses with more than one agency',
    question: 'Are neglect tools completed by agencies together?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'completed_date', attribution: 'dated', grains: BOTH,
    dimensions: TOOL_DIMS, tables: ['referrals', 'tool_uses'], section: 'tools',
    definition:
      'Of tool uses, by completed_date: share with at least two distinct agencies among lead_agency and contributing_agencies, not counting unknown.',
    numerator: 'Tool uses naming at least two distinct agencies (lead and contributing, unknown not counted)',
    denominator: 'Tool uses completed in the period',
    ...dated('tool_uses', null,
      `len(list_distinct(list_filter(list_append(contributing_agencies, lead_agency), x -> x <> 'unknown'))) >= 2`)
  },
  {
    id: 'tool_review_6m',
    title: 'Baseline tool uses reviewed within 6 months',
    question: "After a child's first use of a tool, is it used again within six months to review progress?",
    polarity: 'up', unit: 'rate', snapshot: false, windows: { followUp: '183 days' }, completeness: 'followup_183d',
    attributionDate: 'completed_date (of the baseline use)', attribution: 'dated', grains: BOTH,
    dimensions: TOOL_DIMS, tables: ['referrals', 'tool_uses'], section: 'tools',
    definition:
      "Of baseline tool uses (a child's first use of that tool), by completed_date: share where any later use of the same tool for that child is dated 1 to 183 days after the baseline. Follow-up: 183 days.",
    numerator: 'Baseline uses followed by a later use of the same tool for the child 1 to 183 days after',
    denominator: "Baseline uses (a child's first use of each tool) completed in the period",
    ...dated('tool_uses', 'use_no = 1', 'first_later_date <= completed_date + 183')
  },
  {
    id: 'tool_improvement',
    title: 'Reviews showing improvement',
    question: 'When a tool is used again, do the grades show care getting better?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'completed_date (of the review use)', attribution: 'dated', grains: BOTH,
    dimensions: TOOL_DIMS, tables: ['referrals', 'tool_uses'], section: 'tools',
    definition:
      "Of review uses (a child's second or later use of the same tool; every tool counts) where it and its previous use of that tool (the one immediately before it) both have all four grades, by completed_date: share whose mean grade is lower (better) than the previous use's.",
    numerator: "Review uses whose mean grade is lower (better) than the previous use's",
    denominator: 'Review uses completed in the period where it and the previous use both have all four grades',
    // Means of four grades compare exactly as their sums do.
    ...dated('tool_uses', 'use_no >= 2 AND grade_sum IS NOT NULL AND prev_grade_sum IS NOT NULL', 'grade_sum < prev_grade_sum')
  },
  // ---------------------------------------------------------------- referrals
  {
    id: 'rereferral_12m',
    title: 'Re-referrals within 12 months',
    question: 'How many referrals are for children referred in the previous year?',
    polarity: 'down', unit: 'rate', snapshot: false, windows: { lookBack: '12 months' }, completeness: 'lookback_12m',
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'referrals',
    benchmark: ENGLAND.rereferral_12m,
    definition:
      'Of referrals, by referral_date: share where the child has an earlier referral dated on or after 12 months before this one. Look-back: 12 months.',
    numerator: 'Referrals whose child has an earlier referral dated on or after 12 months before',
    denominator: 'Referrals in the period',
    // The immediately previous referral in (referral_date, referral_id) order is the latest earlier one.
    ...dated('referrals', null, `prev1_date >= ${minusMonths('referral_date', 12)}`)
  },
  {
    id: 'repeat_referral_3plus_12m',
    title: 'Third or later referral within 12 months',
    question: 'How many referrals are at least the third for the child within a year?',
    polarity: 'down', unit: 'rate', snapshot: false, windows: { lookBack: '12 months' }, completeness: 'lookback_12m',
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'referrals',
    definition:
      'Of referrals, by referral_date: share where the child has at least two earlier referrals dated on or after 12 months before this one. Look-back: 12 months.',
    numerator: 'Referrals whose child has at least two earlier referrals dated on or after 12 months before',
    denominator: 'Referrals in the period',
    ...dated('referrals', null, `prev2_date >= ${minusMonths('referral_date', 12)}`)
  },
  {
    id: 'nfa_rate',
    title: 'Referrals with no further action',
    question: 'What share of decided referrals end in no further action?',
    polarity: 'neutral', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'referrals',
    benchmark: ENGLAND.nfa_rate,
    definition: 'Of referrals with an outcome, by referral_date: share with outcome nfa.',
    numerator: 'Referrals with outcome nfa',
    denominator: 'Referrals in the period with an outcome',
    ...dated('referrals', 'outcome IS NOT NULL', `outcome = 'nfa'`)
  },
  {
    id: 'nfa_rereferred_12m',
    title: 'No-further-action referrals re-referred within 12 months',
    question: 'Do children whose referral ended in no further action come back within a year?',
    polarity: 'down', unit: 'rate', snapshot: false, windows: { followUp: '12 months' }, completeness: 'followup_12m',
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'referrals',
    definition:
      'Of referrals with outcome nfa, by referral_date: share where the child has a later referral (in the order above) dated on or before 12 months after this one. Follow-up: 12 months.',
    numerator: 'NFA referrals whose child has a later referral dated on or before 12 months after',
    denominator: 'Referrals in the period with outcome nfa',
    // The next referral in order is the earliest later one.
    ...dated('referrals', `outcome = 'nfa'`, `next_date <= ${plusMonths('referral_date', 12)}`)
  },
  // ---------------------------------------------------------------- response
  {
    id: 'decision_within_1wd',
    title: 'Decisions within 1 working day',
    question: 'Are decisions on referrals made within one working day?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: { followUp: '1 working day' }, completeness: 'followup_1wd',
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'response',
    definition:
      'Of referrals with a decision_date, by referral_date: share with wd(referral_date, decision_date) <= 1. Follow-up: 1 working day.',
    numerator: 'Decided referrals decided within 1 working day',
    denominator: 'Referrals in the period with a decision_date',
    ...dated('referrals', 'decision_date IS NOT NULL', 'wd_decision <= 1')
  },
  {
    id: 'decision_wd',
    title: 'Working days to decision',
    question: 'How long do decisions on referrals take?',
    polarity: 'down', unit: 'duration', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'response',
    definition:
      'Median and 90th percentile of wd(referral_date, decision_date) over referrals with a decision_date, by referral_date.',
    numerator: null,
    denominator: 'Referrals in the period with a decision_date',
    ...dated('referrals', 'decision_date IS NOT NULL', null, 'wd_decision')
  },
  {
    id: 'awaiting_decision',
    title: 'Referrals awaiting a decision',
    question: 'How many referrals are waiting for a decision at the end of each period?',
    polarity: 'down', unit: 'count', snapshot: true, windows: {}, completeness: null,
    attributionDate: "each period's end E (the as-of date for a partial period)", attribution: 'snapshot', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'response',
    definition:
      "Count, at each period's end E, of referrals with referral_date <= E and no decision by E (decision_date null or after E).",
    numerator: null, denominator: null,
    items: (c) => `SELECT p.grain, p.period, r.referral_id AS item_id, r.child_id, p.e AS d,
  0 AS num, 1 AS den, ${NO_VAL}, r.referrer_agency AS agency, CASE WHEN r.neglect_concern THEN 'true' ELSE 'false' END AS neglect
FROM (
  -- Only a referral decided in a later month than it was made (or not at all) can be open at a
  -- month's end, and every quarter's E is also a month's E: a cheap, exact pre-filter.
  SELECT * FROM ${c.referrals}
  WHERE decision_date IS NULL OR date_trunc('month', decision_date) > date_trunc('month', referral_date)
) r JOIN ${c.periods} p ON ${openAtE('r.referral_date', 'r.decision_date')}`
  },
  {
    id: 'feedback_within_3wd',
    title: 'Feedback to professional referrers within 3 working days',
    question: 'Are professionals who refer told the outcome within three working days?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: { followUp: '3 working days' }, completeness: 'followup_3wd',
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'response',
    definition:
      'Of referrals with a decision_date whose referrer_agency is a professional agency (not public, anonymous, other or unknown), by referral_date: share with a feedback_date and wd(referral_date, feedback_date) <= 3. Follow-up: 3 working days.',
    numerator: 'Of them, referrals with a feedback_date within 3 working days of the referral',
    denominator: 'Referrals in the period with a decision_date from a professional agency',
    ...dated('referrals', `decision_date IS NOT NULL AND ${PROFESSIONAL}`, 'feedback_date IS NOT NULL AND wd_feedback <= 3')
  },
  {
    id: 'assessment_within_45wd',
    title: 'Assessments completed within 45 working days',
    question: 'Are statutory assessments completed within 45 working days?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'completion_date', attribution: 'dated', grains: BOTH,
    dimensions: ASSESSMENT_DIMS, tables: ['referrals', 'assessments'], section: 'response',
    benchmark: { value: 0.857, label: "England 2024-25, computed from DfE's published duration bands" },
    definition:
      'Of assessments with a completion_date, by completion_date: share with wd(start_date, completion_date) <= 45.',
    numerator: 'Completed assessments taking at most 45 working days',
    denominator: 'Assessments completed in the period',
    ...dated('assessments', 'completion_date IS NOT NULL', 'wd_completion <= 45')
  },
  {
    id: 'assessment_wd',
    title: 'Working days to complete an assessment',
    question: 'How long do statutory assessments take?',
    polarity: 'down', unit: 'duration', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'completion_date', attribution: 'dated', grains: BOTH,
    dimensions: ASSESSMENT_DIMS, tables: ['referrals', 'assessments'], section: 'response',
    benchmark: { value: 33, label: 'England median 2024-25' },
    definition:
      'Median and 90th percentile of wd(start_date, completion_date) over completed assessments, by completion_date.',
    numerator: null,
    denominator: 'Assessments completed in the period',
    ...dated('assessments', 'completion_date IS NOT NULL', null, 'wd_completion')
  },
  {
    id: 'assessments_open_over_45wd',
    title: 'Open assessments over 45 working days',
    question: 'How many assessments are still open after 45 working days at the end of each period?',
    polarity: 'down', unit: 'count', snapshot: true, windows: {}, completeness: null,
    attributionDate: "each period's end E (the as-of date for a partial period)", attribution: 'snapshot', grains: BOTH,
    dimensions: ASSESSMENT_DIMS, tables: ['referrals', 'assessments'], section: 'response',
    definition:
      "Count, at each period's end E, of assessments with start_date <= E, not completed by E (completion_date null or after E), and wd(start_date, E) > 45: the backlog the timeliness rate cannot see.",
    numerator: null, denominator: null,
    items: (c) => `SELECT p.grain, p.period, a.assessment_id AS item_id, a.child_id, p.e AS d,
  0 AS num, 1 AS den, ${NO_VAL}, ${neglectColumnSql('a.neglect_flag')} AS neglect
FROM (
  -- Exact pre-filter: wd(start, E) > 45 needs E at least 64 days after the start (at most 5
  -- working days in any 7), and the assessment must still be open at E.
  SELECT * FROM ${c.assessments} WHERE completion_date IS NULL OR completion_date > start_date + 63
) a
JOIN ${c.periods} p ON ${openAtE('a.start_date', 'a.completion_date')}
JOIN ${c.days} de ON de.d = p.e
WHERE de.cum - a.cum_start > 45`
  },
  // ---------------------------------------------------------------- closures
  {
    id: 'closure_without_change',
    title: 'Help closed without change',
    question: 'How often does help end without things changing for the child?',
    polarity: 'down', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'end_date', attribution: 'dated', grains: BOTH,
    dimensions: CLOSURE_DIMS, tables: ['referrals', 'episodes'], section: 'closures',
    definition:
      'Of episodes with an end_date, by end_date: share with closure_reason in no_change, non_engagement, consent_withdrawn.',
    numerator: 'Ended episodes closed for no_change, non_engagement or consent_withdrawn',
    denominator: 'Episodes ended in the period',
    ...dated('episodes', 'end_date IS NOT NULL', `closure_reason IN ('no_change', 'non_engagement', 'consent_withdrawn')`)
  },
  {
    id: 'closure_non_engagement',
    title: 'Help closed for non-engagement',
    question: 'How often does help end because the family did not engage or withdrew consent?',
    polarity: 'down', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'end_date', attribution: 'dated', grains: BOTH,
    dimensions: CLOSURE_DIMS, tables: ['referrals', 'episodes'], section: 'closures',
    definition:
      'Of episodes with an end_date, by end_date: share with closure_reason in non_engagement, consent_withdrawn.',
    numerator: 'Ended episodes closed for non_engagement or consent_withdrawn',
    denominator: 'Episodes ended in the period',
    ...dated('episodes', 'end_date IS NOT NULL', `closure_reason IN ('non_engagement', 'consent_withdrawn')`)
  },
  {
    id: 'rereferral_after_closure_12m',
    title: 'Re-referred within 12 months of closure',
    question: 'Do children come back within a year of help ending?',
    polarity: 'down', unit: 'rate', snapshot: false, windows: { followUp: '12 months' }, completeness: 'followup_12m',
    attributionDate: 'end_date', attribution: 'dated', grains: BOTH,
    dimensions: CLOSURE_DIMS, tables: ['referrals', 'episodes'], section: 'closures',
    definition:
      'Of episodes with an end_date, by end_date: share where the child has a referral dated after end_date and on or before 12 months after it. Follow-up: 12 months.',
    numerator: 'Ended episodes whose child has a referral dated after the end and on or before 12 months after it',
    denominator: 'Episodes ended in the period',
    ...dated('episodes', 'end_date IS NOT NULL',
      `EXISTS (SELECT 1 FROM ${CTX.referrals} r WHERE r.child_id = s.child_id AND r.referral_date > s.end_date AND r.referral_date <= ${plusMonths('s.end_date', 12)})`)
  },
  // ---------------------------------------------------------------- education
  {
    id: 'education_first_action_5wd',
    title: 'Education records with a first action within 5 working days',
    question: 'When a child is missing education or on a part-time timetable, does oversight start quickly?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: { followUp: '5 working days' }, completeness: 'followup_5wd',
    attributionDate: 'start_date', attribution: 'dated', grains: BOTH,
    dimensions: [...CHILD_ONLY, 'status'], tables: ['referrals', 'education'], section: 'education',
    definition:
      'Of education records, by start_date: share with a first_action_date and wd(start_date, first_action_date) <= 5. Follow-up: 5 working days.',
    numerator: 'Records with a first action within 5 working days of the start',
    denominator: 'Education records starting in the period',
    ...dated('education', null, 'first_action_date IS NOT NULL AND wd_first_action <= 5')
  },
  {
    id: 'missing_education_open',
    title: 'Children missing education (open records)',
    question: 'How many children are missing education at the end of each period?',
    polarity: 'down', unit: 'count', snapshot: true, windows: {}, completeness: null,
    attributionDate: "each period's end E (the as-of date for a partial period)", attribution: 'snapshot', grains: BOTH,
    dimensions: CHILD_ONLY, tables: ['referrals', 'education'], section: 'education',
    definition: "Count, at each period's end E, of missing_education records with start_date <= E and (end_date null or after E).",
    numerator: null, denominator: null,
    items: (c) => `SELECT p.grain, p.period, x.record_id AS item_id, x.child_id, p.e AS d, 0 AS num, 1 AS den, ${NO_VAL}
FROM ${c.education} x JOIN ${c.periods} p ON ${openAtE('x.start_date', 'x.end_date')}
WHERE x.status = 'missing_education'`
  },
  {
    id: 'part_time_timetable_over_6w',
    title: 'Part-time timetables open over 6 weeks',
    question: 'Are part-time timetables kept short?',
    polarity: 'down', unit: 'rate', snapshot: true, windows: {}, completeness: null,
    attributionDate: "each period's end E (the as-of date for a partial period)", attribution: 'snapshot', grains: BOTH,
    dimensions: CHILD_ONLY, tables: ['referrals', 'education'], section: 'education',
    definition:
      "Of part_time_timetable records open at each period's end E (start_date <= E and end_date null or after E): share with E minus start_date greater than 42 days.",
    numerator: 'Open part-time timetables started more than 42 days before E',
    denominator: 'Part-time timetables open at E',
    items: (c) => `SELECT p.grain, p.period, x.record_id AS item_id, x.child_id, p.e AS d,
  ${flag(`p.e - x.start_date > 42`)} AS num, 1 AS den, ${NO_VAL}
FROM ${c.education} x JOIN ${c.periods} p ON ${openAtE('x.start_date', 'x.end_date')}
WHERE x.status = 'part_time_timetable'`
  },
  {
    id: 'missing_education_neglect_known',
    title: 'Children missing education already known for neglect',
    question: 'Were children who go missing from education already referred for neglect?',
    polarity: 'neutral', unit: 'rate', snapshot: false, windows: { lookBack: '12 months' }, completeness: 'lookback_12m',
    attributionDate: 'start_date', attribution: 'dated', grains: BOTH,
    dimensions: CHILD_ONLY, tables: ['referrals', 'education'], section: 'education',
    definition:
      'Of missing_education records, by start_date: share where the child had a referral with neglect_concern true dated from 12 months before start_date to start_date, inclusive. Look-back: 12 months.',
    numerator: 'Records whose child had a neglect referral from 12 months before the start to the start, inclusive',
    denominator: 'Missing-education records starting in the period',
    ...dated('education', `status = 'missing_education'`,
      `EXISTS (SELECT 1 FROM ${CTX.referrals} r WHERE r.child_id = s.child_id AND r.neglect_concern AND r.referral_date >= ${minusMonths('s.start_date', 12)} AND r.referral_date <= s.start_date)`)
  },
  // ---------------------------------------------------------------- barriers
  {
    id: 'training_coverage',
    title: 'Staff trained in neglect tools',
    question: 'Are the staff expected to use the tools trained to use them?',
    polarity: 'up', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'quarter', attribution: 'quarter', grains: QUARTER_ONLY,
    dimensions: ['agency', 'tool'], tables: ['referrals', 'training'], section: 'barriers',
    definition: 'Sum of staff_trained over sum of staff_in_scope, by quarter (quarters only).',
    numerator: 'Staff trained and in date at quarter end',
    denominator: 'Staff in scope',
    items: (c) => `SELECT 'quarter' AS grain, quarter AS period, quarter || '|' || agency || '|' || tool AS item_id,
  CAST(NULL AS VARCHAR) AS child_id, CAST(NULL AS DATE) AS d,
  staff_trained AS num, staff_in_scope AS den, ${NO_VAL}, agency, tool
FROM ${c.training}`
  },
  {
    id: 'barrier_prevalence',
    title: 'Practitioners reporting barriers to tool use',
    question: 'Are the barriers practitioners report going down?',
    polarity: 'down', unit: 'rate', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'quarter', attribution: 'quarter', grains: QUARTER_ONLY,
    dimensions: ['agency', 'barrier'], tables: ['referrals', 'barriers'], section: 'barriers',
    definition:
      'Sum of reporting_barrier over sum of respondents, by quarter (quarters only); split by barrier to see each (the overall row is therefore a respondent-weighted average across barriers).',
    numerator: 'Respondents reporting the barrier',
    denominator: 'Respondents',
    items: (c) => `SELECT 'quarter' AS grain, quarter AS period, quarter || '|' || agency || '|' || barrier AS item_id,
  CAST(NULL AS VARCHAR) AS child_id, CAST(NULL AS DATE) AS d,
  reporting_barrier AS num, respondents AS den, ${NO_VAL}, agency, barrier
FROM ${c.barriers}`
  },
  // ---------------------------------------------------------------- cumulative harm
  {
    id: 'cumulative_concern_no_tool',
    title: 'Children with repeated referrals and no tool use',
    question: 'When concerns about a child build up, is a neglect tool used?',
    polarity: 'down', unit: 'rate', snapshot: true, windows: { lookBack: '12 months' }, completeness: 'cumulative_12m',
    attributionDate: "each period's end E (the as-of date for a partial period)", attribution: 'snapshot', grains: BOTH,
    dimensions: CHILD_ONLY, tables: ['referrals', 'tool_uses'], section: 'cumulative-harm',
    definition:
      "At each period's end E: of children with at least 3 referrals dated after E minus 12 months and on or before E, share with no tool use completed in that same window. Look-back: 12 months.",
    numerator: 'Of them, children with no tool use completed in the same window',
    denominator: 'Children with at least 3 referrals in the 12 months to E',
    items: (c) => `WITH w AS (
  SELECT p.grain, p.k, r.child_id
  FROM (
    -- Exact pre-filter: only children with three referrals inside some 12-month span can qualify.
    SELECT child_id, referral_date FROM ${c.referrals}
    WHERE child_id IN (SELECT child_id FROM ${c.referrals} WHERE prev2_date > ${minusMonths('referral_date', 12)})
  ) r JOIN ${c.periods} p ON r.referral_date > p.e_minus_12m AND r.referral_date <= p.e
  GROUP BY p.grain, p.k, r.child_id
  HAVING count(*) >= 3
)
SELECT p.grain, p.period, w.child_id AS item_id, w.child_id, p.e AS d,
  ${flag(`NOT EXISTS (SELECT 1 FROM ${c.tool_uses} t WHERE t.child_id = w.child_id AND t.completed_date > p.e_minus_12m AND t.completed_date <= p.e)`)} AS num,
  1 AS den, ${NO_VAL}
FROM w JOIN ${c.periods} p ON p.grain = w.grain AND p.k = w.k`
  },
  // ---------------------------------------------------------------- extra (dashboard only)
  {
    id: 'referrals',
    extra: true,
    title: 'Referrals',
    question: 'How many referrals are made, and by whom?',
    polarity: 'neutral', unit: 'count', snapshot: false, windows: {}, completeness: null,
    attributionDate: 'referral_date', attribution: 'dated', grains: BOTH,
    dimensions: REFERRAL_DIMS, tables: ['referrals'], section: 'referrals',
    definition: 'Count of referrals, by referral_date.',
    numerator: null, denominator: null,
    ...dated('referrals', null, null)
  }
];

const BY_ID = new Map(METRICS.map((m) => [m.id, m]));

export function metricById(id: string): MetricDef | undefined {
  return BY_ID.get(id);
}

/** The metrics of metrics.md (no extras), in registry order. */
export const SPEC_METRICS: readonly MetricDef[] = METRICS.filter((m) => !m.extra);
