import { describe, expect, it } from 'vitest';
import { periodBounds, periodsBetween, quarterLabel } from './periods';

describe('periods', () => {
  it('labels financial-year quarters', () => {
    expect(quarterLabel('2025-04-01')).toBe('2025-26 Q1');
    expect(quarterLabel('2025-06-30')).toBe('2025-26 Q1');
    expect(quarterLabel('2025-07-01')).toBe('2025-26 Q2');
    expect(quarterLabel('2025-12-31')).toBe('2025-26 Q3');
    expect(quarterLabel('2026-01-01')).toBe('2025-26 Q4');
    expect(quarterLabel('2026-03-31')).toBe('2025-26 Q4');
    expect(quarterLabel('2099-05-01')).toBe('2099-00 Q1');
  });
  it('bounds periods', () => {
    expect(periodBounds('2023-24 Q4')).toEqual({ grain: 'quarter', start: '2024-01-01', end: '2024-03-31' });
    expect(periodBounds('2024-02')).toEqual({ grain: 'month', start: '2024-02-01', end: '2024-02-29' });
    expect(() => periodBounds('2024 Q1')).toThrow();
  });
  it('lists periods between two dates', () => {
    expect(periodsBetween('quarter', '2024-03-15', '2024-07-01').map((p) => p.label)).toEqual([
      '2023-24 Q4', '2024-25 Q1', '2024-25 Q2'
    ]);
    expect(periodsBetween('month', '2024-11-30', '2025-01-01').map((p) => p.label)).toEqual([
      '2024-11', '2024-12', '2025-01'
    ]);
  });
});
