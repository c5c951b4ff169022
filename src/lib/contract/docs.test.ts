import { describe, expect, it } from 'vitest';
import { contractMarkdown, templateCsv, TABLES } from './index';

describe('contract documentation', () => {
  it('has a field table per table listing every field', () => {
    const md = contractMarkdown();
    for (const t of TABLES) {
      expect(md).toContain(`## ${t.name} (${t.required ? 'required' : 'optional'})`);
      for (const f of t.fields) expect(md).toContain(`| ${f.name} |`);
    }
    expect(md).toContain('| decision_date | date | no | Decision on next steps; null = awaiting decision. Not before referral_date. |');
    expect(md).toContain('`1A`, `1B`, `1C`, `1D` -> public');
  });

  it('templates are the header row in contract order', () => {
    expect(templateCsv('training')).toBe('quarter,agency,tool,staff_in_scope,staff_trained\r\n');
    expect(templateCsv('referrals')).toBe(
      'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date\r\n'
    );
    expect(() => templateCsv('nope')).toThrow(/No table named 'nope'/);
  });

  it('states 9 tables with 65 fields in all', () => {
    // 7 + 8 + 7 + 10 + 8 + 7 + 5 + 5 + 8 = 65 (episodes gained closure_code)
    expect(TABLES.map((t) => t.fields.length)).toEqual([7, 8, 7, 10, 8, 7, 5, 5, 8]);
  });
});
