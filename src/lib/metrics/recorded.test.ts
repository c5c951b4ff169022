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
import { basedOnText } from '../present/export';

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
    const d = { table: 'referrals', fields: ['referrals.decision_date'], rows: 4, of: 6 };
    expect(doc.based_on).toEqual([
      { metric: 'decision_within_1wd', ...d },
      { metric: 'decision_wd', ...d },
      { metric: 'awaiting_decision', ...d },
      { metric: 'feedback_within_3wd', table: 'referrals', fields: ['referrals.decision_date', 'referrals.feedback_date'], rows: 3, of: 6 }
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
