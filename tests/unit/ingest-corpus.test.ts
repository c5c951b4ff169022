/**
 * The bad-input corpus (tests/fixtures/bad): each extract's report asserted exactly - counts per
 * table (and per part), refused / unused files, ignored columns, and every rejection and warning
 * entry - in CSV and, where the format allows, the same rows as Parquet and XLSX.
 * Expected values are worked out by hand from the fixture rows (today = 2024-06-30).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { NodeEngine } from '../../src/lib/engine/node';
import type { Row } from '../../src/lib/engine/types';
import { loadExtract, type LoadReport } from '../../src/lib/ingest/index';
import { readExtractDir } from '../../src/lib/ingest/files-node';
import { convertDir, labelIn, lineIn, reasonIn, type Format } from './ingest-variants';

const TODAY = '2024-06-30';
const BAD = join(__dirname, '../fixtures/bad');
const ALL: Format[] = ['csv', 'parquet', 'xlsx'];

/** [file (as CSV), line (CSV), column, value, reason] */
type Entry = [string, number, string, string, string];
/** [read, loaded, rejected, warnings per column] */
type Counts = [number, number, number, Record<string, number>?];

interface Case {
  dir: string;
  formats: Format[];
  tables: Record<string, Counts>;
  parts?: Record<string, [string, number, number, number][]>;
  refused?: { file: string; reason: string }[];
  unused?: { file: string; reason: string }[];
  ignored?: { file: string; columns: string[] }[];
  repeated?: { file: string; columns: string[] }[];
  missingRequired?: string[];
  /** why the load did not replace the extract (report.failure) */
  failure?: string;
  rejections?: Entry[];
  warnings?: Entry[];
  /** typed-table checks: query and expected rows */
  typed?: [string, Row[]][];
}

const AGENCY_LIST =
  'police, health, education, early_years, social_care, early_help, housing, voluntary, public, anonymous, other, unknown';
const BAD_DATE = 'not a date: use YYYY-MM-DD or DD/MM/YYYY';
const GRADE = 'not a whole number from 1 to 5: set to empty';
const NOT_REAL = 'not a real calendar date';
const ROW = '(whole row)';
const FREE_TEXT = 'holds what looks like an NHS number or a full postcode: remove it (the value is not shown here)';

const CASES: Case[] = [
  {
    // UTF-8 byte-order mark is accepted: 2 rows read, 2 loaded
    dir: '01-bom',
    formats: ['csv'],
    tables: { referrals: [2, 2, 0] },
    typed: [['SELECT referral_id FROM referrals ORDER BY 1', [{ referral_id: 'R1' }, { referral_id: 'R2' }]]]
  },
  {
    dir: '02-utf16',
    formats: ['csv'],
    tables: {},
    refused: [
      {
        file: 'referrals.csv',
        reason: 'referrals.csv refused: the file is encoded as UTF-16; save it as "CSV UTF-8" and load it again.'
      }
    ],
    missingRequired: ['referrals']
  },
  {
    // the whole header is one column 'referral_id;child_id;...': none of the 5 required columns is found
    dir: '03-semicolons',
    formats: ['csv'],
    tables: {},
    refused: [
      {
        file: 'referrals.csv',
        reason:
          "referrals.csv refused: it lacks the required columns 'referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern'. The file looks separated by semicolons: save it comma separated."
      }
    ],
    missingRequired: ['referrals']
  },
  {
    // referrals lacks neglect_concern (refused); children still loads its 1 row
    dir: '04-missing-column',
    formats: ['csv'],
    tables: { children: [1, 1, 0] },
    refused: [{ file: 'referrals.csv', reason: "referrals.csv refused: it lacks the required column 'neglect_concern'." }],
    missingRequired: ['referrals']
  },
  {
    // 4 rows: line 2 bad bool, line 3 bad id + bad date (2 entries, 1 row), line 5 no id -> 3 rejected, 1 loaded
    dir: '05-wrong-types',
    formats: ALL,
    tables: { referrals: [4, 1, 3] },
    rejections: [
      ['referrals.csv', 2, 'neglect_concern', 'maybe', 'not true/false, yes/no, y/n or 1/0'],
      ['referrals.csv', 3, 'child_id', 'C 2', 'not a valid id: use 1 to 64 characters of A-Z a-z 0-9 _ - .'],
      ['referrals.csv', 3, 'referral_date', 'yesterday', BAD_DATE],
      ['referrals.csv', 5, 'referral_id', '', 'missing (required)']
    ],
    typed: [['SELECT referral_id, neglect_concern FROM referrals', [{ referral_id: 'R3', neglect_concern: true }]]]
  },
  {
    // 31/02/2024 does not exist; 29/02/2024 does (2024 is a leap year)
    dir: '06-feb-31',
    formats: ALL,
    tables: { referrals: [2, 1, 1] },
    rejections: [['referrals.csv', 2, 'referral_date', '31/02/2024', NOT_REAL]],
    typed: [['SELECT referral_date FROM referrals', [{ referral_date: '2024-02-29' }]]]
  },
  {
    // month 13 and 30 February are not real; 2024-1-5 is not the YYYY-MM-DD form
    dir: '07-month-13',
    formats: ALL,
    tables: { referrals: [3, 0, 3] },
    failure: 'No referral was loaded: all 3 rows of referrals were rejected (see the problems below).',
    rejections: [
      ['referrals.csv', 2, 'referral_date', '2024-13-01', NOT_REAL],
      ['referrals.csv', 3, 'referral_date', '2024-02-30', NOT_REAL],
      ['referrals.csv', 4, 'referral_date', '2024-1-5', BAD_DATE]
    ]
  },
  {
    // UK order: 12/25/2024 would be month 25; 02/03/2024 = 2 March; 3/4/2024 = 3 April
    dir: '08-us-dates',
    formats: ALL,
    tables: { referrals: [3, 2, 1] },
    rejections: [['referrals.csv', 2, 'referral_date', '12/25/2024', NOT_REAL]],
    typed: [
      [
        'SELECT referral_id, referral_date FROM referrals ORDER BY 1',
        [
          { referral_id: 'R2', referral_date: '2024-03-02' },
          { referral_id: 'R3', referral_date: '2024-04-03' }
        ]
      ]
    ]
  },
  {
    // today 2024-06-30: 2024-07-01 is after it (rejected, required); 1999-12-31 before 2000;
    // an optional future decision_date becomes null with a warning; 30/06/2024 is today (fine)
    dir: '09-future-and-old',
    formats: ALL,
    tables: { referrals: [4, 2, 2, { decision_date: 1 }] },
    rejections: [
      ['referrals.csv', 2, 'referral_date', '2024-07-01', 'after today (2024-06-30)'],
      ['referrals.csv', 3, 'referral_date', '1999-12-31', 'before 2000-01-01']
    ],
    warnings: [['referrals.csv', 4, 'decision_date', '2024-07-02', 'after today (2024-06-30): set to empty']],
    typed: [
      [
        'SELECT referral_id, decision_date FROM referrals ORDER BY 1',
        [
          { referral_id: 'R3', decision_date: null },
          { referral_id: 'R4', decision_date: null }
        ]
      ]
    ]
  },
  {
    // R1 twice: second rejected. R2 first row invalid, so the second R2 is the first valid one and loads.
    // r1 differs from R1 (ids are case-sensitive). 5 read = 3 loaded + 2 rejected
    dir: '10-duplicate-ids',
    formats: ALL,
    tables: { referrals: [5, 3, 2] },
    rejections: [
      ['referrals.csv', 3, 'referral_id', 'R1', 'referral_id already used by referrals.csv line 2'],
      ['referrals.csv', 4, 'referral_date', 'not-a-date', BAD_DATE]
    ],
    typed: [
      [
        'SELECT referral_id, child_id FROM referrals ORDER BY referral_date',
        [
          { referral_id: 'R1', child_id: 'C1' },
          { referral_id: 'R2', child_id: 'C3' },
          { referral_id: 'r1', child_id: 'C4' }
        ]
      ]
    ]
  },
  {
    // E1 ends the day before it starts (rejected); E2 ends the same day (fine)
    dir: '11-end-before-start',
    formats: ALL,
    tables: { referrals: [1, 1, 0], episodes: [2, 1, 1] },
    rejections: [['episodes.csv', 2, 'end_date', '2024-01-31', 'before start_date (2024-02-01)']]
  },
  {
    dir: '12-decision-before-referral',
    formats: ALL,
    tables: { referrals: [3, 1, 2] },
    rejections: [
      ['referrals.csv', 2, 'decision_date', '2024-03-09', 'before referral_date (2024-03-10)'],
      ['referrals.csv', 3, 'feedback_date', '2024-03-09', 'before referral_date (2024-03-10)']
    ]
  },
  {
    // unknown required agency rejects; unknown optional outcome is a warning; 'Social Care', 'Y',
    // 'Early-Help' normalise to social_care, true, early_help
    dir: '13-unknown-enum',
    formats: ALL,
    tables: { referrals: [3, 2, 1, { outcome: 1 }] },
    rejections: [['referrals.csv', 2, 'referrer_agency', 'martians', `not one of the accepted values (${AGENCY_LIST})`]],
    warnings: [
      [
        'referrals.csv',
        3,
        'outcome',
        'perhaps',
        'not one of the accepted values (nfa, advice, early_help, assessment, strategy, other): set to empty'
      ]
    ],
    typed: [
      [
        "SELECT referrer_agency, neglect_concern, outcome FROM referrals WHERE referral_id = 'R3'",
        [{ referrer_agency: 'social_care', neglect_concern: true, outcome: 'early_help' }]
      ]
    ]
  },
  {
    // census codes and words, in file order R1..R17
    dir: '14-census-codes',
    formats: ALL,
    tables: { referrals: [17, 17, 0] },
    typed: [
      [
        "SELECT list(referrer_agency ORDER BY CAST(substr(referral_id, 2) AS INTEGER)) AS a FROM referrals",
        [
          {
            a: [
              'public', // 1A
              'public', // 1d
              'education', // 2B
              'health', // 3F
              'housing', // 4
              'social_care', // 5C
              'early_help', // 5D
              'police', // 6
              'other', // 7
              'other', // 8
              'anonymous', // 9
              'unknown', // 10
              'education', // School
              'early_years', // nursery
              'health', // GP
              'health', // NHS
              'health' // Hospital
            ]
          }
        ]
      ]
    ]
  },
  {
    // 'Referral ID', 'Child-ID', 'REFERRER AGENCY', ' neglect_concern ', 'Decision Date' all match
    dir: '15-extra-columns',
    formats: ALL,
    tables: { referrals: [1, 1, 0] },
    ignored: [{ file: 'referrals.csv', columns: ['notes'] }],
    typed: [['SELECT decision_date FROM referrals', [{ decision_date: '2024-01-06' }]]]
  },
  {
    dir: '16-empty-file',
    formats: ['csv'],
    tables: {},
    refused: [{ file: 'referrals.csv', reason: 'referrals.csv refused: the file is empty.' }],
    missingRequired: ['referrals']
  },
  {
    // header only: the table is present and empty, so the load fails (the previous extract stays)
    dir: '17-header-only',
    formats: ALL,
    tables: { referrals: [0, 0, 0] },
    failure: 'No referral was loaded: the referrals file has a header but no rows.'
  },
  {
    // every referral rejected: a failed load, although children loaded its row
    dir: '37-all-rejected',
    formats: ALL,
    tables: { children: [1, 1, 0], referrals: [2, 0, 2] },
    failure: 'No referral was loaded: all 2 rows of referrals were rejected (see the problems below).',
    rejections: [
      ['referrals.csv', 2, 'referral_date', '2024-13-01', NOT_REAL],
      ['referrals.csv', 3, 'referrer_agency', 'martians', `not one of the accepted values (${AGENCY_LIST})`]
    ]
  },
  {
    dir: '18-binary-junk',
    formats: ['csv'],
    tables: {},
    refused: [{ file: 'referrals.csv', reason: 'referrals.csv refused: the file is not CSV text (it holds binary data).' }],
    missingRequired: ['referrals']
  },
  {
    // formula-looking text stays text, never evaluated; due_date may lie ahead
    dir: '19-formula-cells',
    formats: ALL,
    tables: { children: [1, 1, 0], referrals: [1, 1, 0], actions: [2, 2, 0] },
    typed: [
      [
        'SELECT action_id, title, due_date, metric_id, target FROM actions ORDER BY 1',
        [
          { action_id: 'A1', title: '=1+1', due_date: '2025-03-31', metric_id: 'rereferral_12m', target: 0.2 },
          { action_id: 'A2', title: '=HYPERLINK("http://example.org")', due_date: '2024-01-31', metric_id: null, target: null }
        ]
      ],
      ['SELECT locality FROM children', [{ locality: '=SUM(A1:A2)' }]]
    ]
  },
  {
    // a neutralised cell (single quote + = + - @ tab) loads as the text before neutralisation;
    // a single quote before anything else is kept
    dir: '36-neutralised-cells',
    formats: ALL,
    tables: { referrals: [1, 1, 0], actions: [6, 6, 0] },
    typed: [
      [
        'SELECT action_id, title, target FROM actions ORDER BY 1',
        [
          { action_id: 'A1', title: '=1+1', target: null },
          { action_id: 'A2', title: "+cmd|' /C calc'!A0", target: null },
          { action_id: 'A3', title: '@SUM(1)', target: null },
          { action_id: 'A4', title: '-minus', target: -0.5 },
          { action_id: 'A5', title: "'plain quote", target: null },
          { action_id: 'A6', title: '\t=tab', target: null }
        ]
      ]
    ]
  },
  {
    // HTML is kept as text; 'Not Started' and 'Decision WD' normalise; target 'x' is not a number
    dir: '20-html-labels',
    formats: ALL,
    tables: { referrals: [1, 1, 0], actions: [2, 2, 0, { target: 1 }] },
    warnings: [['actions.csv', 3, 'target', 'x', 'not a number: set to empty']],
    typed: [
      [
        'SELECT title, status, metric_id FROM actions ORDER BY action_id',
        [
          { title: '<b>Plan</b><script>alert(1)</script>', status: 'not_started', metric_id: null },
          { title: 'Tom & Jerry <i>review</i>', status: 'not_started', metric_id: 'decision_wd' }
        ]
      ]
    ]
  },
  {
    // 9434765919: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299, 299 mod 11 = 2, 11-2 = 9 = last digit.
    // 4010232137: 40+0+8+0+12+15+8+3+6 = 92, 92 mod 11 = 4, 11-4 = 7 = last digit. 3 of 3 pass.
    dir: '21-nhs-in-id',
    formats: ALL,
    tables: { referrals: [1, 1, 0] },
    refused: [
      {
        file: 'children.csv',
        reason:
          "children.csv refused: column 'child_id' holds what look like NHS numbers (3 of 3 ten-digit values pass the NHS number check). Remove that column, or replace its values with pseudonymous ids, and export the file again."
      }
    ]
  },
  {
    dir: '22-postcode-column',
    formats: ALL,
    tables: { children: [1, 1, 0] },
    refused: [
      {
        file: 'referrals.csv',
        reason:
          "referrals.csv refused: column 'Home Postcode' looks like a direct identifier ('postcode'). Remove that column and export the file again; extracts must be anonymised."
      }
    ],
    ignored: [{ file: 'children.csv', columns: ['locality_name'] }],
    missingRequired: ['referrals']
  },
  {
    // UPN check letters: C100000000000: 1*2 = 2 -> 'C'; P000000000001: 1*13 = 13 -> 'P'
    // (A..N are 0..12 without I); E200000000000: 2*2 = 4 -> 'E'. 3 of 3 valid.
    dir: '23-upns',
    formats: ALL,
    tables: { referrals: [1, 1, 0] },
    refused: [
      {
        file: 'children.csv',
        reason:
          "children.csv refused: column 'pupil_ref' holds what look like Unique Pupil Numbers (3 of 3 values carry a valid UPN check letter). Remove that column, or replace its values with pseudonymous ids, and export the file again."
      }
    ]
  },
  {
    // parts read in name order: north (R1, R2) then south (R1 again: rejected, R3). 4 = 3 + 1
    dir: '24-parts-repeated-id',
    formats: ALL,
    tables: { referrals: [4, 3, 1] },
    parts: {
      referrals: [
        ['referrals.north.csv', 2, 2, 0],
        ['referrals.south.csv', 2, 1, 1]
      ]
    },
    rejections: [['referrals.south.csv', 2, 'referral_id', 'R1', 'referral_id already used by referrals.north.csv line 2']]
  },
  {
    // a: line 3 repeats a's line 2 key (GCP = gcp2) -> rejected; line 4 trained 4 > in scope 3.
    // b: line 2 has a's key (q1 and 'graded care profile' normalise) -> added: 10+6 = 16 in scope,
    // 5+6 = 11 trained; line 3 '2024-26' is not a financial year. 5 read = 2 loaded + 3 rejected
    dir: '25-training-parts',
    formats: ALL,
    tables: { referrals: [1, 1, 0], training: [5, 2, 3] },
    parts: {
      training: [
        ['training.a.csv', 3, 1, 2],
        ['training.b.csv', 2, 1, 1]
      ]
    },
    rejections: [
      ['training.a.csv', 3, 'tool', 'GCP', 'repeats the key (quarter, agency, tool) of line 2 in the same file'],
      ['training.a.csv', 4, 'staff_trained', '4', 'more than staff_in_scope (3)'],
      ['training.b.csv', 3, 'quarter', '2024-26 Q2', "not a financial-year quarter like '2025-26 Q1'"]
    ],
    typed: [
      [
        'SELECT * FROM training',
        [{ quarter: '2024-25 Q1', agency: 'police', tool: 'gcp2', staff_in_scope: 16, staff_trained: 11 }]
      ]
    ]
  },
  {
    // ended without reason / with a census code -> 'other' + warning; open episode's reason ignored;
    // an invalid end_date makes the episode open (warning), so its bogus reason is ignored too
    dir: '26-episode-closure',
    formats: ALL,
    tables: { referrals: [1, 1, 0], episodes: [5, 5, 0, { closure_reason: 2, end_date: 1 }] },
    warnings: [
      ['episodes.csv', 2, 'closure_reason', '', 'missing for an ended episode: set to other'],
      [
        'episodes.csv',
        3,
        'closure_reason',
        'RC8',
        'not one of the accepted values (improved, no_change, non_engagement, consent_withdrawn, moved_away, stepped_up, stepped_down, other): set to other'
      ],
      ['episodes.csv', 6, 'end_date', 'not a date', BAD_DATE + ': set to empty']
    ],
    typed: [
      [
        'SELECT episode_id, closure_reason, neglect FROM episodes ORDER BY 1',
        [
          { episode_id: 'E1', closure_reason: 'other', neglect: true },
          { episode_id: 'E2', closure_reason: 'other', neglect: false },
          { episode_id: 'E3', closure_reason: null, neglect: null },
          { episode_id: 'E4', closure_reason: 'non_engagement', neglect: true },
          { episode_id: 'E5', closure_reason: null, neglect: null }
        ]
      ]
    ]
  },
  {
    dir: '27-contributing-agencies',
    formats: ALL,
    tables: { referrals: [1, 1, 0], tool_uses: [3, 3, 0, { contributing_agencies: 1 }] },
    warnings: [
      ['tool_uses.csv', 2, 'contributing_agencies', 'police; ;School;martians', 'not an agency, dropped: martians']
    ],
    typed: [
      [
        'SELECT tool_use_id, tool, lead_agency, contributing_agencies FROM tool_uses ORDER BY 1',
        [
          { tool_use_id: 'T1', tool: 'gcp2', lead_agency: 'health', contributing_agencies: ['police', 'education'] },
          { tool_use_id: 'T2', tool: 'quality_of_care', lead_agency: 'police', contributing_agencies: [] },
          { tool_use_id: 'T3', tool: 'gcp2', lead_agency: 'health', contributing_agencies: ['police', 'early_help'] }
        ]
      ]
    ]
  },
  {
    // '3' and '3.0' are 3; '3.5', '6', '0', '-1', 'x' are not grades 1-5 (warnings, set to null)
    dir: '28-int-forms',
    formats: ALL,
    tables: {
      referrals: [1, 1, 0],
      tool_uses: [2, 2, 0, { physical_care: 1, safety: 1, love_belonging: 1, esteem: 2 }]
    },
    warnings: [
      ['tool_uses.csv', 2, 'love_belonging', '3.5', GRADE],
      ['tool_uses.csv', 2, 'esteem', '6', GRADE],
      ['tool_uses.csv', 3, 'physical_care', '0', GRADE],
      ['tool_uses.csv', 3, 'safety', '-1', GRADE],
      ['tool_uses.csv', 3, 'esteem', 'x', GRADE]
    ],
    typed: [
      [
        'SELECT physical_care, safety, love_belonging, esteem FROM tool_uses ORDER BY tool_use_id',
        [
          { physical_care: 3, safety: 3, love_belonging: null, esteem: null },
          { physical_care: null, safety: null, love_belonging: 5, esteem: null }
        ]
      ]
    ]
  },
  {
    dir: '29-unresolved-refs',
    formats: ALL,
    tables: {
      children: [1, 1, 0],
      referrals: [2, 2, 0, { child_id: 1 }],
      assessments: [2, 2, 0, { referral_id: 1 }]
    },
    warnings: [
      ['referrals.csv', 3, 'child_id', 'C9', 'child_id not found in children'],
      ['assessments.csv', 3, 'referral_id', 'R99', 'referral_id not found in referrals']
    ]
  },
  {
    // a file naming no table is still checked by the privacy guard (lookup.csv: 2 of 2 NHS numbers)
    dir: '30-unused-and-checked',
    formats: ALL,
    tables: { referrals: [1, 1, 0] },
    refused: [
      {
        file: 'lookup.csv',
        reason:
          "lookup.csv refused: column 'ref' holds what look like NHS numbers (2 of 2 ten-digit values pass the NHS number check). Remove that column, or replace its values with pseudonymous ids, and export the file again."
      }
    ],
    unused: [{ file: 'notes.csv', reason: "no table named 'notes' in the extract contract" }]
  },
  {
    // a written date-time keeps its date as written: 23:30+01:00 stays 1 March
    dir: '31-date-times',
    formats: ALL,
    tables: { referrals: [5, 3, 2] },
    rejections: [
      ['referrals.csv', 4, 'referral_date', '2024-03-01 25:00', BAD_DATE],
      ['referrals.csv', 5, 'referral_date', '2024-03-01Z', BAD_DATE]
    ],
    typed: [
      [
        'SELECT referral_id, referral_date FROM referrals ORDER BY 1',
        [
          { referral_id: 'R1', referral_date: '2024-03-01' },
          { referral_id: 'R2', referral_date: '2024-03-01' },
          { referral_id: 'R5', referral_date: '2024-03-01' }
        ]
      ]
    ]
  },
  {
    // birth_month from 1990-01 to 2025-06 (12 months after 2024-06): 1989-12 and 2025-07 out,
    // '2015-4' not the YYYY-MM form; imd_decile 11 out of 1-10; Y / n are yes / no
    dir: '32-month-and-enums',
    formats: ALL,
    tables: { children: [5, 5, 0, { birth_month: 3, imd_decile: 1 }], referrals: [1, 1, 0] },
    warnings: [
      ['children.csv', 3, 'birth_month', '1989-12', 'before 1990-01: set to empty'],
      ['children.csv', 4, 'imd_decile', '11', 'not a whole number from 1 to 10: set to empty'],
      ['children.csv', 5, 'birth_month', '2025-07', 'more than 12 months after today: set to empty'],
      ['children.csv', 6, 'birth_month', '2015-4', 'not a month: use YYYY-MM: set to empty']
    ],
    typed: [
      [
        'SELECT child_id, birth_month, sex, ethnicity, disability, imd_decile FROM children ORDER BY 1',
        [
          { child_id: 'C1', birth_month: '2015-04-01', sex: 'female', ethnicity: 'white', disability: 'yes', imd_decile: 3 },
          { child_id: 'C2', birth_month: null, sex: null, ethnicity: null, disability: null, imd_decile: null },
          { child_id: 'C3', birth_month: '2025-06-01', sex: null, ethnicity: null, disability: null, imd_decile: null },
          { child_id: 'C4', birth_month: null, sex: null, ethnicity: null, disability: null, imd_decile: null },
          { child_id: 'C5', birth_month: null, sex: null, ethnicity: null, disability: 'no', imd_decile: null }
        ]
      ]
    ]
  },
  {
    // a 65-character id is rejected; a 65-character locality is a warning; values shown cut to
    // 57 characters + '...' (60)
    dir: '33-long-values',
    formats: ALL,
    tables: { children: [2, 1, 1, { locality: 1 }], referrals: [1, 1, 0] },
    rejections: [
      ['children.csv', 2, 'child_id', 'X'.repeat(57) + '...', 'not a valid id: use 1 to 64 characters of A-Z a-z 0-9 _ - .']
    ],
    warnings: [['children.csv', 3, 'locality', 'L'.repeat(57) + '...', 'longer than 64 characters: set to empty']]
  },
  {
    // CSV text saved as .xlsx / .parquet, and a file of another kind: each refused, referrals loads
    dir: '35-not-a-workbook',
    formats: ['csv'],
    tables: { referrals: [1, 1, 0] },
    refused: [
      { file: 'children.xlsx', reason: 'children.xlsx refused: the file is not an XLSX workbook.' },
      { file: 'notes.txt', reason: 'notes.txt refused: not a CSV, Parquet or XLSX file.' },
      { file: 'training.parquet', reason: 'training.parquet refused: the file is not a Parquet file.' }
    ]
  },
  {
    // line 3 has 9 fields and line 4 has 4: one rejected row each, the rest loads
    dir: '38-ragged-rows',
    formats: ['csv'],
    tables: { referrals: [4, 2, 2] },
    rejections: [
      ['referrals.csv', 3, ROW, '', 'has 9 fields, the header has 8'],
      ['referrals.csv', 4, ROW, '', 'has 4 fields, the header has 8']
    ]
  },
  {
    // CRLF header, LF rows, a blank line 3, a quoted line break (R2 on lines 4-5), a CR-ended line
    // 6: R4's bad date is reported on its physical line 7
    dir: '39-line-endings',
    formats: ['csv'],
    tables: { referrals: [4, 3, 1] },
    ignored: [{ file: 'referrals.csv', columns: ['notes'] }],
    rejections: [['referrals.csv', 7, 'referral_date', 'bad', BAD_DATE]],
    typed: [['SELECT referral_id FROM referrals ORDER BY 1', [{ referral_id: 'R1' }, { referral_id: 'R2' }, { referral_id: 'R3' }]]]
  },
  {
    // a stray quote (line 2), a character after a closing quote (line 3), a quote never closed (line 5)
    dir: '40-stray-quotes',
    formats: ['csv'],
    tables: { referrals: [4, 1, 3] },
    rejections: [
      ['referrals.csv', 2, ROW, '', 'a stray quote (") in a cell that does not begin with one'],
      ['referrals.csv', 3, ROW, '', 'a character after a closing quote (")'],
      ['referrals.csv', 5, ROW, '', 'a quote (") opened on this line is never closed']
    ],
    typed: [['SELECT referral_id FROM referrals', [{ referral_id: 'R3' }]]]
  },
  {
    // free text holding an identifier rejects its row, the value not echoed: C2 'ST4 1AB' and C3
    // 'near 943-476-5919' (1 of 4 localities is a postcode: under 50%, so the column is not refused);
    // A1 holds NHS number 9434765919, A2 postcode M1 1AE; A3's 1234567890 fails Modulus 11
    dir: '41-free-text-identifiers',
    formats: ALL,
    tables: { children: [4, 2, 2], referrals: [1, 1, 0], actions: [3, 1, 2] },
    rejections: [
      ['children.csv', 3, 'locality', '', FREE_TEXT],
      ['children.csv', 4, 'locality', '', FREE_TEXT],
      ['actions.csv', 2, 'title', '', FREE_TEXT],
      ['actions.csv', 3, 'title', '', FREE_TEXT]
    ],
    typed: [
      ['SELECT child_id, locality FROM children ORDER BY 1', [{ child_id: 'C1', locality: 'Stoke' }, { child_id: 'C4', locality: 'Hanley' }]],
      ['SELECT action_id FROM actions', [{ action_id: 'A3' }]]
    ]
  },
  {
    // identifier column names in disguise, after the contract's normalisation
    dir: '42-disguised-names',
    formats: ALL,
    tables: { referrals: [1, 1, 0] },
    refused: [
      { file: 'assessments.csv', reason: "assessments.csv refused: column 'given_name' looks like a direct identifier ('given_name'). Remove that column and export the file again; extracts must be anonymised." },
      { file: 'children.csv', reason: "children.csv refused: column 'e-mail' looks like a direct identifier ('email'). Remove that column and export the file again; extracts must be anonymised." },
      { file: 'education.csv', reason: "education.csv refused: column 'post_code' looks like a direct identifier ('postcode'). Remove that column and export the file again; extracts must be anonymised." },
      { file: 'episodes.csv', reason: "episodes.csv refused: column 'NHSNumber' looks like a direct identifier ('nhs'). Remove that column and export the file again; extracts must be anonymised." },
      { file: 'tool_uses.csv', reason: "tool_uses.csv refused: column 'birth_date' looks like a direct identifier ('birth_date'). Remove that column and export the file again; extracts must be anonymised." }
    ]
  },
  {
    // 10-digit values with spaces or hyphens removed: 5, of which 3 pass Modulus 11 (60% >= 50%)
    dir: '43-nhs-hyphens',
    formats: ALL,
    tables: { referrals: [1, 1, 0] },
    refused: [
      {
        file: 'children.csv',
        reason:
          "children.csv refused: column 'ref_code' holds what look like NHS numbers (3 of 5 ten-digit values pass the NHS number check). Remove that column, or replace its values with pseudonymous ids, and export the file again."
      }
    ]
  },
  {
    // 'Referral Date' repeats referral_date: a repeat (only the first is read), not 'not in the contract'
    dir: '44-duplicate-header',
    formats: ['csv', 'xlsx'],
    tables: { referrals: [1, 1, 0] },
    ignored: [{ file: 'referrals.csv', columns: ['notes'] }],
    repeated: [{ file: 'referrals.csv', columns: ['Referral Date'] }],
    typed: [['SELECT referral_date FROM referrals', [{ referral_date: '2024-01-05' }]]]
  },
  {
    dir: '34-missing-referrals',
    formats: ALL,
    tables: { children: [1, 1, 0] },
    missingRequired: ['referrals']
  }
];

function entries(format: Format, list: Entry[] | undefined) {
  return (list ?? []).map(([file, line, column, value, reason]) => ({
    file: labelIn(format, file),
    line: lineIn(format, line),
    column,
    value,
    reason: reasonIn(format, reason)
  }));
}

function refusedIn(format: Format, list: { file: string; reason: string }[] | undefined) {
  return (list ?? []).map(({ file, reason }) => {
    const label = labelIn(format, file);
    // a workbook refused by the privacy guard is refused whole: the file is the workbook
    const whole = format === 'xlsx' && !reason.includes('lacks the required') ? file.replace(/\.csv$/, '.xlsx') : label;
    return { file: whole, reason: reason.replaceAll(file, label) };
  });
}

let engine: NodeEngine;
const dirs: Record<Format, Map<string, string>> = { csv: new Map(), parquet: new Map(), xlsx: new Map() };
const temps: string[] = [];

beforeAll(async () => {
  engine = await NodeEngine.create();
  for (const c of CASES) {
    dirs.csv.set(c.dir, join(BAD, c.dir));
    for (const f of c.formats) {
      if (f === 'csv') continue;
      const out = await convertDir(engine, join(BAD, c.dir), f);
      temps.push(out);
      dirs[f].set(c.dir, out);
    }
  }
});

afterAll(async () => {
  await engine.close();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe('bad-input corpus', () => {
  it('has at least 25 cases, each a folder of the corpus', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  for (const c of CASES) {
    for (const format of c.formats) {
      it(`${c.dir} (${format})`, async () => {
        const report: LoadReport = await loadExtract(engine, readExtractDir(dirs[format].get(c.dir)!), { today: TODAY });
        const tables = Object.fromEntries(
          Object.entries(report.tables).map(([k, t]) => [k, [t.read, t.loaded, t.rejected, t.warnings]])
        );
        expect(tables).toEqual(Object.fromEntries(Object.entries(c.tables).map(([k, v]) => [k, [v[0], v[1], v[2], v[3] ?? {}]])));
        for (const [table, parts] of Object.entries(c.parts ?? {})) {
          expect(report.tables[table]!.parts.map((p) => [p.file, p.read, p.loaded, p.rejected])).toEqual(
            parts.map(([f, r, l, j]) => [labelIn(format, f), r, l, j])
          );
        }
        expect(report.refused).toEqual(refusedIn(format, c.refused));
        expect(report.unused).toEqual((c.unused ?? []).map((u) => ({ ...u, file: labelIn(format, u.file) })));
        expect(report.ignoredColumns).toEqual((c.ignored ?? []).map((u) => ({ ...u, file: labelIn(format, u.file) })));
        expect(report.repeatedColumns).toEqual((c.repeated ?? []).map((u) => ({ ...u, file: labelIn(format, u.file) })));
        expect(report.missingRequired).toEqual(c.missingRequired ?? []);
        expect(report.failure).toBe(c.failure ?? null);
        expect(report.replaced).toBe((c.missingRequired ?? []).length === 0 && c.failure === undefined);
        expect(report.rejections).toEqual(entries(format, c.rejections));
        expect(report.warnings).toEqual(entries(format, c.warnings));
        expect(report.rejectionsOmitted).toBe(0);
        if (report.replaced) {
          for (const [sql, rows] of c.typed ?? []) expect(await engine.query(sql)).toEqual(rows);
        }
      });
    }
  }
});
