import { describe, expect, it } from 'vitest';
import {
  codePointLess,
  publicationForm,
  publicationLookup,
  registryMeta,
  suppressRows,
  type PublicationRow,
  type SuppressionMeta
} from './suppression';
import type { MetricRow, Unit } from './types';

// Test metrics: rr (rate over a period), cnt (count over a period), dur (duration), snap (count at
// each period's end). Every dimension partitions.
const META: Record<string, { unit: Unit; snapshot: boolean }> = {
  rr: { unit: 'rate', snapshot: false },
  cnt: { unit: 'count', snapshot: false },
  dur: { unit: 'duration', snapshot: false },
  snap: { unit: 'count', snapshot: true }
};
const metaOf = (m: string): SuppressionMeta => ({ ...(META[m] ?? { unit: 'rate', snapshot: false }), partitions: () => true });
const publish = (rows: MetricRow[]): PublicationRow[] => publicationForm(rows, metaOf);

const Q = '2024-25 Q4'; // January to March 2025
const M1 = '2025-01';
const M2 = '2025-02';
const M3 = '2025-03';

function row(metric: string, period: string, over: Partial<MetricRow>): MetricRow {
  return {
    metric,
    grain: period.includes('Q') ? 'quarter' : 'month',
    period,
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
const grp = (g: string | null): Partial<MetricRow> => (g === null ? {} : { dimension: 'agency', group: g });
const rate = (period: string, g: string | null, num: number, den: number): MetricRow =>
  row('rr', period, { ...grp(g), numerator: num, denominator: den, value: den === 0 ? null : num / den });
const count = (period: string, g: string | null, v: number, metric = 'cnt'): MetricRow => row(metric, period, { ...grp(g), value: v });
const dur = (period: string, g: string | null, n: number, median: number | null, p90: number | null): MetricRow =>
  row('dur', period, { ...grp(g), denominator: n, value: median, p90 });

/** "period/group: state" for every row, in input order (state: shown, primary or secondary). */
const states = (out: PublicationRow[]): string[] =>
  out.map((r) => `${r.period}/${r.group ?? 'all'}: ${r.suppressed ?? 'shown'}`);

describe('primary suppression', () => {
  it('counts: 1..5 are c, 0 and 6 are shown', () => {
    // Months without a quarter row: no relation links them, only the primary rule applies.
    const out = publish([count(M1, null, 0), count(M2, null, 1), count(M3, null, 5), count('2025-04', null, 6)]);
    expect(out.map((r) => r.value)).toEqual([0, 'c', 'c', 6]);
    expect(out.map((r) => r.suppressed)).toEqual([null, 'primary', 'primary', null]);
    // A suppressed row: numerator, denominator and value c; p90 only for durations.
    expect(out[1]).toEqual({ ...count(M2, null, 1), numerator: 'c', denominator: 'c', value: 'c', p90: null, suppressed: 'primary' });
    expect(out[3]).toEqual({ ...count('2025-04', null, 6), suppressed: null });
  });

  it('rates: numerator 1..5 or denominator - numerator 1..5', () => {
    // Each in its own period so that no relation links them.
    const cases: [number, number, boolean][] = [
      [3, 100, true], // numerator 3
      [95, 100, true], // 100 - 95 = 5
      [94, 100, false], // 94 and 6
      [6, 100, false], // 6 and 94
      [0, 100, false], // zero numerator, 100 "no"s
      [0, 3, true], // 3 - 0 = 3
      [0, 0, false], // nothing counted, value null
      [100, 100, false] // 100 and 0
    ];
    const out = publish(cases.map(([n, d], i) => rate(`2020-${String(i + 1).padStart(2, '0')}`, null, n, d)));
    expect(out.map((r) => r.suppressed === 'primary')).toEqual(cases.map((c) => c[2]));
    expect(out[0]).toMatchObject({ numerator: 'c', denominator: 'c', value: 'c', p90: null });
    expect(out[2]).toMatchObject({ numerator: 94, denominator: 100, value: 0.94, suppressed: null });
    expect(out[6]).toMatchObject({ numerator: 0, denominator: 0, value: null, suppressed: null });
  });

  it('durations: resting on 1..5 items hide numerator, denominator, median and p90', () => {
    const out = publish([dur('2020-01', null, 5, 10, 20), dur('2020-02', null, 6, 10, 20), dur('2020-03', null, 0, null, null)]);
    expect(out[0]).toMatchObject({ numerator: 'c', denominator: 'c', value: 'c', p90: 'c', suppressed: 'primary' });
    expect(out[1]).toMatchObject({ numerator: null, denominator: 6, value: 10, p90: 20, suppressed: null });
    expect(out[2]).toMatchObject({ denominator: 0, value: null, p90: null, suppressed: null });
  });
});

describe('secondary: groups add up to the overall row', () => {
  it('one suppressed group -> the other group with the smallest denominator', () => {
    // Q overall 90/300 = a 50/100 + b 1/20 + c 20/40 + d 19/140.
    // b is primary (numerator 1); the relation then has one suppressed member, so c (denominator 40,
    // the smallest shown) is suppressed too. Two suppressed: done.
    const out = publish([rate(Q, null, 90, 300), rate(Q, 'a', 50, 100), rate(Q, 'b', 1, 20), rate(Q, 'c', 20, 40), rate(Q, 'd', 19, 140)]);
    expect(states(out)).toEqual([`${Q}/all: shown`, `${Q}/a: shown`, `${Q}/b: primary`, `${Q}/c: secondary`, `${Q}/d: shown`]);
    expect(out[3]).toMatchObject({ numerator: 'c', denominator: 'c', value: 'c', group: 'c' });
  });

  it('a suppressed overall row counts as a member: one group is suppressed with it', () => {
    // Overall 3 (primary) = a 2 (primary) + b 1 (primary): three suppressed, nothing more to do.
    expect(states(publish([count(Q, null, 3), count(Q, 'a', 2), count(Q, 'b', 1)]))).toEqual([
      `${Q}/all: primary`,
      `${Q}/a: primary`,
      `${Q}/b: primary`
    ]);
  });

  it('ties on size go to the group first in code-point order ("Z" before "a"), whatever the input order', () => {
    const rows = [rate(Q, null, 42, 120), rate(Q, 'a', 20, 40), rate(Q, 'Z', 20, 40), rate(Q, 'm', 2, 40)];
    expect(states(publish(rows))).toEqual([`${Q}/all: shown`, `${Q}/a: shown`, `${Q}/Z: secondary`, `${Q}/m: primary`]);
    const rev = publish([...rows].reverse());
    expect(states(rev)).toEqual([`${Q}/m: primary`, `${Q}/Z: secondary`, `${Q}/a: shown`, `${Q}/all: shown`]);
  });
});

describe('secondary: months add up to the quarter', () => {
  it('the issue\'s case: a suppressed month is not left alone beside its quarter', () => {
    // Q 30 = January 3 (primary) + February 12 + March 15: February (12 < 15) is suppressed too,
    // else January = 30 - 12 - 15.
    const out = publish([count(Q, null, 30), count(M1, null, 3), count(M2, null, 12), count(M3, null, 15)]);
    expect(states(out)).toEqual([`${Q}/all: shown`, `${M1}/all: primary`, `${M2}/all: secondary`, `${M3}/all: shown`]);
  });

  it('a month of size 0 is no cover: the smallest month above 0 is chosen', () => {
    // Q 13 = January 0 + February 3 (primary) + March 10: March, not the empty January.
    const out = publish([count(Q, null, 13), count(M1, null, 0), count(M2, null, 3), count(M3, null, 10)]);
    expect(states(out)).toEqual([`${Q}/all: shown`, `${M1}/all: shown`, `${M2}/all: primary`, `${M3}/all: secondary`]);
  });

  it('when only months of size 0 remain, the quarter itself is suppressed', () => {
    // Numbers chosen to isolate the rule (they do not add up): March 4 is primary, January and
    // February are 0, so the relation's only cover left is its total.
    const out = publish([count(Q, null, 10), count(M1, null, 0), count(M2, null, 0), count(M3, null, 4)]);
    expect(states(out)).toEqual([`${Q}/all: secondary`, `${M1}/all: shown`, `${M2}/all: shown`, `${M3}/all: primary`]);
  });

  it('durations: their item counts add up, so a duration month is protected like a count', () => {
    // Q rests on 30 items = January 4 (primary) + February 11 + March 15: February is suppressed.
    const out = publish([dur(Q, null, 30, 9, 20), dur(M1, null, 4, 8, 9), dur(M2, null, 11, 9, 19), dur(M3, null, 15, 10, 22)]);
    expect(states(out)).toEqual([`${Q}/all: shown`, `${M1}/all: primary`, `${M2}/all: secondary`, `${M3}/all: shown`]);
    expect(out[2]).toMatchObject({ numerator: 'c', denominator: 'c', value: 'c', p90: 'c' });
  });

  it('iterates across relations until none has exactly one suppressed member, the total last', () => {
    // Overall: January 10, February 20, quarter 30.
    // Groups: January x 10; February x 3 (primary), y 17; quarter x 13, y 17.
    // Relations and what they force (every choice here is the only one left):
    //   February = x + y: x suppressed -> y (17).
    //   quarter y = February y: February y suppressed, no other month -> the total, quarter y.
    //   quarter x = January x + February x: February x suppressed -> January x.
    //   January = January x: January x suppressed, no other group -> the total, January.
    //   quarter = x + y: y suppressed -> x.
    //   quarter = January + February: January suppressed -> February.
    // Then every relation has 0 or at least 2 suppressed; only the quarter's overall 30 is shown.
    const rows = [
      count(Q, null, 30),
      count(Q, 'x', 13),
      count(Q, 'y', 17),
      count(M1, null, 10),
      count(M1, 'x', 10),
      count(M2, null, 20),
      count(M2, 'x', 3),
      count(M2, 'y', 17)
    ];
    const expected = [
      `${Q}/all: shown`,
      `${Q}/x: secondary`,
      `${Q}/y: secondary`,
      `${M1}/all: secondary`,
      `${M1}/x: secondary`,
      `${M2}/all: secondary`,
      `${M2}/x: primary`,
      `${M2}/y: secondary`
    ];
    expect(states(publish(rows))).toEqual(expected);
    // Same result from the rows in reverse order.
    expect(states(publish([...rows].reverse()))).toEqual([...expected].reverse());
  });
});

describe('secondary: a snapshot quarter equals its last month', () => {
  it('snapshot months do not add up to the quarter', () => {
    // Counts at each month's end: January 4 (primary), February 8, March 20; the quarter (at its end)
    // is 20, March's figure. No sum links the months, so nothing else is suppressed.
    const out = publish([count(Q, null, 20, 'snap'), count(M1, null, 4, 'snap'), count(M2, null, 8, 'snap'), count(M3, null, 20, 'snap')]);
    expect(states(out)).toEqual([`${Q}/all: shown`, `${M1}/all: primary`, `${M2}/all: shown`, `${M3}/all: shown`]);
  });

  it('the quarter follows its last reported month (February in a quarter reported to February)', () => {
    // Numbers made to differ on purpose, to show the relation alone: February (the last reported
    // month of the partial quarter) is primary, so the quarter, which equals it, is suppressed too;
    // January is not linked to the quarter.
    const partial = { partial: true };
    const out = publish([
      { ...count(Q, null, 7, 'snap'), ...partial },
      count(M1, null, 9, 'snap'),
      { ...count(M2, null, 3, 'snap'), ...partial }
    ]);
    expect(states(out)).toEqual([`${Q}/all: secondary`, `${M1}/all: shown`, `${M2}/all: primary`]);
  });
});

describe('the registry decides units, snapshots and partitions', () => {
  it('awaiting_decision is a snapshot count, rereferral_12m a rate over a period', () => {
    expect(registryMeta('awaiting_decision')).toMatchObject({ unit: 'count', snapshot: true });
    expect(registryMeta('rereferral_12m')).toMatchObject({ unit: 'rate', snapshot: false });
    expect(registryMeta('rereferral_12m').partitions('agency')).toBe(true);
    expect(registryMeta('rereferral_12m').partitions('tool')).toBe(false);
    expect(() => registryMeta('no_such_metric')).toThrow('no_such_metric');
  });

  it('uses the registry by default', () => {
    const snap = (period: string, v: number): MetricRow => ({ ...count(period, null, v), metric: 'awaiting_decision' });
    // As a snapshot: January 4 is primary and nothing else (no sum of months).
    const out = publicationForm([snap(Q, 20), snap(M1, 4), snap(M2, 8), snap(M3, 20)]);
    expect(out.map((r) => r.suppressed)).toEqual([null, 'primary', null, null]);
  });

  it('a count one metric protects and another publishes: both rows are suppressed together (decision_wd, decision_within_1wd)', () => {
    // decision_wd rests on the referrals with a decision: quarter 30 = January 3 (primary) +
    // February 12 + March 15, so February is suppressed (12 < 15).
    // decision_within_1wd counts the same referrals: January 2/3 and March 12/15 are primary
    // (3 - 2 = 1, 15 - 12 = 3), so its months relation needs nothing more and February 6/12 would
    // be shown, giving away decision_wd's February (12) and so its January (30 - 12 - 15 = 3).
    // The shared count hides February in decision_within_1wd too, and March in decision_wd
    // (suppressed together both ways: else decision_wd's March 15 would give decision_within_1wd's
    // March denominator, and through its months relation its February, which is decision_wd's).
    const wd = (period: string, n: number): MetricRow => ({ ...dur(period, null, n, 1, 2), metric: 'decision_wd' });
    const r1 = (period: string, num: number, den: number): MetricRow => ({ ...rate(period, null, num, den), metric: 'decision_within_1wd' });
    const out = publicationForm([wd(Q, 30), wd(M1, 3), wd(M2, 12), wd(M3, 15), r1(Q, 20, 30), r1(M1, 2, 3), r1(M2, 6, 12), r1(M3, 12, 15)]);
    expect(out.map((r) => `${r.metric} ${r.period}: ${r.suppressed ?? 'shown'}`)).toEqual([
      `decision_wd ${Q}: shown`,
      `decision_wd ${M1}: primary`,
      `decision_wd ${M2}: secondary`,
      `decision_wd ${M3}: secondary`,
      `decision_within_1wd ${Q}: shown`,
      `decision_within_1wd ${M1}: primary`,
      `decision_within_1wd ${M2}: secondary`,
      `decision_within_1wd ${M3}: primary`
    ]);
  });

  it('refuses two rows for the same cell', () => {
    expect(() => publish([count(Q, null, 1), count(Q, null, 1)])).toThrow('two rows');
  });
});

describe('publicationLookup', () => {
  it('finds the published row of a cell', () => {
    const pub = publish([count(Q, null, 30), count(M1, null, 3), count(M2, null, 12), count(M3, null, 15)]);
    const find = publicationLookup(pub);
    expect(find({ metric: 'cnt', grain: 'month', period: M2, dimension: null, group: null })?.suppressed).toBe('secondary');
    expect(find({ metric: 'cnt', grain: 'quarter', period: Q, dimension: null, group: null })?.value).toBe(30);
    expect(find({ metric: 'cnt', grain: 'month', period: M2, dimension: 'agency', group: 'x' })).toBeUndefined();
  });
});

describe('suppressRows (former interface, kept for its callers)', () => {
  it('tolerates a repeated cell', () => {
    const unitOf = (): Unit => 'count';
    expect(suppressRows([count(M1, null, 3), count(M1, null, 3)], unitOf).map((r) => r.reason)).toEqual(['primary', 'primary']);
  });

  it('same rules; fields that are null stay null; reason and a boolean', () => {
    const unitOf = (m: string): Unit => META[m]?.unit ?? 'rate';
    const out = suppressRows([count(Q, null, 30), count(M1, null, 3), count(M2, null, 12), count(M3, null, 15)], unitOf);
    expect(out.map((r) => r.reason)).toEqual([null, 'primary', 'secondary', null]);
    expect(out[1]).toMatchObject({ numerator: null, denominator: null, value: 'c', p90: null, suppressed: true });
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
    expect(codePointLess('\u{1F600}', '\uFF5E')).toBe(false);
    expect(codePointLess('\uD7FF', '\u{10000}')).toBe(true);
  });
});
