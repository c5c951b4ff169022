/**
 * actions.csv round trip: the plan written by actionsToCsv loads back through the product's own
 * loader (loadExtract on native DuckDB) with every field equal, titles with commas, quotes and a
 * leading = + - @ included: they are written with a leading single quote (no live formula in a
 * spreadsheet), which the loader removes again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { loadExtract } from '../ingest';
import { extractPlan } from '../present/queries';
import { actionsToCsv, csvCell } from './csv';
import type { ActionRecord } from './types';

const enc = new TextEncoder();
const REFERRALS = 'referral_id,child_id,referral_date,referrer_agency,neglect_concern\nR1,C1,2024-05-01,police,true\n';

const PLAN: ActionRecord[] = [
  { action_id: 'A.1', title: '=SUM(A1:A9) looks like a formula', owner_agency: 'social_care', due_date: '2024-06-30', status: 'on_track', completed_date: null, metric_id: 'nfa_rate', target: 0.1 },
  { action_id: 'A-2', title: '+44 helpline, "quoted", and commas', owner_agency: 'health', due_date: '2031-01-15', status: 'not_started', completed_date: null, metric_id: null, target: null },
  { action_id: 'A_3', title: '-minus first', owner_agency: 'police', due_date: '2023-09-30', status: 'complete', completed_date: '2023-10-02', metric_id: 'training_coverage', target: 0.75 },
  { action_id: 'a4', title: '@mention, ünïcödé – dash ‘quotes’', owner_agency: 'early_years', due_date: '2025-03-31', status: 'at_risk', completed_date: null, metric_id: 'decision_wd', target: 1.2345678901234567 },
  { action_id: 'A5', title: 'x'.repeat(200), owner_agency: 'voluntary', due_date: '2025-02-28', status: 'off_track', completed_date: '2024-12-31', metric_id: 'awaiting_decision', target: -3e-7 }
];

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(async () => {
  await engine.close();
});

describe('csvCell', () => {
  it('quotes only cells that need it, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('=1+2')).toBe("'=1+2"); // neutralised; the loader removes the quote again
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it('writes the contract header and empty cells for nulls', () => {
    const text = actionsToCsv([PLAN[1]!]);
    expect(text).toBe(
      'action_id,title,owner_agency,due_date,status,completed_date,metric_id,target\r\n' +
        `A-2,"'+44 helpline, ""quoted"", and commas",health,2031-01-15,not_started,,,\r\n`
    );
  });
  it('writes no cell that a spreadsheet would run as a formula', () => {
    const text = actionsToCsv(PLAN);
    expect(text).toContain(`A.1,'=SUM(A1:A9) looks like a formula,social_care,`);
    expect(text).toContain(`A_3,'-minus first,police,`);
    expect(text).toContain(`a4,"'@mention, ünïcödé – dash ‘quotes’",early_years,`);
    // a negative number is written as a number
    expect(text).toContain(',awaiting_decision,-3e-7\r\n');
  });
});

describe('round trip through the loader', () => {
  it('keeps every field of every action', async () => {
    const report = await loadExtract(
      engine,
      [
        { name: 'referrals.csv', bytes: enc.encode(REFERRALS) },
        { name: 'actions.csv', bytes: enc.encode(actionsToCsv(PLAN)) }
      ],
      { today: '2025-01-01' }
    );
    // 5 rows read, 5 loaded, none rejected, no warnings
    expect(report.tables.actions).toMatchObject({ read: 5, loaded: 5, rejected: 0, warnings: {} });
    const back = await extractPlan(engine);
    const byId = (xs: readonly ActionRecord[]) => [...xs].sort((a, b) => (a.action_id < b.action_id ? -1 : 1));
    expect(byId(back ?? [])).toEqual(byId(PLAN));
  });
  it('an edited plan written again loads back again (second trip equal to the first)', async () => {
    const first = (await extractPlan(engine)) ?? [];
    await loadExtract(
      engine,
      [
        { name: 'referrals.csv', bytes: enc.encode(REFERRALS) },
        { name: 'actions.csv', bytes: enc.encode(actionsToCsv(first)) }
      ],
      { today: '2025-01-01' }
    );
    expect(await extractPlan(engine)).toEqual(first);
  });
});
