import { describe, expect, it } from 'vitest';
import { metricsDocumentSchema, publicationDocumentSchema, typedRowSchema } from './schemas';

describe('schemas derived from the contract', () => {
  const action = typedRowSchema('actions');
  const ok = {
    action_id: 'A1',
    title: 'Embed GCP2 in health visiting',
    owner_agency: 'health',
    due_date: '2026-06-30',
    status: 'on_track',
    completed_date: null,
    metric_id: 'tool_use_neglect_assessments',
    target: 0.6
  };

  it('accepts a valid typed action row', () => {
    expect(action.safeParse(ok).success).toBe(true);
  });

  it('names the field of each problem', () => {
    const bad = action.safeParse({ ...ok, owner_agency: 'Health Visiting', due_date: '2026-02-30', title: 'x'.repeat(201) });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path.join('.')).sort();
    expect(fields).toEqual(['due_date', 'owner_agency', 'title']);
  });

  it('requires required fields and lets optional ones be null', () => {
    const { action_id: _drop, ...rest } = ok;
    expect(action.safeParse(rest).success).toBe(false);
    expect(action.safeParse({ ...ok, target: null, metric_id: null }).success).toBe(true);
  });

  it('checks an int range from the contract (GCP2 grades 1-5)', () => {
    const tool = typedRowSchema('tool_uses');
    const row = {
      tool_use_id: 'T1', child_id: 'C1', tool: 'gcp2', completed_date: '2024-01-02', lead_agency: 'health',
      contributing_agencies: ['police'], physical_care: 6, safety: null, love_belonging: null, esteem: null
    };
    expect(tool.safeParse(row).success).toBe(false);
    expect(tool.safeParse({ ...row, physical_care: 5 }).success).toBe(true);
  });

  it('describes the metrics command-line document', () => {
    const doc = {
      as_of: '2025-03-31',
      tables: { referrals: { read: 1000, loaded: 998, rejected: 2 } },
      metrics: [
        { metric: 'rereferral_12m', grain: 'quarter', period: '2024-25 Q1', dimension: null, group: null,
          numerator: 120, denominator: 510, value: 120 / 510, p90: null, complete: true, partial: false }
      ],
      not_in_source: [{ metric: 'decision_wd', dimension: null, fields: ['referrals.decision_date'] }]
    };
    expect(metricsDocumentSchema.safeParse(doc).success).toBe(true);
    // imports.md: each entry names the fields not recorded; dimension null or "neglect"
    expect(metricsDocumentSchema.safeParse({ ...doc, not_in_source: [{ metric: 'x', dimension: 'agency', fields: ['a.b'] }] }).success).toBe(false);
    expect(metricsDocumentSchema.safeParse({ ...doc, not_in_source: undefined }).success).toBe(false);
    expect(metricsDocumentSchema.safeParse({ ...doc, as_of: '31/03/2025' }).success).toBe(false);
  });

  it('describes the publication document (--publication)', () => {
    const base = { metric: 'decision_wd', grain: 'month', period: '2025-01', dimension: null, group: null, complete: true, partial: false };
    const hidden = { ...base, numerator: 'c', denominator: 'c', value: 'c', p90: 'c', suppressed: 'primary' };
    const open = { ...base, numerator: null, denominator: 40, value: 3, p90: 7.5, suppressed: null };
    const doc = (metrics: unknown[]): unknown => ({ as_of: '2025-03-31', tables: {}, metrics, not_in_source: [] });
    expect(publicationDocumentSchema.safeParse(doc([hidden, open])).success).toBe(true);
    expect(publicationDocumentSchema.safeParse(doc([{ ...hidden, suppressed: 'secondary', p90: null }])).success).toBe(true);
    // "c" without a reason, a reason with a number shown, a missing suppressed field, another reason
    expect(publicationDocumentSchema.safeParse(doc([{ ...hidden, suppressed: null }])).success).toBe(false);
    expect(publicationDocumentSchema.safeParse(doc([{ ...hidden, denominator: 4 }])).success).toBe(false);
    expect(publicationDocumentSchema.safeParse(doc([{ ...open, suppressed: undefined }])).success).toBe(false);
    expect(publicationDocumentSchema.safeParse(doc([{ ...hidden, suppressed: 'tertiary' }])).success).toBe(false);
    // the analyst's document refuses "c"
    expect(metricsDocumentSchema.safeParse(doc([hidden])).success).toBe(false);
  });
});
