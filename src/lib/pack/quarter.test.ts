/** The board pack's default quarter is one the data holds (issue 12: a small extract). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { buildPack } from './build';
import { defaultQuarter } from './quarter';

describe('defaultQuarter', () => {
  it('is the latest ended quarter when the data holds it', () => {
    expect(defaultQuarter('2024-10-15', ['2024-25 Q1', '2024-25 Q2', '2024-25 Q3'])).toBe('2024-25 Q2');
  });
  it('is the latest ended quarter the data holds, when the latest ended is not in it', () => {
    expect(defaultQuarter('2025-01-10', ['2024-25 Q1', '2024-25 Q4'])).toBe('2024-25 Q1');
  });
  it("is the data's latest quarter when none of its quarters has ended", () => {
    // as-of 2024-05-20: the latest ended quarter is 2023-24 Q4, which the data (from April 2024) lacks
    expect(defaultQuarter('2024-05-20', ['2024-25 Q1'])).toBe('2024-25 Q1');
  });
});

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(async () => {
  await engine.close();
});

describe('buildPack on a small valid extract', () => {
  it('reports a quarter the data holds, with no quarter given', async () => {
    const csv =
      'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome\n' +
      'R1,C1,2024-04-02,police,yes,2024-04-03,nfa\nR2,C2,2024-05-20,health,no,2024-05-20,assessment\n';
    const built = await buildPack(engine, [{ name: 'referrals.csv', bytes: new TextEncoder().encode(csv) }], {
      partnership: 'P',
      version: 'test',
      today: '2024-06-30'
    });
    expect(built.model.quarter).toBe('2024-25 Q1');
  });
});
