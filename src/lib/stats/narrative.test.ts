import { describe, expect, it } from 'vitest';
import { tileChange } from './change';
import { changeWords, formatChange, formatCount, formatPeriod, formatValue, shortPeriod, trendSentence } from './narrative';
import { computeSpc, type SpcOptions } from './spc';
import type { MetricRow, Polarity, Unit } from './types';

describe('formatting', () => {
  it('rates as % with one decimal', () => {
    expect(formatValue(0.214, 'rate')).toBe('21.4%');
    expect(formatValue(0, 'rate')).toBe('0.0%');
    expect(formatValue(1, 'rate')).toBe('100.0%');
    expect(formatValue(2 / 3, 'rate')).toBe('66.7%'); // 66.666... -> 66.7
  });
  it('counts with thousands separators', () => {
    expect(formatValue(0, 'count')).toBe('0');
    expect(formatValue(999, 'count')).toBe('999');
    expect(formatValue(12345, 'count')).toBe('12,345');
    expect(formatValue(1234567, 'count')).toBe('1,234,567');
    expect(formatCount(-1234)).toBe('-1,234');
  });
  it('durations in working days', () => {
    expect(formatValue(12, 'duration')).toBe('12 working days');
    expect(formatValue(12.5, 'duration')).toBe('12.5 working days');
    expect(formatValue(12.25, 'duration')).toBe('12.3 working days'); // half rounds away from zero
    expect(formatValue(1, 'duration')).toBe('1 working day');
    expect(formatValue(0, 'duration')).toBe('0 working days');
  });
  it('missing and suppressed values', () => {
    expect(formatValue(null, 'rate')).toBe('no data');
    expect(formatValue('c', 'count')).toBe('c');
  });
  it('changes, without sign', () => {
    expect(formatChange(-0.012, 'rate')).toBe('1.2 percentage points');
    expect(formatChange(0.01, 'rate')).toBe('1.0 percentage point');
    expect(formatChange(-1500, 'count')).toBe('1,500');
    expect(formatChange(2, 'duration')).toBe('2 working days');
  });
  it('periods', () => {
    expect(formatPeriod('2025-04')).toBe('April 2025');
    expect(formatPeriod('2024-12')).toBe('December 2024');
    expect(formatPeriod('2024-25 Q3')).toBe('2024-25 Q3');
  });
});

// Label generators (no statistics).
function quarter(i: number): string {
  const fy = 2020 + Math.floor(i / 4);
  return `${fy}-${String((fy + 1) % 100).padStart(2, '0')} Q${(i % 4) + 1}`;
}
function month(i: number): string {
  return `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
function rows(label: (i: number) => string, values: number[], partialLast = false): MetricRow[] {
  return values.map((value, i) => ({
    metric: 'm',
    grain: label(0).includes('Q') ? 'quarter' : 'month',
    period: label(i),
    dimension: null,
    group: null,
    numerator: null,
    denominator: null,
    value,
    p90: null,
    complete: true,
    partial: partialLast && i === values.length - 1
  }));
}
function sentence(title: string, unit: Unit, polarity: Polarity, rs: MetricRow[], opts: Partial<SpcOptions> = {}): string {
  return trendSentence({
    title,
    unit,
    change: tileChange(rs, polarity),
    spc: computeSpc(rs, { polarity, ...opts })
  });
}

// Hand-worked base (see spc.test.ts): mean 12, mean MR 2, limits 6.68..17.32, bands 8.453..15.547.
const BASE = [10, 14, 12, 11, 13, 12, 10, 14, 12, 11, 13, 12];

describe('trend sentence', () => {
  it('common cause, rate, quarters', () => {
    // Rates BASE/100: mean 0.12, limits 0.0668..0.1732; latest 0.12 (12.0%), previous 0.13: down 1.0 point.
    const rs = rows(quarter, BASE.map((v) => v / 100));
    expect(sentence('Re-referrals within 12 months', 'rate', 'down', rs)).toBe(
      'Re-referrals within 12 months stood at 12.0% in 2022-23 Q4, down 1.0 percentage point on the previous quarter; ' +
        'this is within the range of normal variation (common cause), so it is not evidence of real change.'
    );
  });

  it('shift of 7 quarters below the average, lower is better', () => {
    // Sixty-fourths keep the mean exact in binary (12/64 = 0.1875), so the baseline's last point (12/64)
    // sits exactly on the mean and the run below it is the 7 points of 11/64 = 0.171875 (17.2%).
    const rs = rows(quarter, [...BASE, 11, 11, 11, 11, 11, 11, 11].map((v) => v / 64));
    // 19 quarters from 2020-21 Q1: the last is 2024-25 Q3; 11/64 - 11/64 = 0 -> unchanged.
    expect(sentence('Re-referrals within 12 months', 'rate', 'down', rs, { baseline: { to: quarter(11) } })).toBe(
      'Re-referrals within 12 months stood at 17.2% in 2024-25 Q3, unchanged on the previous quarter; ' +
        '7 quarters in a row below the average: a real shift - improvement.'
    );
  });

  it('outside the upper limit, count, lower is better -> concern', () => {
    // Latest 18 > 17.32; previous 12 -> up 6.
    const rs = rows(month, [...BASE, 18]);
    expect(sentence('Referrals awaiting a decision', 'count', 'down', rs, { baseline: { to: month(11) } })).toBe(
      'Referrals awaiting a decision stood at 18 in January 2025, up 6 on the previous month; ' +
        'this is above the upper limit: a real change - concern.'
    );
  });

  it('outside under neutral polarity', () => {
    const rs = rows(month, [...BASE, 6]);
    expect(sentence('NFA rate', 'count', 'neutral', rs, { baseline: { to: month(11) } })).toBe(
      'NFA rate stood at 6 in January 2025, down 6 on the previous month; ' +
        'this is below the lower limit: a real change - no preferred direction.'
    );
  });

  it('two of three near the upper limit', () => {
    // 16 > 15.547, 12.5 not, 16 again: 2 of the last 3, all 3 above the mean of 12.
    const rs = rows(month, [...BASE, 16, 12.5, 16]);
    expect(sentence('Decision time', 'duration', 'down', rs, { baseline: { to: month(11) } })).toBe(
      'Decision time stood at 16 working days in March 2025, up 3.5 working days on the previous month; ' +
        '2 of the last 3 months were close to the upper limit, all 3 above the average: a real change - concern.'
    );
  });

  it('trend of 7 rising months with trial limits', () => {
    // 9 points: mean 101/9 = 11.22, MR (4+6+1*6)/8 = 2, upper 16.54, band 14.77: 14 is not beyond;
    // only 12, 13, 14 are above the mean (3 < 7). So only the trend (8..14, 7 points) fires.
    const rs = rows(month, [10, 14, 8, 9, 10, 11, 12, 13, 14]);
    expect(sentence('Tool uses', 'count', 'up', rs)).toBe(
      'Tool uses stood at 14 in September 2024, up 1 on the previous month; ' +
        '7 months in a row rising: a real trend - improvement (trial limits: fewer than 12 points).'
    );
  });

  it('conflicting flags: the trend is told', () => {
    const rs = rows(month, [...BASE, 15.5, 15, 14.5, 14, 13.5, 13, 12.5]);
    expect(sentence('Tool uses', 'duration', 'up', rs, { baseline: { to: month(11) } })).toBe(
      'Tool uses stood at 12.5 working days in July 2025, down 0.5 working days on the previous month; ' +
        '7 months in a row falling: a real trend - concern.'
    );
  });

  it('partial latest period: the headline and the sentence are about the latest complete one', () => {
    // 11 complete months (trial) then a partial December (14, left out). The headline is November
    // (13), previous October (11): up 2; the latest SPC point is November too, so "this is".
    const rs = rows(month, [...BASE.slice(0, 11), 14], true);
    expect(sentence('Decision time', 'duration', 'down', rs)).toBe(
      'Decision time stood at 13 working days in November 2024, up 2 working days on the previous month; ' +
        'this is within the range of normal variation (common cause), ' +
        'so it is not evidence of real change (trial limits: fewer than 12 points).'
    );
  });

  it('no rows, no SPC, null value', () => {
    expect(trendSentence({ title: 'Tool uses', unit: 'count', change: null, spc: null })).toBe(
      'Tool uses has no reported periods yet.'
    );
    const one = rows(month, [5]);
    expect(trendSentence({ title: 'Tool uses', unit: 'count', change: tileChange(one, 'up'), spc: null })).toBe(
      'Tool uses stood at 5 in January 2024; there are not enough complete points to judge variation.'
    );
    const withNull: MetricRow[] = [...rows(month, [5]), { ...(one[0] as MetricRow), period: '2024-02', value: null }];
    expect(
      trendSentence({ title: 'Tool uses', unit: 'count', change: tileChange(withNull, 'up'), spc: computeSpc(withNull, { polarity: 'up' }) })
    ).toBe('Tool uses had no value in February 2024; there are not enough complete points to judge variation.');
  });

  it('a change that rounds to zero as shown is "unchanged"', () => {
    // 0.2144 - 0.2140 = 0.0004 -> 0.04 percentage points -> shown "0.0" -> unchanged.
    const rs = rows(month, [0.214, 0.2144]);
    expect(trendSentence({ title: 'Re-referrals', unit: 'rate', change: tileChange(rs, 'down'), spc: null })).toBe(
      'Re-referrals stood at 21.4% in February 2024, unchanged on the previous month; ' +
        'there are not enough complete points to judge variation.'
    );
  });

  it('publication form: suppressed latest or previous value is not disclosed', () => {
    const rs = rows(month, [10, 4]);
    expect(
      trendSentence({ title: 'Tool uses', unit: 'count', change: tileChange(rs, 'up'), spc: null, suppressed: { latest: true, previous: false } })
    ).toBe(
      'Tool uses in February 2024 is suppressed (c) because it rests on 1 to 5 children or items; ' +
        'there are not enough complete points to judge variation.'
    );
    const rs2 = rows(month, [4, 10]);
    expect(
      trendSentence({ title: 'Tool uses', unit: 'count', change: tileChange(rs2, 'up'), spc: null, suppressed: { latest: false, previous: true } })
    ).toBe('Tool uses stood at 10 in February 2024; there are not enough complete points to judge variation.');
  });
});

describe('change words and short periods', () => {
  it('says a change with its direction, size, judgement and comparison', () => {
    expect(changeWords({ delta: -0.012, judgement: 'better' }, 'rate', 'the previous quarter')).toBe(
      'down 1.2 percentage points on the previous quarter (better)'
    );
    // 0.0004 = 0.04 percentage points: shown as 0.0, said as unchanged
    expect(changeWords({ delta: 0.0004, judgement: 'worse' }, 'rate', '2024-25 Q3')).toBe('unchanged on 2024-25 Q3');
    expect(changeWords({ delta: 3, judgement: 'neutral' }, 'count', '2024-25 Q3')).toBe('up 3 on 2024-25 Q3');
    expect(changeWords({ delta: null, judgement: null }, 'count', '2024-25 Q3')).toBe('no figure for 2024-25 Q3');
    expect(changeWords({ delta: 3, judgement: 'better' }, 'count', 'the previous quarter', true)).toBe('change on the previous quarter: c');
  });
  it('shortens months only', () => {
    expect(shortPeriod('2026-03')).toBe('Mar 2026');
    expect(shortPeriod('2025-26 Q4')).toBe('2025-26 Q4');
  });
});
