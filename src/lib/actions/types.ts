/** An action of the plan, as the contract's `actions` table holds it (and as actions.csv writes it). */
export interface ActionRecord {
  action_id: string;
  title: string;
  owner_agency: string;
  due_date: string;
  status: string;
  completed_date: string | null;
  metric_id: string | null;
  target: number | null;
}

/** The fields of actions.csv, in the contract's order. */
export const ACTION_FIELDS = [
  'action_id',
  'title',
  'owner_agency',
  'due_date',
  'status',
  'completed_date',
  'metric_id',
  'target'
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

/** The contract's status enum, in the order a plan moves through it. */
export const ACTION_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'complete'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The contract's maximum title length (characters). */
export const TITLE_MAX = 200;
