import { describe, expect, it } from 'vitest';
import { executiveSummary, type SummaryInput } from './summary';

const m = (title: string, over: Partial<SummaryInput> = {}): SummaryInput => ({
  title, value: '10.0%', quarter: '2025-26 Q3', variation: 'common_cause', assurance: null, target: null, ...over
});

describe('executive summary', () => {
  it('sorts measures by their variation and assurance icons, in plain words', () => {
    const s = executiveSummary([
      m('Re-referrals within 12 months', { value: '21.0%', quarter: '2024-25 Q4', variation: 'improvement_low', assurance: 'hit_and_miss', target: '20.0%' }),
      m('Help closed without change', { value: '20.8%', quarter: '2025-26 Q4', variation: 'concern_high' }),
      m('Neglect assessments with a tool used', { value: '47.2%', quarter: '2025-26 Q4', variation: 'common_cause', assurance: 'fail', target: '60.0%' }),
      m('Tool uses', { value: '390', quarter: '2025-26 Q4', variation: 'neither_high' }),
      m('Decisions within 1 working day', { value: '89.2%', variation: 'common_cause', assurance: 'pass', target: '80.0%' }),
      m('Awaiting decision', { value: 'c', variation: 'common_cause' }),
      m('Training coverage', { value: 'no complete quarter yet', quarter: null, variation: null })
    ]);
    expect(s.improved).toEqual([
      'Re-referrals within 12 months: 21.0% in 2024-25 Q4. It has fallen beyond normal variation: a real improvement. It will meet its target of 20.0% only some of the time.'
    ]);
    expect(s.worse).toEqual(['Help closed without change: 20.8% in 2025-26 Q4. It has risen beyond normal variation: a real deterioration.']);
    expect(s.watch).toEqual([
      'Neglect assessments with a tool used: 47.2% in 2025-26 Q4. No real change. At this level it will consistently miss its target of 60.0%.',
      'Tool uses: 390 in 2025-26 Q4. It has risen beyond normal variation; this measure has no better direction, so ask why.'
    ]);
    expect(s.steady).toEqual([
      'Decisions within 1 working day: 89.2% in 2025-26 Q3. No real change. It will consistently meet its target of 80.0%.',
      'Awaiting decision: c (suppressed: too few children to publish) in 2025-26 Q3. No real change.'
    ]);
    expect(s.unjudged).toEqual(['Training coverage: no complete quarter yet. Too few complete points to judge variation yet.']);
  });
  it('a concern that also misses its target is worse, not watched twice', () => {
    const s = executiveSummary([m('A', { variation: 'concern_low', assurance: 'fail', target: '50.0%' })]);
    expect(s.worse).toEqual(['A: 10.0% in 2025-26 Q3. It has fallen beyond normal variation: a real deterioration. At this level it will consistently miss its target of 50.0%.']);
    expect(s.watch).toEqual([]);
  });
});
