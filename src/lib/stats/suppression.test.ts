import { describe, expect, it } from 'vitest';
import { codePointLess, suppressRows } from './suppression';
import type { MetricRow, Unit } from './types';

const UNITS: Record<string, Unit> = { rr: 'rate', cnt: 'count', dur: 'duration' };
const unitOf = (m: string): Unit => UNITS[m] ?? 'rate';

function row(metric: string, over: Partial<MetricRow>): MetricRow {
  return {
    metric,
    grain: 'quarter',
    period: '2024-25 Q1',
    dimension: null,
    group: null,
    numerator: null,
    denominator: null,
    value: null,
    p90: null,
    complete: true,
    partial: false,
    ...over
  };
}
const rate = (num: number, den: number, over: Partial<MetricRow> = {}): MetricRow =>
  row('rr', { numerator: num, denominator: den, value: den === 0 ? null : num / den, ...over });
const count = (v: number, over: Partial<MetricRow> = {}): MetricRow => row('cnt', { value: v, ...over });
const dur = (n: number, median: number | null, p90: number | null, over: Partial<MetricRow> = {}): MetricRow =>
  row('dur', { denominator: n, value: median, p90, ...over });

describe('primary suppression', () => {
  it('counts: 1..5 are c, 0 and 6 are shown', () => {
    const out = suppressRows([count(0), count(1), count(5), count(6)], unitOf);
    expect(out.map((r) => r.value)).toEqual([0, 'c', 'c', 6]);
    expect(out.map((r) => r.reason)).toEqual([null, 'primary', 'primary', null]);
    expect(out[1]).toMatchObject({ numerator: null, denominator: null, p90: null, suppressed: true });
  });

  it('rates: numerator 1..5 or denominator - numerator 1..5 hide numerator, denominator and value', () => {
    const out = suppressRows(
      [
        rate(3, 100), // numerator 3 -> c
        rate(95, 100), // 100 - 95 = 5 -> c
        rate(94, 100), // 94 and 100 - 94 = 6 -> shown
        rate(6, 100), // 6 and 94 -> shown
        rate(0, 100), // zero numerator, 100 -> shown
        rate(0, 3), // 3 - 0 = 3 -> c (everyone in 3 is a "no")
        rate(0, 0), // nothing counted -> shown, value null
        rate(100, 100) // 100 - 100 = 0 -> shown
      ],
      unitOf
    );
    expect(out.map((r) => r.suppressed)).toEqual([true, true, false, false, false, true, false, false]);
    expect(out[0]).toMatchObject({ numerator: 'c', denominator: 'c', value: 'c', p90: null, reason: 'primary' });
    expect(out[2]).toMatchObject({ numerator: 94, denominator: 100, value: 0.94, reason: null });
    expect(out[6]).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('durations: resting on 1..5 items hide denominator, median and p90; 0 and 6 items shown', () => {
    const out = suppressRows([dur(5, 10, 20), dur(6, 10, 20), dur(0, null, null), dur(1, 3, 3)], unitOf);
    expect(out[0]).toMatchObject({ numerator: null, denominator: 'c', value: 'c', p90: 'c', reason: 'primary' });
    expect(out[1]).toMatchObject({ denominator: 6, value: 10, p90: 20, suppressed: false });
    expect(out[2]).toMatchObject({ denominator: 0, value: null, p90: null, suppressed: false });
    expect(out[3]?.suppressed).toBe(true);
  });
});

describe('secondary suppression', () => {
  const bd = { dimension: '"agency"' };
  it('one suppressed group -> the smallest other denominator is suppressed too; overall only primary', () => {
    const rows = [
      rate(90, 300), // overall: shown
      rate(50, 100, { ...bd, group: '"a"' }),
      rate(1, 20, { ...bd, group: '"b"' }), // primary (numerator 1)
      rate(20, 40, { ...bd, group: '"c"' }), // smallest remaining denominator 40 -> secondary
      rate(19, 140, { ...bd, group: '"d"' })
    ];
    const out = suppressRows(rows, unitOf);
    expect(out.map((r) => r.reason)).toEqual([null, null, 'primary', 'secondary', null]);
    expect(out[3]).toMatchObject({ numerator: 'c', denominator: 'c', value: 'c', group: '"c"' });
    // Input order and identity fields kept.
    expect(out.map((r) => r.group)).toEqual([null, '"a"', '"b"', '"c"', '"d"']);
  });

  it('ties on size go to the group first in code-point order ("Z" before "a")', () => {
    const rows = [
      rate(20, 40, { ...bd, group: '"a"' }),
      rate(20, 40, { ...bd, group: '"Z"' }),
      rate(2, 40, { ...bd, group: '"m"' }) // primary
    ];
    const out = suppressRows(rows, unitOf);
    expect(out.map((r) => r.reason)).toEqual([null, 'secondary', 'primary']);
    // Same result whatever the input order.
    const rev = suppressRows([...rows].reverse(), unitOf);
    expect(rev.map((r) => r.reason)).toEqual(['primary', 'secondary', null]);
  });

  it('two or more suppressed groups -> no secondary; no suppressed group -> none', () => {
    const two = suppressRows(
      [
        rate(1, 10, { ...bd, group: '"a"' }),
        rate(2, 10, { ...bd, group: '"b"' }),
        rate(20, 40, { ...bd, group: '"c"' })
      ],
      unitOf
    );
    expect(two.map((r) => r.reason)).toEqual(['primary', 'primary', null]);
    const none = suppressRows([rate(20, 40, { ...bd, group: '"a"' }), rate(30, 60, { ...bd, group: '"b"' })], unitOf);
    expect(none.every((r) => !r.suppressed)).toBe(true);
  });

  it('breakdowns are per metric, grain, period and dimension', () => {
    const rows = [
      rate(1, 10, { ...bd, group: '"a"' }), // primary in Q1/agency
      rate(20, 40, { ...bd, group: '"b"', period: '2024-25 Q2' }), // other period: untouched
      rate(20, 40, { dimension: '"neglect"', group: '"true"' }), // other dimension: untouched
      rate(20, 40, { ...bd, group: '"b"', grain: 'month', period: '2024-04' }), // other grain: untouched
      rate(30, 60, { ...bd, group: '"c"' }) // the only candidate -> secondary
    ];
    const out = suppressRows(rows, unitOf);
    expect(out.map((r) => r.reason)).toEqual(['primary', null, null, null, 'secondary']);
  });

  it('counts use the count as size; zero is shown unless chosen', () => {
    const rows = [
      count(3, { dimension: '"locality"', group: '"north"' }), // primary
      count(9, { dimension: '"locality"', group: '"south"' }),
      count(7, { dimension: '"locality"', group: '"east"' }) // smallest non-suppressed -> secondary
    ];
    const out = suppressRows(rows, unitOf);
    expect(out.map((r) => r.value)).toEqual(['c', 9, 'c']);
    expect(out[2]?.reason).toBe('secondary');
  });

  it('durations use the number of items as size', () => {
    const rows = [
      dur(4, 10, 12, { dimension: '"neglect"', group: '"true"' }), // primary
      dur(30, 8, 20, { dimension: '"neglect"', group: '"false"' }) // only candidate -> secondary
    ];
    const out = suppressRows(rows, unitOf);
    expect(out[1]).toMatchObject({ denominator: 'c', value: 'c', p90: 'c', reason: 'secondary' });
  });

  it('an overall row alone is never secondary-suppressed', () => {
    const out = suppressRows([rate(1, 10), rate(20, 40)], unitOf);
    expect(out.map((r) => r.reason)).toEqual(['primary', null]);
  });
});

describe('code-point order', () => {
  it('compares by code point', () => {
    expect(codePointLess('B1', 'a1')).toBe(true);
    expect(codePointLess('10', '9')).toBe(true);
    expect(codePointLess('a', 'ab')).toBe(true);
    expect(codePointLess('ab', 'ab')).toBe(false);
    // U+FF5E (BMP) is below U+1F600 by code point, though its UTF-16 unit 0xFF5E is above 0xD83D.
    expect(codePointLess('\uFF5E', '\u{1F600}')).toBe(true);
  });
});
