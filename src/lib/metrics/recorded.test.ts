/**
 * A measure reads only rows whose file records its fields (imports.md, "Changes to the contract").
 * Hand-worked: referrals from three parts (May 2024; 6 May is a bank holiday).
 *
 * - referrals.a.csv records decision_date and feedback_date:
 *   R1 police, ref 1 May, decided 1 May (0 wd), feedback 2 May (1 wd)
 *   R2 police, ref 1 May, decided 2 May (1 wd), feedback 8 May (2,3,7,8 May: 4 wd)
 *   R3 health, ref 1 May, decided 7 May (2,3,7 May: 3 wd), no feedback
 * - referrals.b.csv records neither (a census part): R4, R5 police, ref 1 May.
 * - referrals.c.csv records decision_date, not feedback_date: R6 police, ref 2 May, decided 2 May.
 * As-of date: the latest event date, 8 May 2024; one quarter (2024-25 Q1) and one month (2024-05).
 *
 * - decision_within_1wd: rows recording decision_date: R1, R2, R3, R6 (4 of 6); within 1 wd: R1, R2,
 *   R6 -> 3/4. awaiting_decision at 8 May: none of them is undecided -> 0; R4 and R5 never appear
 *   (read as null, they would be 2 "awaiting").
 * - feedback_within_3wd: rows recording both dates: R1, R2, R3 (3 of 6), all professional, all
 *   decided; feedback within 3 wd: R1 -> 1/3 (read as null, R6 would make it 1/4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { createWasmNodeEngine } from '../engine/wasm-node';
import type { Engine } from '../engine/types';
import { loadExtract, type InputFile, type LoadReport } from '../ingest';
import { computeMetrics, metricItems } from './compute';
import { basedOn } from '../present/not-in-source';
import { answerFromCube, buildCube, dropCube } from '../cube';
import { cliDocument } from './cli-document';
import { notInSource, recordedFields } from '../imports/not-recorded';
import { basedOnBreakdownText, basedOnText } from '../present/export';
import { readFileSync } from 'node:fs';
import { importFiles } from '../imports';
import { annexAWorkbook } from '../../../tests/fixtures/imports/annex-a';
import { PASSPHRASE } from '../../../tests/fixtures/imports/ids';

const enc = new TextEncoder();
const file = (name: string, text: string): InputFile => ({ name, bytes: enc.encode(text) });
const FILES = [
  file(
    'referrals.a.csv',
    'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date\n' +
      'R1,C1,2024-05-01,police,false,2024-05-01,nfa,2024-05-02\n' +
      'R2,C2,2024-05-01,police,false,2024-05-02,assessment,2024-05-08\n' +
      'R3,C3,2024-05-01,health,false,2024-05-07,nfa,\n'
  ),
  file('referrals.b.csv', 'referral_id,child_id,referral_date,referrer_agency,neglect_concern,outcome\nR4,C4,2024-05-01,police,false,nfa\nR5,C5,2024-05-01,police,false,assessment\n'),
  file('referrals.c.csv', 'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome\nR6,C6,2024-05-02,police,false,2024-05-02,assessment\n')
];

let native: Engine;
let wasm: Engine;
let report: LoadReport;
beforeAll(async () => {
  native = await NodeEngine.create();
  wasm = await createWasmNodeEngine();
  report = await loadExtract(native, FILES, { today: '2024-06-30' });
  await loadExtract(wasm, FILES, { today: '2024-06-30' });
});
afterAll(async () => {
  await native.close();
  await wasm.close();
});

const overall = async (e: Engine, metric: string, grain: 'quarter' | 'month' = 'quarter') =>
  (await computeMetrics(e, { ids: [metric], grains: [grain], breakdowns: false })).metrics.map((r) => [r.period, r.numerator, r.denominator, r.value]);

describe('a measure reads only rows whose file records its fields', () => {
  it('decision_within_1wd: 3 of the 4 rows that record a decision date', async () => {
    expect(await overall(native, 'decision_within_1wd')).toEqual([['2024-25 Q1', 3, 4, 0.75]]);
  });

  it('awaiting_decision: rows with no decision_date column are never awaiting', async () => {
    expect(await overall(native, 'awaiting_decision')).toEqual([['2024-25 Q1', null, null, 0]]);
    expect(await overall(native, 'awaiting_decision', 'month')).toEqual([['2024-05', null, null, 0]]);
    const items = await metricItems(native, 'awaiting_decision', { grain: 'month', period: '2024-05' });
    expect(items.denominatorIds).toEqual([]);
  });

  it('feedback_within_3wd: numerator and denominator from the rows that record both dates', async () => {
    expect(await overall(native, 'feedback_within_3wd')).toEqual([['2024-25 Q1', 1, 3, 1 / 3]]);
    const items = await metricItems(native, 'feedback_within_3wd', { grain: 'quarter', period: '2024-25 Q1' });
    expect(items).toEqual({ numeratorIds: ['R1'], denominatorIds: ['R1', 'R2', 'R3'] });
  });

  it('a measure on fields every part records reads every row (nfa_rate: R1, R3, R4 of 6)', async () => {
    expect(await overall(native, 'nfa_rate')).toEqual([['2024-25 Q1', 3, 6, 0.5]]);
  });

  it('says "based on N of M" from the load report', () => {
    expect(basedOn(report, 'decision_within_1wd')).toEqual({ n: 4, m: 6, table: 'referrals', fields: ['referrals.decision_date'] });
    expect(basedOn(report, 'feedback_within_3wd')).toEqual({ n: 3, m: 6, table: 'referrals', fields: ['referrals.decision_date', 'referrals.feedback_date'] });
    expect(basedOn(report, 'nfa_rate')).toBeNull();
    expect(basedOn(report, 'rereferral_12m')).toBeNull();
    expect(basedOnText('decision_within_1wd', { report })).toBe('Based on 4 of 6 referrals: the others\' files do not record referrals.decision_date.');
  });

  it('the command line document lists them under based_on (rows of of)', async () => {
    const doc = cliDocument(await computeMetrics(native), report.tables, notInSource(recordedFields(report.tables)));
    expect(doc.not_in_source).toEqual([]);
    const d = { dimension: null, table: 'referrals', fields: ['referrals.decision_date'], rows: 4, of: 6 };
    expect(doc.based_on).toEqual([
      { metric: 'decision_within_1wd', ...d },
      { metric: 'decision_wd', ...d },
      { metric: 'awaiting_decision', ...d },
      { metric: 'feedback_within_3wd', dimension: null, table: 'referrals', fields: ['referrals.decision_date', 'referrals.feedback_date'], rows: 3, of: 6 }
    ]);
  });

  it('the filter cube (the dashboard filtered answers) reads the same rows', async () => {
    const cube = await buildCube(native);
    try {
      const req = { includeExtra: true };
      expect(await answerFromCube(native, cube, req)).toEqual(await computeMetrics(native, req));
      const fb = await answerFromCube(native, cube, { ids: ['feedback_within_3wd'], grains: ['quarter'], breakdowns: false });
      expect(fb.metrics.map((r) => [r.numerator, r.denominator])).toEqual([[1, 3]]);
    } finally {
      await dropCube(native, cube);
    }
  });

  it('gives the same rows in the browser engine (duckdb-wasm)', async () => {
    const all = { includeExtra: true };
    expect(await computeMetrics(wasm, all)).toEqual(await computeMetrics(native, all));
  });
});

describe('a breakdown by a child field no loaded row records has no rows (command line)', () => {
  it('children.csv without locality or imd_decile: no locality or imd_quintile rows; sex rows stay', async () => {
    const e = await NodeEngine.create();
    try {
      const r = await loadExtract(
        e,
        [
          file('referrals.csv', 'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome\nR1,C1,2024-05-01,police,false,2024-05-01,nfa\n'),
          file('children.csv', 'child_id,birth_month,sex\nC1,2015-01,female\n')
        ],
        { today: '2024-06-30' }
      );
      const doc = cliDocument(await computeMetrics(e), r.tables, notInSource(recordedFields(r.tables)));
      const dims = new Set(doc.metrics.map((m) => m.dimension));
      expect(dims.has('locality')).toBe(false);
      expect(dims.has('imd_quintile')).toBe(false);
      expect(dims.has('sex')).toBe(true);
      expect(dims.has('age_band')).toBe(true);
      expect(doc.based_on).toBeUndefined();
    } finally {
      await e.close();
    }
  });
});

/**
 * The neglect breakdown and filter read only rows whose file records the neglect field (recorded.ts).
 * Hand-worked: five referrals R1-R5 (police, 1 March 2024, children C1-C5); 2024 bank holidays in
 * range: Good Friday 29 Mar, Easter Monday 1 Apr, 6 May, 27 May.
 *
 * - assessments.a.csv records neglect_identified (3 rows):
 *   A1 C1 start 2 May, completed 3 May (1 wd), neglect true
 *   A2 C2 start 2 May, completed 9 May (3, 7, 8, 9 May: 4 wd), neglect true
 *   A3 C3 start 1 Mar, completed 28 Jun (Mar 19 + Apr 21 + May 21 + Jun 20 = 81 wd), neglect false
 * - assessments.b.csv does not (an Annex A-like part, 2 rows):
 *   A4 C4 start 2 May, completed 13 May (3, 7, 8, 9, 10, 13 May: 6 wd)
 *   A5 C5 start 1 Mar, completed 27 Jun (80 wd)
 * - episodes.a.csv records neglect: E1 (no_change, true), E2 (improved, false); episodes.b.csv does
 *   not: E3 (no_change); all child_in_need from 1 Mar, ended 10 May.
 * As-of: the latest event date, 28 Jun 2024; quarter 2024-25 Q1 (April-June) holds every completion.
 *
 * - assessment_within_45wd, Q1: overall all 5 completed, within 45 wd A1, A2, A4 -> 3/5 (it does not
 *   need neglect_identified). Neglect breakdown: true A1, A2 -> 2/2; false A3 -> 0/1; A4 and A5 in
 *   no group (read as false they would make false 1/3).
 * - assessment_wd, Q1: overall [1, 4, 6, 80, 81]: median 6, p90 at h = 3.6: 80 + 0.6 = 80.6; true
 *   [1, 4]: median 2.5, p90 at h = 0.9: 1 + 0.9 * 3 = 3.7; false [81]: 81, 81.
 * - assessments_open_over_45wd at the end of May (31 May): A3 and A5 open 61 wd -> 2; neglect false
 *   A3 -> 1; no true group, nothing for A5.
 * - the filter "neglect only": assessment_within_45wd 2/2 (A1, A2); "not neglect": 0/1 (A3); A4, A5
 *   are neither.
 * - closure_without_change, Q1: overall E1, E3 of E1-E3 -> 2/3; true E1 -> 1/1; false E2 -> 0/1.
 */
describe('a neglect breakdown or filter reads only rows whose file records neglect', () => {
  const REF =
    'referral_id,child_id,referral_date,referrer_agency,neglect_concern,outcome\n' +
    [1, 2, 3, 4, 5].map((i) => `R${i},C${i},2024-03-01,police,false,assessment`).join('\n') +
    '\n';
  const NEGLECT_FILES = [
    file('referrals.csv', REF),
    file(
      'assessments.a.csv',
      'assessment_id,child_id,referral_id,start_date,completion_date,neglect_identified\n' +
        'A1,C1,R1,2024-05-02,2024-05-03,true\nA2,C2,R2,2024-05-02,2024-05-09,true\nA3,C3,R3,2024-03-01,2024-06-28,false\n'
    ),
    file('assessments.b.csv', 'assessment_id,child_id,referral_id,start_date,completion_date\nA4,C4,R4,2024-05-02,2024-05-13\nA5,C5,R5,2024-03-01,2024-06-27\n'),
    file(
      'episodes.a.csv',
      'episode_id,child_id,type,start_date,end_date,closure_reason,neglect\n' +
        'E1,C1,child_in_need,2024-03-01,2024-05-10,no_change,true\nE2,C2,child_in_need,2024-03-01,2024-05-10,improved,false\n'
    ),
    file('episodes.b.csv', 'episode_id,child_id,type,start_date,end_date,closure_reason\nE3,C3,child_in_need,2024-03-01,2024-05-10,no_change\n')
  ];
  let n: Engine;
  let w: Engine;
  beforeAll(async () => {
    n = await NodeEngine.create();
    w = await createWasmNodeEngine();
    await loadExtract(n, NEGLECT_FILES, { today: '2024-06-30' });
    await loadExtract(w, NEGLECT_FILES, { today: '2024-06-30' });
  });
  afterAll(async () => {
    await n.close();
    await w.close();
  });

  const Q1 = '2024-25 Q1';
  /** [dimension, group, numerator, denominator, value, p90] of one metric's rows in one period. */
  const rowsOf = async (e: Engine, metric: string, period: string, opts: { filters?: Record<string, unknown>; grain?: 'quarter' | 'month' } = {}) =>
    (await computeMetrics(e, { ids: [metric], grains: [opts.grain ?? 'quarter'], breakdowns: ['neglect'], filters: opts.filters }))
      .metrics.filter((r) => r.period === period)
      .map((r) => [r.dimension, r.group, r.numerator, r.denominator, r.value, r.p90]);

  it('assessment_within_45wd: overall all 5; true 2/2, false 0/1, nothing from A4 and A5', async () => {
    expect(await rowsOf(n, 'assessment_within_45wd', Q1)).toEqual([
      [null, null, 3, 5, 0.6, null],
      ['neglect', 'false', 0, 1, 0, null],
      ['neglect', 'true', 2, 2, 1, null]
    ]);
  });

  it('the same without the fused pass (direct aggregate SQL)', async () => {
    const direct = await computeMetrics(n, { ids: ['assessment_within_45wd', 'assessment_wd', 'closure_without_change'], fuse: false });
    const fused = await computeMetrics(n, { ids: ['assessment_within_45wd', 'assessment_wd', 'closure_without_change'] });
    expect(direct).toEqual(fused);
    expect(direct.metrics.filter((r) => r.dimension === 'neglect' && r.period === Q1 && r.metric === 'assessment_within_45wd').map((r) => [r.group, r.numerator, r.denominator])).toEqual([
      ['false', 0, 1],
      ['true', 2, 2]
    ]);
  });

  it('assessment_wd: medians and 90th percentiles of the recording rows per group', async () => {
    expect(await rowsOf(n, 'assessment_wd', Q1)).toEqual([
      [null, null, null, 5, 6, 80.6],
      ['neglect', 'false', null, 1, 81, 81],
      ['neglect', 'true', null, 2, 2.5, 3.7]
    ]);
  });

  it('assessments_open_over_45wd at the end of May: 2 open, false 1 (A3), A5 in no group', async () => {
    expect(await rowsOf(n, 'assessments_open_over_45wd', '2024-05', { grain: 'month' })).toEqual([
      [null, null, null, null, 2, null],
      ['neglect', 'false', null, null, 1, null]
    ]);
  });

  it('closure_without_change (episodes.neglect): overall 2/3; true 1/1, false 0/1', async () => {
    expect(await rowsOf(n, 'closure_without_change', Q1)).toEqual([
      [null, null, 2, 3, 2 / 3, null],
      ['neglect', 'false', 0, 1, 0, null],
      ['neglect', 'true', 1, 1, 1, null]
    ]);
  });

  it('a neglect filter selects only rows that record neglect (true: A1, A2; false: A3)', async () => {
    const overallOf = async (neglect: boolean) =>
      (await computeMetrics(n, { ids: ['assessment_within_45wd'], grains: ['quarter'], breakdowns: false, filters: { neglect } })).metrics
        .filter((r) => r.period === Q1)
        .map((r) => [r.numerator, r.denominator]);
    expect(await overallOf(true)).toEqual([[2, 2]]);
    expect(await overallOf(false)).toEqual([[0, 1]]);
    const items = await metricItems(n, 'assessment_within_45wd', { grain: 'quarter', period: Q1, filters: { neglect: true } });
    expect(items).toEqual({ numeratorIds: ['A1', 'A2'], denominatorIds: ['A1', 'A2'] });
  });

  it('the audit trail lists a neglect group without the unrecorded rows', async () => {
    const items = await metricItems(n, 'assessment_within_45wd', { grain: 'quarter', period: Q1, dimension: 'neglect', group: 'false' });
    expect(items).toEqual({ numeratorIds: [], denominatorIds: ['A3'] });
    const all = await metricItems(n, 'assessment_within_45wd', { grain: 'quarter', period: Q1 });
    expect(all.denominatorIds).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  });

  it('the cube gives the same rows, breakdowns and filters alike', async () => {
    const cube = await buildCube(n);
    try {
      for (const req of [{ includeExtra: true }, { includeExtra: true, filters: { neglect: true } }, { includeExtra: true, filters: { neglect: false } }]) {
        expect(await answerFromCube(n, cube, req)).toEqual(await computeMetrics(n, req));
      }
      const c = await answerFromCube(n, cube, { ids: ['assessment_within_45wd'], grains: ['quarter'], breakdowns: ['neglect'] });
      expect(c.metrics.filter((r) => r.period === Q1).map((r) => [r.group, r.numerator, r.denominator])).toEqual([
        [null, 3, 5],
        ['false', 0, 1],
        ['true', 2, 2]
      ]);
    } finally {
      await dropCube(n, cube);
    }
  });

  it('the neglect breakdown says it is based on the rows that record neglect (3 of 5 assessments, 2 of 3 episodes)', async () => {
    const r = await loadExtract(await NodeEngine.create(), NEGLECT_FILES, { today: '2024-06-30' });
    const asm = { n: 3, m: 5, table: 'assessments', fields: ['assessments.neglect_identified'] };
    expect(basedOn(r, 'assessment_within_45wd', 'neglect')).toEqual(asm);
    expect(basedOn(r, 'assessment_wd', 'neglect')).toEqual(asm);
    expect(basedOn(r, 'closure_without_change', 'neglect')).toEqual({ n: 2, m: 3, table: 'episodes', fields: ['episodes.neglect'] });
    // the measures themselves read every row: every part records completion and end dates
    expect(basedOn(r, 'assessment_within_45wd')).toBeNull();
    // a breakdown other than neglect, or a measure without a neglect field, has no such line
    expect(basedOnBreakdownText('assessment_within_45wd', 'locality', 'Locality', { report: r })).toBeNull();
    expect(basedOnBreakdownText('nfa_rate', 'neglect', 'Neglect case', { report: r })).toBeNull();
    expect(basedOnBreakdownText('assessment_within_45wd', 'neglect', 'Neglect case', { report: r })).toBe(
      "The neglect case groups are based on 3 of 5 assessments: the others' files do not record assessments.neglect_identified, " +
        'so those rows are in neither group and the groups can add up to less than the whole.'
    );
    const doc = cliDocument(await computeMetrics(n), r.tables, notInSource(recordedFields(r.tables)));
    expect(doc.based_on).toEqual([
      // the measure itself needs neglect_identified (tool uses for neglect assessments): 3 of 5
      { metric: 'tool_use_neglect_assessments', dimension: null, table: 'assessments', fields: ['assessments.neglect_identified', 'assessments.completion_date'], rows: 3, of: 5 },
      { metric: 'assessment_within_45wd', dimension: 'neglect', table: 'assessments', fields: ['assessments.neglect_identified'], rows: 3, of: 5 },
      { metric: 'assessment_wd', dimension: 'neglect', table: 'assessments', fields: ['assessments.neglect_identified'], rows: 3, of: 5 },
      { metric: 'assessments_open_over_45wd', dimension: 'neglect', table: 'assessments', fields: ['assessments.neglect_identified'], rows: 3, of: 5 },
      { metric: 'closure_without_change', dimension: 'neglect', table: 'episodes', fields: ['episodes.neglect'], rows: 2, of: 3 },
      { metric: 'closure_non_engagement', dimension: 'neglect', table: 'episodes', fields: ['episodes.neglect'], rows: 2, of: 3 },
      { metric: 'rereferral_after_closure_12m', dimension: 'neglect', table: 'episodes', fields: ['episodes.neglect'], rows: 2, of: 3 }
    ]);
  });

  it('gives the same rows in the browser engine (duckdb-wasm)', async () => {
    for (const req of [{ includeExtra: true }, { includeExtra: true, filters: { neglect: true } }]) {
      expect(await computeMetrics(w, req)).toEqual(await computeMetrics(n, req));
    }
    expect(await rowsOf(w, 'assessment_within_45wd', Q1)).toEqual(await rowsOf(n, 'assessment_within_45wd', Q1));
  });
});

/**
 * Census + Annex A imported together (tests/fixtures/imports): assessments.census.csv records
 * neglect_identified, assessments.annex-a.csv does not. The census assessment completed 30 Jun 2023
 * (neglect true, within 45 wd) is in 2023-24 Q1's true group; the Annex A one started 6 May 2024 and
 * completed 20 Jun 2024 (32 wd: within 45) counts in 2024-25 Q1's overall row (1/1) but in no neglect
 * group (before, it made a "false" group of 1/1). Both parts record episodes.neglect.
 */
describe('census and Annex A together: the Annex A assessments are in no neglect group', () => {
  it('2024-25 Q1: overall 1/1 and no neglect rows; 2023-24 Q1: true 1/1', async () => {
    const r = await importFiles(
      [
        { name: 'census-2024.xml', bytes: new Uint8Array(readFileSync('tests/fixtures/imports/census-2024.xml')) },
        { name: 'annex-a.xlsx', bytes: annexAWorkbook() }
      ],
      { passphraseText: PASSPHRASE, today: '2025-06-30' }
    );
    const e = await NodeEngine.create();
    try {
      await loadExtract(e, r.files.map((f) => file(f.name, f.text)), { today: '2025-06-30' });
      const m = await computeMetrics(e, { ids: ['assessment_within_45wd'], grains: ['quarter'], breakdowns: ['neglect'] });
      const at = (period: string) => m.metrics.filter((x) => x.period === period).map((x) => [x.group, x.numerator, x.denominator]);
      expect(at('2024-25 Q1')).toEqual([[null, 1, 1]]);
      expect(at('2023-24 Q1')).toEqual([
        [null, 1, 1],
        ['true', 1, 1]
      ]);
    } finally {
      await e.close();
    }
  });
});
