import { describe, expect, it } from 'vitest';
import { judge, shiftPeriod, tileChange } from './change';
import type { MetricRow } from './types';

function r(period: string, value: number | null, over: Partial<MetricRow> = {}): MetricRow {
  return {
    metric: 'rereferral_12m',
    grain: period.includes('Q') ? 'quarter' : 'month',
    period,
    dimension: null,
    group: null,
    numerator: null,
    denominator: null,
    value,
    p90: null,
    complete: true,
    partial: false,
    ...over
  };
}

describe('period arithmetic', () => {
  it('quarters cross financial years', () => {
    expect(shiftPeriod('2024-25 Q1', 1)).toBe('2023-24 Q4');
    expect(shiftPeriod('2024-25 Q3', 4)).toBe('2023-24 Q3');
    expect(shiftPeriod('2024-25 Q4', -1)).toBe('2025-26 Q1');
    expect(shiftPeriod('1999-00 Q4', -1)).toBe('2000-01 Q1');
    expect(shiftPeriod('2000-01 Q1', 1)).toBe('1999-00 Q4');
  });
  it('months cross calendar years', () => {
    expect(shiftPeriod('2025-01', 1)).toBe('2024-12');
    expect(shiftPeriod('2025-01', 12)).toBe('2024-01');
    expect(shiftPeriod('2024-12', -1)).toBe('2025-01');
  });
  it('refuses other labels', () => {
    expect(() => shiftPeriod('2024', 1)).toThrow();
  });
});

describe('tile change', () => {
  it('rate: change on the previous quarter and a year earlier, judged by polarity', () => {
    const rows = [r('2023-24 Q3', 0.25), r('2024-25 Q2', 0.226), r('2024-25 Q3', 0.214)];
    const down = tileChange(rows, 'down');
    expect(down).toMatchObject({ period: '2024-25 Q3', grain: 'quarter', value: 0.214, partial: false });
    // 0.214 - 0.226 = -0.012 (1.2 percentage points down)
    expect(down?.previous.period).toBe('2024-25 Q2');
    expect(down?.previous.delta).toBeCloseTo(-0.012, 12);
    expect(down?.previous).toMatchObject({ value: 0.226, direction: 'down', judgement: 'better' });
    // 0.214 - 0.25 = -0.036
    expect(down?.yearAgo.period).toBe('2023-24 Q3');
    expect(down?.yearAgo.delta).toBeCloseTo(-0.036, 12);
    expect(down?.yearAgo.judgement).toBe('better');
    expect(tileChange(rows, 'up')?.previous.judgement).toBe('worse');
    expect(tileChange(rows, 'neutral')?.previous.judgement).toBe('neutral');
  });

  it('input order does not matter; missing comparison periods give nulls', () => {
    const rows = [r('2025-03', 40), r('2025-02', 40)];
    const c = tileChange(rows, 'up');
    expect(c).toMatchObject({ period: '2025-03', grain: 'month', value: 40, partial: false, soFar: null });
    expect(c?.previous).toEqual({ period: '2025-02', value: 40, delta: 0, direction: 'same', judgement: 'same' });
    expect(c?.yearAgo).toEqual({ period: '2024-03', value: null, delta: null, direction: null, judgement: null });
  });

  it('the headline is the latest complete period; a later period is only "so far"', () => {
    // Q3 is over but its 12-month follow-up is not complete; Q4 is not over. The headline is Q2,
    // compared with Q1 (0.30 - 0.20 = 0.10 up) and a year before (2023-24 Q2, absent).
    const rows = [
      r('2024-25 Q1', 0.2),
      r('2024-25 Q2', 0.3),
      r('2024-25 Q3', 0.03, { complete: false }),
      r('2024-25 Q4', 0.01, { complete: false, partial: true })
    ];
    const c = tileChange(rows, 'down');
    expect(c).toMatchObject({ period: '2024-25 Q2', value: 0.3, complete: true, partial: false });
    expect(c?.previous.delta).toBeCloseTo(0.1, 12);
    expect(c?.previous.judgement).toBe('worse');
    expect(c?.soFar).toEqual({ period: '2024-25 Q4', value: 0.01, complete: false, partial: true });
    // nothing settled yet: no headline
    expect(tileChange([r('2024-25 Q4', 0.5, { partial: true })], 'up')).toBeNull();
  });

  it('null latest value gives null changes; no rows gives null', () => {
    const c = tileChange([r('2025-02', 10), r('2025-03', null)], 'up');
    expect(c?.value).toBeNull();
    expect(c?.previous).toMatchObject({ value: 10, delta: null, judgement: null });
    expect(tileChange([], 'up')).toBeNull();
  });

  it('judge', () => {
    expect(judge(2, 'up')).toBe('better');
    expect(judge(-2, 'up')).toBe('worse');
    expect(judge(2, 'down')).toBe('worse');
    expect(judge(-2, 'down')).toBe('better');
    expect(judge(0, 'down')).toBe('same');
    expect(judge(null, 'up')).toBeNull();
  });
});
