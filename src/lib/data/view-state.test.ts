import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, filtersFor, parseView, serialiseView } from './view-state';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const v = {
      ...DEFAULT_VIEW,
      from: '2023-24 Q1',
      to: '2025-26 Q2',
      locality: ['North', 'South & East'],
      agency: ['police'],
      neglect: true,
      grain: 'quarter' as const,
      publication: true,
      baseline: '2023-24 Q3',
      changes: ['2024-25 Q1'],
      runLength: 6 as const,
      breakdown: { rereferral_12m: 'agency', tool_uses: 'locality' }
    };
    expect(parseView(new URLSearchParams(serialiseView(v).toString()))).toEqual(v);
  });

  it('defaults when absent and drops malformed periods', () => {
    expect(parseView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
    expect(parseView(new URLSearchParams('from=2024Q1&to=2024-25%20Q5&grain=week')).from).toBeNull();
    expect(serialiseView(DEFAULT_VIEW).toString()).toBe('');
    // a breakdown names a measure and a dimension; anything else is dropped
    expect(parseView(new URLSearchParams('by=rereferral_12m:agency&by=bad&by=x:<b>')).breakdown).toEqual({ rereferral_12m: 'agency' });
  });

  it('applies only the filters a metric allows and says which it left out', () => {
    const v = { ...DEFAULT_VIEW, locality: ['North'], agency: ['police'], neglect: true, from: '2023-24 Q1' };
    expect(filtersFor(v, ['agency', 'tool'])).toEqual({
      filters: { from: '2023-24 Q1', agency: ['police'] },
      ignored: ['locality', 'neglect cases only']
    });
    expect(filtersFor(v, ['locality', 'agency', 'neglect']).ignored).toEqual([]);
  });
});
