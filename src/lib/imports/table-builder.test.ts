import { describe, expect, it } from 'vitest';
import { TableBuilder, tableCsv, tableCsvBytes } from './table-builder';

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

describe('tableCsv', () => {
  it('quotes, neutralises and encodes cells as CSV (UTF-8, LF, header first)', () => {
    const t = new TableBuilder('children', 'census');
    t.add(['C1', '2015-06', 'male', 'white', 'no', 'North, East']);
    t.add(['C2', null, '', 'asian', 'yes', 'say "hi"']);
    t.add(['C3', '2016-01', 'female', 'black', 'no', '=SUM(A1)']);
    t.add(['C4', '2016-02', 'female', 'mixed', 'no', '-1']);
    t.add(['C5', '2016-03', 'male', 'other', 'no', 'Ynys Môn']);
    t.add(['C6', '2016-04', 'male', 'other', 'no', 'two\nlines']);
    t.add(['C7', '2016-05', 'male', 'other', 'no', '\rCR first']);
    t.add(['C8', '2016-06', 'male', 'other', 'no', '@x, "y"']);
    // spaces or a tab at either end are kept by quoting (the loader trims unquoted cells)
    t.add(['C9', '2016-07', 'male', 'other', 'no', ' North']);
    t.add(['D1', '2016-08', 'male', 'other', 'no', 'South ']);
    t.add(['D2', '2016-09', 'male', 'other', 'no', ' =x']);
    t.add(['D3', '2016-10', 'male', 'other', 'no', 'East\t']);
    const out = t.build();
    const text =
      'child_id,birth_month,sex,ethnicity,disability,locality\n' +
      'C1,2015-06,male,white,no,"North, East"\n' +
      'C2,,,asian,yes,"say ""hi"""\n' +
      "C3,2016-01,female,black,no,'=SUM(A1)\n" +
      "C4,2016-02,female,mixed,no,'-1\n" +
      'C5,2016-03,male,other,no,Ynys Môn\n' +
      'C6,2016-04,male,other,no,"two\nlines"\n' +
      'C7,2016-05,male,other,no,"\'\rCR first"\n' +
      'C8,2016-06,male,other,no,"\'@x, ""y"""\n' +
      'C9,2016-07,male,other,no," North"\n' +
      'D1,2016-08,male,other,no,"South "\n' +
      'D2,2016-09,male,other,no," =x"\n' +
      'D3,2016-10,male,other,no,"East\t"\n';
    expect(tableCsv(out)).toBe(text);
    expect(tableCsvBytes(out)).toEqual(new TextEncoder().encode(text));
  });

  it('writes only the columns asked for, an absent one empty', () => {
    const t = new TableBuilder('referrals', 'census');
    t.add(['R1', 'C1', '2024-01-01', 'police', false, 'nfa']);
    expect(tableCsv(t.build(), ['child_id', 'referral_id', 'nothing'])).toBe('child_id,referral_id,nothing\nC1,R1,\n');
  });
});
