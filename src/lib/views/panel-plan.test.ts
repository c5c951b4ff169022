import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '$lib/data/view-state';
import { batches, panelPlan } from './panel-plan';

const referral = { id: 'rereferral_12m', grains: ['quarter', 'month'] as const, dimensions: ['locality', 'agency', 'neglect'] as const };
const nfa = { id: 'nfa_rate', grains: ['quarter', 'month'] as const, dimensions: ['locality', 'agency', 'neglect'] as const };
const training = { id: 'training_coverage', grains: ['quarter'] as const, dimensions: ['agency', 'tool'] as const };
const assessment = { id: 'assessment_wd', grains: ['quarter', 'month'] as const, dimensions: ['locality', 'neglect'] as const };

describe('panel plan', () => {
  it('falls back to quarters for quarter-only measures and drops child dimensions without children', () => {
    const p = panelPlan(training, DEFAULT_VIEW, false);
    expect(p.grain).toBe('quarter');
    expect(panelPlan(referral, DEFAULT_VIEW, false).dims).toEqual(['agency', 'neglect']);
    expect(panelPlan(referral, DEFAULT_VIEW, true).dims).toEqual(['locality', 'agency', 'neglect']);
  });

  it('batches the measures that ask the same question', () => {
    const view = { ...DEFAULT_VIEW, agency: ['police'] };
    const b = [...batches([referral, nfa, training, assessment], view, true).values()];
    // referral measures: month + agency filter; training: quarter + agency; assessment: month, no agency (ignored)
    expect(b).toEqual([['rereferral_12m', 'nfa_rate'], ['training_coverage'], ['assessment_wd']]);
    expect(panelPlan(assessment, view, true).ignored).toEqual(['agency']);
  });
});
