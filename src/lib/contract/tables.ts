/**
 * The extract contract (version 1), stated once. Everything else - validation SQL, the generated
 * documentation, the template CSVs - is derived from these definitions.
 */
import { AGENCIES, AGENCY_ALIASES } from './agencies';
import { METRIC_IDS } from './metric-ids';

export type FieldKind =
  | 'id'
  | 'date'
  | 'month'
  | 'bool'
  | 'int'
  | 'number'
  | 'enum'
  | 'agency_list'
  | 'quarter'
  | 'text';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly description: string;
  /** enum / agency_list: canonical values. */
  readonly values?: readonly string[];
  /** enum / agency_list: normalised alias -> canonical value. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** A short name for the enum shown in docs (e.g. `agency`). */
  readonly enumName?: string;
  /** int: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** int: may not exceed this other field of the same row (e.g. staff_trained <= staff_in_scope). */
  readonly maxField?: string;
  /** text: maximum length in characters. */
  readonly maxLength?: number;
  /** date: may not be before this other date field of the same row (the row is rejected). */
  readonly notBefore?: string;
  /** date: may lie after today (actions.due_date). */
  readonly allowFuture?: boolean;
  /** id: unique in the table (across parts). */
  readonly unique?: boolean;
  /** id: refers to this table's key; an unresolved reference is a warning. */
  readonly references?: { readonly table: TableName; readonly field: string };
}

export const TABLE_NAMES = [
  'children',
  'referrals',
  'assessments',
  'tool_uses',
  'episodes',
  'education',
  'training',
  'barriers',
  'actions'
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface TableSpec {
  readonly name: TableName;
  readonly required: boolean;
  readonly description: string;
  readonly fields: readonly FieldSpec[];
  /** The unique id field, for tables with one. */
  readonly idField?: string;
  /** Aggregate tables: the key; a repeat within a part is rejected, parts add up. */
  readonly key?: readonly string[];
  /** Aggregate tables: the fields summed across parts. */
  readonly sumFields?: readonly string[];
}

const agencyEnum = { kind: 'enum', values: AGENCIES, aliases: AGENCY_ALIASES, enumName: 'agency' } as const;
const TOOLS = ['gcp2', 'quality_of_care', 'local_toolkit', 'other'] as const;
const TOOL_ALIASES = { graded_care_profile: 'gcp2', gcp: 'gcp2', qoc: 'quality_of_care' } as const;
const toolEnum = { kind: 'enum', values: TOOLS, aliases: TOOL_ALIASES, enumName: 'tool' } as const;
const YES_NO_ALIASES = { y: 'yes', n: 'no' } as const;

const childRef = { table: 'children', field: 'child_id' } as const;
const grade = (name: string, description: string): FieldSpec => ({
  name,
  kind: 'int',
  required: false,
  min: 1,
  max: 5,
  description
});

export const TABLES: readonly TableSpec[] = [
  {
    name: 'children',
    required: false,
    description: 'One row per child; enables breakdowns.',
    idField: 'child_id',
    fields: [
      { name: 'child_id', kind: 'id', required: true, unique: true, description: 'Unique in the table.' },
      {
        name: 'birth_month',
        kind: 'month',
        required: false,
        description: 'Age at any event is whole years from the first of this month.'
      },
      { name: 'sex', kind: 'enum', required: false, values: ['female', 'male', 'other', 'unknown'], description: '' },
      {
        name: 'ethnicity',
        kind: 'enum',
        required: false,
        values: ['white', 'mixed', 'asian', 'black', 'other', 'unknown'],
        description: 'ONS top-level groups.'
      },
      {
        name: 'disability',
        kind: 'enum',
        required: false,
        values: ['yes', 'no', 'unknown'],
        aliases: YES_NO_ALIASES,
        description: ''
      },
      {
        name: 'imd_decile',
        kind: 'int',
        required: false,
        min: 1,
        max: 10,
        description: 'Index of Multiple Deprivation decile, 1 = most deprived.'
      },
      {
        name: 'locality',
        kind: 'text',
        required: false,
        maxLength: 64,
        description: 'District or authority within the partnership.'
      }
    ]
  },
  {
    name: 'referrals',
    required: true,
    description:
      "One row per referral or contact to children's social care or the front door. The only required table.",
    idField: 'referral_id',
    fields: [
      { name: 'referral_id', kind: 'id', required: true, unique: true, description: 'Unique.' },
      { name: 'child_id', kind: 'id', required: true, references: childRef, description: '' },
      { name: 'referral_date', kind: 'date', required: true, description: '' },
      { name: 'referrer_agency', ...agencyEnum, required: true, description: '' },
      { name: 'neglect_concern', kind: 'bool', required: true, description: 'Neglect is among the stated concerns.' },
      {
        name: 'decision_date',
        kind: 'date',
        required: false,
        notBefore: 'referral_date',
        description: 'Decision on next steps; null = awaiting decision.'
      },
      {
        name: 'outcome',
        kind: 'enum',
        required: false,
        values: ['nfa', 'advice', 'early_help', 'assessment', 'strategy', 'other'],
        description: 'Null = awaiting decision.'
      },
      {
        name: 'feedback_date',
        kind: 'date',
        required: false,
        notBefore: 'referral_date',
        description: 'Outcome fed back to the referrer.'
      }
    ]
  },
  {
    name: 'assessments',
    required: false,
    description: "Statutory children's social care assessments.",
    idField: 'assessment_id',
    fields: [
      { name: 'assessment_id', kind: 'id', required: true, unique: true, description: 'Unique.' },
      { name: 'child_id', kind: 'id', required: true, references: childRef, description: '' },
      {
        name: 'referral_id',
        kind: 'id',
        required: false,
        references: { table: 'referrals', field: 'referral_id' },
        description: 'The referral that led to it.'
      },
      { name: 'start_date', kind: 'date', required: true, description: '' },
      {
        name: 'completion_date',
        kind: 'date',
        required: false,
        notBefore: 'start_date',
        description: 'Authorisation date; null = still open.'
      },
      {
        name: 'neglect_identified',
        kind: 'bool',
        required: false,
        description: 'Neglect recorded as a factor at the end of assessment (census factor 16A).'
      },
      {
        name: 'outcome',
        kind: 'enum',
        required: false,
        values: ['nfa', 'early_help', 'child_in_need', 'child_protection', 'other'],
        description: ''
      }
    ]
  },
  {
    name: 'tool_uses',
    required: false,
    description: 'Each completed use of a neglect assessment tool, by any agency.',
    idField: 'tool_use_id',
    fields: [
      { name: 'tool_use_id', kind: 'id', required: true, unique: true, description: 'Unique.' },
      { name: 'child_id', kind: 'id', required: true, references: childRef, description: '' },
      { name: 'tool', ...toolEnum, required: true, description: '' },
      { name: 'completed_date', kind: 'date', required: true, description: '' },
      { name: 'lead_agency', ...agencyEnum, required: true, description: '' },
      {
        name: 'contributing_agencies',
        kind: 'agency_list',
        required: false,
        values: AGENCIES,
        aliases: AGENCY_ALIASES,
        enumName: 'agency',
        description:
          'Other agencies that contributed, separated by `;`. Each element is trimmed and normalised like an enum; empty elements are ignored; an element that is not an agency is dropped with a warning and the rest kept.'
      },
      grade('physical_care', 'Graded Care Profile 2 area grade, 1 best, 5 worst.'),
      grade('safety', 'Graded Care Profile 2 area grade, 1 best, 5 worst.'),
      grade('love_belonging', 'Graded Care Profile 2 area grade, 1 best, 5 worst.'),
      grade('esteem', 'Graded Care Profile 2 area grade, 1 best, 5 worst.')
    ]
  },
  {
    name: 'episodes',
    required: false,
    description: 'Periods of help: early help, child in need, child protection plan.',
    idField: 'episode_id',
    fields: [
      { name: 'episode_id', kind: 'id', required: true, unique: true, description: 'Unique.' },
      { name: 'child_id', kind: 'id', required: true, references: childRef, description: '' },
      {
        name: 'type',
        kind: 'enum',
        required: true,
        values: ['early_help', 'child_in_need', 'child_protection'],
        description: ''
      },
      { name: 'start_date', kind: 'date', required: true, description: '' },
      { name: 'end_date', kind: 'date', required: false, notBefore: 'start_date', description: 'Null = open.' },
      {
        name: 'closure_reason',
        kind: 'enum',
        required: false,
        values: [
          'improved',
          'no_change',
          'non_engagement',
          'consent_withdrawn',
          'moved_away',
          'stepped_up',
          'stepped_down',
          'other'
        ],
        description:
          'Why the help ended; census RC codes do not say whether things changed, so they are not aliases. An ended episode whose closure_reason is missing or invalid is kept with `other` and a warning; an open episode\'s closure_reason is ignored; a file with no closure_reason column does not record it (no `other`, no warning).'
      },
      {
        name: 'closure_code',
        kind: 'text',
        required: false,
        maxLength: 16,
        description: "The source's own closure code (e.g. a census RC code), kept for audit; no measure reads it."
      },
      { name: 'neglect', kind: 'bool', required: false, description: 'Neglect is a category or need of the episode.' }
    ]
  },
  {
    name: 'education',
    required: false,
    description: 'Children missing education, part-time timetables, elective home education.',
    idField: 'record_id',
    fields: [
      { name: 'record_id', kind: 'id', required: true, unique: true, description: 'Unique.' },
      { name: 'child_id', kind: 'id', required: true, references: childRef, description: '' },
      {
        name: 'status',
        kind: 'enum',
        required: true,
        values: ['missing_education', 'part_time_timetable', 'elective_home_education'],
        aliases: { cme: 'missing_education', ptt: 'part_time_timetable', ehe: 'elective_home_education' },
        description: ''
      },
      { name: 'start_date', kind: 'date', required: true, description: '' },
      {
        name: 'end_date',
        kind: 'date',
        required: false,
        description: 'Located, back on roll, full time, or register closed; null = open.'
      },
      {
        name: 'first_action_date',
        kind: 'date',
        required: false,
        notBefore: 'start_date',
        description: 'First recorded oversight action: enquiries begun or a named lead assigned.'
      },
      {
        name: 'last_review_date',
        kind: 'date',
        required: false,
        notBefore: 'start_date',
        description: 'Most recent formal review.'
      }
    ]
  },
  {
    name: 'training',
    required: false,
    description: 'Aggregate; no staff identifiers.',
    key: ['quarter', 'agency', 'tool'],
    sumFields: ['staff_in_scope', 'staff_trained'],
    fields: [
      { name: 'quarter', kind: 'quarter', required: true, description: '' },
      { name: 'agency', ...agencyEnum, required: true, description: '' },
      { name: 'tool', ...toolEnum, required: true, description: '' },
      { name: 'staff_in_scope', kind: 'int', required: true, min: 0, description: 'Staff expected to use the tool.' },
      {
        name: 'staff_trained',
        kind: 'int',
        required: true,
        min: 0,
        maxField: 'staff_in_scope',
        description: 'Of them, trained and in date at quarter end.'
      }
    ]
  },
  {
    name: 'barriers',
    required: false,
    description: 'Aggregate practitioner survey.',
    key: ['quarter', 'agency', 'barrier'],
    sumFields: ['respondents', 'reporting_barrier'],
    fields: [
      { name: 'quarter', kind: 'quarter', required: true, description: '' },
      { name: 'agency', ...agencyEnum, required: true, description: '' },
      {
        name: 'barrier',
        kind: 'enum',
        required: true,
        values: ['training', 'guidance', 'time', 'systems', 'confidence', 'other'],
        description: ''
      },
      { name: 'respondents', kind: 'int', required: true, min: 0, description: '' },
      {
        name: 'reporting_barrier',
        kind: 'int',
        required: true,
        min: 0,
        maxField: 'respondents',
        description: 'Respondents who said this barrier affects their use of tools.'
      }
    ]
  },
  {
    name: 'actions',
    required: false,
    description: 'The neglect strategy action plan.',
    idField: 'action_id',
    fields: [
      { name: 'action_id', kind: 'id', required: true, unique: true, description: 'Unique.' },
      { name: 'title', kind: 'text', required: true, maxLength: 200, description: '' },
      { name: 'owner_agency', ...agencyEnum, required: true, description: '' },
      { name: 'due_date', kind: 'date', required: true, allowFuture: true, description: 'May lie ahead.' },
      {
        name: 'status',
        kind: 'enum',
        required: true,
        values: ['not_started', 'on_track', 'at_risk', 'off_track', 'complete'],
        description: ''
      },
      { name: 'completed_date', kind: 'date', required: false, description: '' },
      {
        name: 'metric_id',
        kind: 'enum',
        required: false,
        values: METRIC_IDS,
        enumName: 'metric id',
        description: 'A metric id from metrics.md: the measure this action should move.'
      },
      { name: 'target', kind: 'number', required: false, description: 'The value of that metric the action aims for.' }
    ]
  }
];

export function tableSpec(name: string): TableSpec | undefined {
  return TABLES.find((t) => t.name === name);
}

/** SQL type of a field in the typed table. */
export function sqlType(kind: FieldKind): string {
  switch (kind) {
    case 'date':
    case 'month':
      return 'DATE';
    case 'bool':
      return 'BOOLEAN';
    case 'int':
      return 'INTEGER';
    case 'number':
      return 'DOUBLE';
    case 'agency_list':
      return 'VARCHAR[]';
    default:
      return 'VARCHAR';
  }
}

/** Header / enum normalisation: trim, lower case, spaces and hyphens as underscores. */
export function normaliseName(s: string): string {
  return s.trim().toLowerCase().replace(/[ -]/g, '_');
}
