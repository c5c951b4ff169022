/**
 * One family's chronology on native DuckDB, record by record, from the hand-written fixture in
 * tests/fixtures/chronology/ loaded through the real ingest. Working days are counted by hand with
 * the England and Wales bank holidays (2023: Good Friday 7 Apr, Easter Monday 10 Apr, 1 May, 8 May
 * (coronation), 29 May, 28 Aug).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { loadExtract } from '../ingest';
import { readExtractDir } from '../ingest/files-node';
import { chronology, type ChronologyEvent } from './sql';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
  const report = await loadExtract(engine, readExtractDir('tests/fixtures/chronology').filter((f) => f.name.endsWith('.csv')));
  expect(report.replaced).toBe(true);
});
afterAll(async () => engine.close());

/** The fields a test states for an event; anything not stated must be null/empty. */
function brief(e: ChronologyEvent): string {
  return [e.table, e.id, e.date, e.agency, e.age_band, e.markers.join('+') || '-'].join(' ');
}

describe('chronology of K1 (born 2014-06)', () => {
  let events: ChronologyEvent[];
  beforeAll(async () => {
    const c = await chronology(engine, 'K1');
    expect(c.known).toBe(true);
    events = c.events;
  });

  it('lists every record of every table holding K1, in date order (same day: referral before episode)', () => {
    expect(events.map(brief)).toEqual([
      // R1: NFA, then R2 on 2023-03-06, within 12 months
      'referrals R1 2023-01-09 police 5-9 nfa_remade_12m',
      // R2: previous referral R1 2023-01-09 is on or after 2022-03-06
      'referrals R2 2023-03-06 health 5-9 rereferral_12m',
      // E1: closed for non_engagement on 2023-06-30, R3 on 2023-08-01 follows within 12 months
      'episodes E1 2023-03-10 early_help 5-9 closed_no_change_rereferred_12m',
      // R3: age 9 (August is after June); third referral after 2022-08-01 (R1, R2, R3), no tool use in that window
      'referrals R3 2023-08-01 education 5-9 rereferral_12m+three_referrals_no_tool',
      'assessments A1 2023-08-02 social_care 5-9 -',
      'tool_uses T1 2023-09-01 social_care 5-9 -',
      'education D1 2023-10-02 education 5-9 -',
      // R4: R2, R3, R4 after 2023-01-15 but T1 (2023-09-01) is in the window: no cumulative marker
      'referrals R4 2024-01-15 police 5-9 rereferral_12m',
      // E2 closed 'improved': no marker although R5 follows
      'episodes E2 2024-01-15 social_care 5-9 -',
      'tool_uses T2 2024-02-15 health 5-9 -',
      'tool_uses T3 2024-03-01 education 5-9 -',
      // R5: age 10 (June, birth month reached); NFA with no later referral; tools in its window
      'referrals R5 2024-06-03 public 10-15 rereferral_12m'
    ]);
  });

  const at = (id: string) => events.find((e) => e.id === id)!;

  it('gives each referral its decision, outcome, feedback and their delays in working days', () => {
    // R1 Mon 9 Jan: decided Tue 10 (1 wd); feedback Fri 13 (10, 11, 12, 13: 4 wd); R2 later
    expect(at('R1')).toMatchObject({ outcome: 'nfa', decision_date: '2023-01-10', wd_decision: 1, feedback_date: '2023-01-13', wd_feedback: 4, neglect: true, earlier_id: null, later_id: 'R2' });
    // R2 Mon 6 Mar: decided Wed 8 (2 wd), no feedback; re-referral of R1
    expect(at('R2')).toMatchObject({ outcome: 'early_help', wd_decision: 2, feedback_date: null, wd_feedback: null, earlier_id: 'R1', later_id: null });
    // R3 same-day decision (0 wd), feedback Thu 3 Aug (2 wd)
    expect(at('R3')).toMatchObject({ outcome: 'assessment', wd_decision: 0, wd_feedback: 2, earlier_id: 'R2' });
    // R4 awaiting a decision
    expect(at('R4')).toMatchObject({ outcome: null, decision_date: null, wd_decision: null, neglect: false, earlier_id: 'R3' });
    // R5 Mon 3 Jun 2024, decided Tue 4 (1 wd); NFA but nothing later
    expect(at('R5')).toMatchObject({ outcome: 'nfa', wd_decision: 1, later_id: null, earlier_id: 'R4' });
  });

  it('gives the assessment its completion, duration, outcome and referral', () => {
    // 2 Aug to 27 Sep 2023: 20 wd in August (28 Aug a bank holiday) + 19 in September = 39
    expect(at('A1')).toMatchObject({ end_date: '2023-09-27', wd_duration: 39, outcome: 'child_in_need', neglect: true, referral_id: 'R3' });
  });

  it('gives tool grades per area with the change since the last use of that tool', () => {
    expect(at('T1')).toMatchObject({ tool: 'gcp2', contributing_agencies: ['health', 'education'], physical_care: 4, safety: 4, love_belonging: 3, esteem: 3, prev_tool_use_id: null, d_physical_care: null });
    expect(at('T2')).toMatchObject({ tool: 'gcp2', physical_care: 3, safety: 4, love_belonging: 2, esteem: 3, prev_tool_use_id: 'T1', d_physical_care: -1, d_safety: 0, d_love_belonging: -1, d_esteem: 0 });
    // a different tool: no previous use of it
    expect(at('T3')).toMatchObject({ tool: 'quality_of_care', physical_care: null, prev_tool_use_id: null, d_physical_care: null });
  });

  it('gives episodes their type, end, closure reason and the referral that followed', () => {
    // 10 Mar to 30 Jun 2023: 75 wd (Good Friday, Easter Monday, 1, 8 and 29 May out)
    expect(at('E1')).toMatchObject({ type: 'early_help', end_date: '2023-06-30', closure_reason: 'non_engagement', wd_duration: 75, later_id: 'R3' });
    expect(at('E2')).toMatchObject({ type: 'child_in_need', closure_reason: 'improved', later_id: null });
  });

  it('gives education records their status, first action (working days) and review', () => {
    expect(at('D1')).toMatchObject({ status: 'missing_education', end_date: '2023-11-20', first_action_date: '2023-10-06', wd_first_action: 4, last_review_date: '2023-11-01' });
  });
});

describe('other children', () => {
  it('K2: a sibling referral (age 1-4) and help closed without change but never followed by a referral', async () => {
    const c = await chronology(engine, 'K2');
    expect(c.events.map(brief)).toEqual(['referrals R6 2023-03-06 health 1-4 -', 'episodes E3 2023-03-10 early_help 1-4 -']);
    expect(c.events[1]).toMatchObject({ closure_reason: 'no_change', later_id: null });
  });
  it('K3: referred before the birth month is unborn', async () => {
    const c = await chronology(engine, 'K3');
    expect(c.events.map(brief)).toEqual(['referrals R7 2023-02-01 health unborn -']);
  });
  it('an id no table holds is unknown', async () => {
    expect(await chronology(engine, 'NOPE')).toEqual({ childId: 'NOPE', known: false, events: [] });
  });
  it("an id is data, not SQL", async () => {
    expect((await chronology(engine, "K1' OR '1'='1")).known).toBe(false);
  });
});
