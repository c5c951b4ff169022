import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '$lib/data/view-state';
import { headlineDefs, tileQueries, tileRequests } from './tiles';

describe('overview tiles', () => {
  it('ask one engine question per distinct set of filters, at quarters', () => {
    const defs = headlineDefs(null);
    const view = { ...DEFAULT_VIEW, neglect: true };
    const reqs = tileRequests(defs, view, true, { rereferral_12m: 0.2 });
    expect(reqs.every((r) => r.grain === 'quarter')).toBe(true);
    expect(reqs.find((r) => r.measure === 'rereferral_12m')?.target).toBe(0.2);
    // neglect applies to referral, assessment and closure measures, not to tools, training,
    // barriers, cumulative harm or education
    const qs = tileQueries(reqs);
    expect(qs).toHaveLength(2);
    const withNeglect = qs.find((q) => q.filters.neglect === true)!;
    expect(withNeglect.ids.sort()).toEqual(
      ['assessment_within_45wd', 'closure_without_change', 'decision_within_1wd', 'feedback_within_3wd', 'rereferral_12m'].sort()
    );
    expect(reqs.find((r) => r.measure === 'training_coverage')?.ignored).toEqual(['neglect cases only']);
  });

  it('leave out measures whose tables are not in the extract', () => {
    expect(headlineDefs(new Set(['referrals'])).map((d) => d.id)).toEqual(['rereferral_12m', 'decision_within_1wd', 'feedback_within_3wd']);
  });
});
