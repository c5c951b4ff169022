import { describe, expect, it } from 'vitest';
import { pickHeadline } from './headline';

const q = (period: string, complete = true, partial = false) => ({ period, complete, partial });

describe('the headline quarter of a measure in the pack', () => {
  it('is the latest quarter when it is complete and over', () => {
    const rows = [q('2025-26 Q2'), q('2025-26 Q3'), q('2025-26 Q4')];
    expect(pickHeadline(rows)).toEqual({ headline: q('2025-26 Q4'), soFar: null });
  });
  it('skips a later quarter whose follow-up window is not complete, which is shown only as so far', () => {
    // 12-month follow-up: 2024-25 Q4 ended 2025-03-31, its window closed 2026-03-31 (complete);
    // 2025-26 Q1..Q4 still open
    const rows = [q('2025-26 Q4', false), q('2024-25 Q3'), q('2024-25 Q4'), q('2025-26 Q1', false), q('2025-26 Q3', false)];
    expect(pickHeadline(rows)).toEqual({ headline: q('2024-25 Q4'), soFar: q('2025-26 Q4', false) });
  });
  it('never takes a partial quarter (not yet over), even one flagged complete', () => {
    const rows = [q('2025-26 Q3'), q('2025-26 Q4', true, true)];
    expect(pickHeadline(rows)).toEqual({ headline: q('2025-26 Q3'), soFar: q('2025-26 Q4', true, true) });
  });
  it('considers only quarters up to the pack quarter', () => {
    const rows = [q('2025-26 Q2'), q('2025-26 Q3'), q('2025-26 Q4', false, true)];
    expect(pickHeadline(rows, '2025-26 Q2')).toEqual({ headline: q('2025-26 Q2'), soFar: null });
  });
  it('has no headline when no quarter is complete, and says the latest so far', () => {
    expect(pickHeadline([q('2025-26 Q1', false), q('2025-26 Q2', false)])).toEqual({ headline: null, soFar: q('2025-26 Q2', false) });
    expect(pickHeadline([])).toEqual({ headline: null, soFar: null });
  });
});
