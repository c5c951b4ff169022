/**
 * A chronology event in plain words: what happened, what followed, and the markers. Pure text from
 * the event's fields (no number is worked out here beyond naming it), so the page only lays it out.
 */
import { groupLabel } from '../views/labels';
import { MARKER_WORDS, type ChronologyEvent } from './sql';

export const TABLE_WORDS: Record<ChronologyEvent['table'], string> = {
  referrals: 'Referral',
  assessments: 'Assessment',
  tool_uses: 'Neglect tool',
  episodes: 'Help',
  education: 'Education'
};

const AREAS = [
  ['physical_care', 'Physical care'],
  ['safety', 'Safety'],
  ['love_belonging', 'Love and belonging'],
  ['esteem', 'Esteem']
] as const;

const wd = (n: number | null): string => (n === null ? '' : ` (${n} working day${n === 1 ? '' : 's'})`);
const SPECIAL: Record<string, string> = { nfa: 'no further action', consent_withdrawn: 'consent withdrawn', non_engagement: 'non-engagement' };
/** An outcome or closure reason in words ('nfa' -> 'no further action'). */
const words = (v: string | null): string => (v === null ? 'not recorded' : (SPECIAL[v] ?? v.replaceAll('_', ' ')));

export function agencyWords(a: string | null): string {
  return a === null ? 'Unknown agency' : groupLabel('agency', a);
}

/** The headline of an event: "Referral by police (neglect concern)". */
export function whatHappened(e: ChronologyEvent): string {
  switch (e.table) {
    case 'referrals':
      return `Referral from ${agencyWords(e.agency).toLowerCase()}${e.neglect ? ', neglect among the concerns' : ''}`;
    case 'assessments':
      return `Statutory assessment started${e.referral_id ? ` (from referral ${e.referral_id})` : ''}${e.neglect ? ', neglect identified' : ''}`;
    case 'tool_uses':
      return `${groupLabel('tool', e.tool)} completed, led by ${agencyWords(e.agency).toLowerCase()}${e.contributing_agencies?.length ? ` with ${e.contributing_agencies.map((a) => agencyWords(a).toLowerCase()).join(', ')}` : ''}`;
    case 'episodes':
      return `${groupLabel('type', e.type)} started${e.neglect ? ' (neglect a category of need)' : ''}`;
    case 'education':
      return `${groupLabel('status', e.status)} began`;
  }
}

/** What followed, one sentence each. */
export function whatFollowed(e: ChronologyEvent): string[] {
  const out: string[] = [];
  switch (e.table) {
    case 'referrals':
      out.push(e.decision_date ? `Decision ${e.decision_date}${wd(e.wd_decision)}: ${words(e.outcome)}` : 'Awaiting a decision');
      if (e.feedback_date) out.push(`Feedback to the referrer ${e.feedback_date}${wd(e.wd_feedback)}`);
      else if (e.decision_date) out.push('No feedback to the referrer recorded');
      break;
    case 'assessments':
      out.push(e.end_date ? `Completed ${e.end_date}${wd(e.wd_duration)}${e.outcome ? `: ${words(e.outcome)}` : ''}` : 'Still open');
      break;
    case 'tool_uses':
      break;
    case 'episodes':
      out.push(e.end_date ? `Closed ${e.end_date}${wd(e.wd_duration)}: ${words(e.closure_reason)}` : 'Still open');
      break;
    case 'education':
      out.push(e.first_action_date ? `First action ${e.first_action_date}${wd(e.wd_first_action)}` : 'No first action recorded');
      if (e.last_review_date) out.push(`Last review ${e.last_review_date}`);
      out.push(e.end_date ? `Ended ${e.end_date}` : 'Still open');
      break;
  }
  return out;
}

export interface GradeRow {
  area: string;
  grade: number | null;
  change: number | null;
}

/** Grades per area with the change since the previous use of the same tool (negative = better). */
export function grades(e: ChronologyEvent): GradeRow[] {
  if (e.table !== 'tool_uses') return [];
  if (AREAS.every(([k]) => e[k] === null)) return [];
  return AREAS.map(([k, area]) => ({ area, grade: e[k], change: e[`d_${k}`] }));
}

export function changeWords(c: number | null): string {
  if (c === null) return '';
  if (c === 0) return 'no change';
  return c < 0 ? `${c} (better)` : `+${c} (worse)`;
}

/** Each marker in words, naming the record it points to. */
export function markerWords(e: ChronologyEvent): string[] {
  return e.markers.map((m) => {
    const base = MARKER_WORDS[m];
    if (m === 'rereferral_12m' && e.earlier_id) return `${base} (after ${e.earlier_id})`;
    if ((m === 'nfa_remade_12m' || m === 'closed_no_change_rereferred_12m') && e.later_id) return `${base} (${e.later_id})`;
    return base;
  });
}
