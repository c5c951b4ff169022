/**
 * Validation of an action edited in the browser, against the extract contract's `actions` table
 * (extract-contract.md), so that whatever is saved also loads back through the product's loader:
 * action_id an id (1 to 64 of A-Z a-z 0-9 _ - .) unique in the plan; title required, at most 200
 * characters, one line; owner_agency one of the agency enum; due_date a real date from 2000-01-01
 * (it may lie ahead); status one of the status enum; completed_date optional, a real date from
 * 2000-01-01 and not after today; metric_id optional, a metric id of metrics.md; target optional, a
 * number. Every value is trimmed first, as the loader does.
 */
import { AGENCIES } from '../contract/agencies';
import { METRIC_IDS } from '../contract/metric-ids';
import { londonToday } from '../ingest/today';
import { ACTION_STATUSES, TITLE_MAX, type ActionField, type ActionRecord } from './types';

/** An action as typed into the form: every field as text ('' = empty). */
export type ActionDraft = Record<ActionField, string>;

export type ActionErrors = Partial<Record<ActionField, string>>;

export type Validated = { ok: true; action: ActionRecord } | { ok: false; errors: ActionErrors };

const ID_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** The loader's number syntax (sql-values.ts). */
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function dateError(s: string, allowFuture: boolean, today: string): string | null {
  if (!DATE_RE.test(s)) return 'Write the date as YYYY-MM-DD.';
  if (!isRealDate(s)) return `${s} is not a real calendar date.`;
  if (s < '2000-01-01') return 'The date must be on or after 2000-01-01.';
  if (!allowFuture && s > today) return `The date must not be after today (${today}).`;
  return null;
}

/** A blank form for a new action. */
export function emptyDraft(): ActionDraft {
  return { action_id: '', title: '', owner_agency: '', due_date: '', status: 'not_started', completed_date: '', metric_id: '', target: '' };
}

/** The form's text for an existing action. */
export function draftOf(a: ActionRecord): ActionDraft {
  return {
    action_id: a.action_id,
    title: a.title,
    owner_agency: a.owner_agency,
    due_date: a.due_date,
    status: a.status,
    completed_date: a.completed_date ?? '',
    metric_id: a.metric_id ?? '',
    target: a.target === null ? '' : String(a.target)
  };
}

/**
 * Check a draft. `otherIds`: the ids of the plan's other actions (not the one being edited).
 * `today`: YYYY-MM-DD (default today in Europe/London, as the loader's).
 */
export function validateAction(draft: ActionDraft, opts: { otherIds: Iterable<string>; today?: string }): Validated {
  const today = opts.today ?? londonToday();
  const v = Object.fromEntries(Object.entries(draft).map(([k, x]) => [k, x.trim()])) as ActionDraft;
  const errors: ActionErrors = {};
  const others = new Set(opts.otherIds);

  if (v.action_id === '') errors.action_id = 'Give the action an id.';
  else if (!ID_RE.test(v.action_id)) errors.action_id = 'Use 1 to 64 characters of A-Z a-z 0-9 _ - . (no spaces).';
  else if (others.has(v.action_id)) errors.action_id = `Another action already has the id ${v.action_id}.`;

  const titleLength = [...v.title].length;
  if (v.title === '') errors.title = 'Give the action a title.';
  else if (titleLength > TITLE_MAX) errors.title = `The title is ${titleLength} characters: at most ${TITLE_MAX}.`;
  else if (/[\r\n]/.test(v.title)) errors.title = 'Write the title on one line.';

  if (v.owner_agency === '') errors.owner_agency = 'Choose the owning agency.';
  else if (!(AGENCIES as readonly string[]).includes(v.owner_agency)) errors.owner_agency = `"${v.owner_agency}" is not an agency of the contract.`;

  if (v.due_date === '') errors.due_date = 'Give a due date.';
  else {
    const e = dateError(v.due_date, true, today);
    if (e) errors.due_date = e;
  }

  if (!(ACTION_STATUSES as readonly string[]).includes(v.status)) errors.status = `"${v.status}" is not a status of the contract.`;

  if (v.completed_date !== '') {
    const e = dateError(v.completed_date, false, today);
    if (e) errors.completed_date = e;
  }

  if (v.metric_id !== '' && !(METRIC_IDS as readonly string[]).includes(v.metric_id)) {
    errors.metric_id = `"${v.metric_id}" is not a measure of metrics.md.`;
  }

  let target: number | null = null;
  if (v.target !== '') {
    const n = Number(v.target);
    if (!NUMBER_RE.test(v.target) || !Number.isFinite(n)) errors.target = 'The target must be a number, e.g. 0.6 for 60%.';
    else target = n;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    action: {
      action_id: v.action_id,
      title: v.title,
      owner_agency: v.owner_agency,
      due_date: v.due_date,
      status: v.status,
      completed_date: v.completed_date === '' ? null : v.completed_date,
      metric_id: v.metric_id === '' ? null : v.metric_id,
      target
    }
  };
}
