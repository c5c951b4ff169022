import { describe, expect, it } from 'vitest';
import { TableBuilder, tableCsv } from './table-builder';

const row = (id: string, child: string, date: string) => [id, child, date, 'police', true, null];

describe('TableBuilder.build', () => {
  it('sorts rows added out of id order, by code point (a repeat suffix after its base id)', () => {
    const t = new TableBuilder('referrals', 'census');
    t.add(row('Cb-R20240102', 'Cb', '2024-01-02'));
    t.add(row('Ca-R20240101-2', 'Ca', '2024-01-01'));
    t.add(row('Ca-R20240101', 'Ca', '2024-01-01'));
    expect(t.build().data[0]).toEqual(['Ca-R20240101', 'Ca-R20240101-2', 'Cb-R20240102']);
  });

  it('keeps rows already in id order as added, and rows of one id in the order added', () => {
    const t = new TableBuilder('referrals', 'census');
    t.add(row('Ca', 'first', '2024-01-01'));
    t.add(row('Ca', 'second', '2024-01-02'));
    t.add(row('Cb', 'third', '2024-01-03'));
    const out = t.build();
    expect(out.data[1]).toEqual(['first', 'second', 'third']);
    expect(tableCsv(out)).toBe(
      'referral_id,child_id,referral_date,referrer_agency,neglect_concern,outcome\n' +
        'Ca,first,2024-01-01,police,true,\nCa,second,2024-01-02,police,true,\nCb,third,2024-01-03,police,true,\n'
    );
  });

  it('sorts equal ids out of order stably (the order added)', () => {
    const t = new TableBuilder('referrals', 'census');
    t.add(row('Cb', 'x', '2024-01-01'));
    t.add(row('Ca', 'y', '2024-01-01'));
    t.add(row('Ca', 'z', '2024-01-01'));
    expect(t.build().data[1]).toEqual(['y', 'z', 'x']);
  });
});
