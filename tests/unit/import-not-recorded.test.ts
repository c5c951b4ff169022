/**
 * imports.md "Changes to the contract": an optional column absent from a file means not recorded
 * for its rows; episodes.closure_code; the metrics document's not_in_source.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeEngine } from '../../src/lib/engine/node';
import { loadExtract, type InputFile } from '../../src/lib/ingest';
import { notInSource, recordedFields } from '../../src/lib/imports';

const file = (name: string, text: string): InputFile => ({ name, bytes: new TextEncoder().encode(text) });
const REF = file('referrals.csv', 'referral_id,child_id,referral_date,referrer_agency,neglect_concern\nR1,C1,2024-01-05,police,true\n');

let engine: NodeEngine;
beforeEach(async () => {
  engine = await NodeEngine.create();
});
afterEach(async () => {
  await engine.close();
});

describe('a missing optional column is not recorded', () => {
  it('episodes without a closure_reason column get no `other` and no warning; closure_code is loaded', async () => {
    const r = await loadExtract(
      engine,
      [
        REF,
        file('episodes.census.csv', 'episode_id,child_id,type,start_date,end_date,closure_code,neglect\nE1,C1,child_in_need,2024-01-01,2024-02-01,RC7,true\n'),
        file('episodes.partner.csv', 'episode_id,child_id,type,start_date,end_date,closure_reason\nE2,C1,early_help,2024-01-01,2024-02-01,\n')
      ],
      { today: '2024-06-30' }
    );
    const rows = await engine.query('SELECT episode_id, closure_reason, closure_code FROM episodes ORDER BY 1');
    expect(rows).toEqual([
      { episode_id: 'E1', closure_reason: null, closure_code: 'RC7' },
      { episode_id: 'E2', closure_reason: 'other', closure_code: null }
    ]);
    // the one warning is the partner file's (its column is there, its value missing)
    expect(r.warnings.map((w) => [w.file, w.column])).toEqual([['episodes.partner.csv', 'closure_reason']]);
    expect(r.tables.episodes!.parts.map((p) => p.recorded)).toEqual([
      ['episode_id', 'child_id', 'type', 'start_date', 'end_date', 'closure_code', 'neglect'],
      ['episode_id', 'child_id', 'type', 'start_date', 'end_date', 'closure_reason']
    ]);
    // one part records closure_reason: the closure measures stand (partly); decision measures do not
    const nis = notInSource(recordedFields(r.tables));
    expect(nis.filter((e) => e.metric.startsWith('closure'))).toEqual([]);
    expect(nis).toContainEqual({ metric: 'decision_wd', dimension: null, fields: ['referrals.decision_date'] });
    expect(nis).toContainEqual({ metric: 'feedback_within_3wd', dimension: null, fields: ['referrals.decision_date', 'referrals.feedback_date'] });
  });

  it('a part with no loaded row records nothing', async () => {
    const r = await loadExtract(
      engine,
      [REF, file('episodes.csv', 'episode_id,child_id,type,start_date,end_date,closure_reason,neglect\nE1,C1,bogus,2024-01-01,,,\n')],
      { today: '2024-06-30' }
    );
    expect(r.tables.episodes!.loaded).toBe(0);
    expect(notInSource(recordedFields(r.tables)).filter((e) => e.metric === 'rereferral_after_closure_12m')).toEqual([
      { metric: 'rereferral_after_closure_12m', dimension: null, fields: ['episodes.end_date'] },
      { metric: 'rereferral_after_closure_12m', dimension: 'neglect', fields: ['episodes.neglect'] }
    ]);
  });
});

describe('notInSource', () => {
  it('lists a measure only when its tables are present and a field of it is not recorded', () => {
    const rec = new Map([
      ['referrals', new Set(['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern', 'outcome'])],
      ['assessments', new Set(['assessment_id', 'child_id', 'start_date', 'completion_date'])]
    ]);
    expect(notInSource(rec)).toEqual([
      { metric: 'decision_within_1wd', dimension: null, fields: ['referrals.decision_date'] },
      { metric: 'decision_wd', dimension: null, fields: ['referrals.decision_date'] },
      { metric: 'awaiting_decision', dimension: null, fields: ['referrals.decision_date'] },
      { metric: 'feedback_within_3wd', dimension: null, fields: ['referrals.decision_date', 'referrals.feedback_date'] },
      { metric: 'assessment_within_45wd', dimension: 'neglect', fields: ['assessments.neglect_identified'] },
      { metric: 'assessment_wd', dimension: 'neglect', fields: ['assessments.neglect_identified'] },
      { metric: 'assessments_open_over_45wd', dimension: 'neglect', fields: ['assessments.neglect_identified'] },
      { metric: 'tool_use_neglect_assessments', dimension: null, fields: ['assessments.neglect_identified'] }
    ]);
  });
});
