/**
 * An attacker's test of the publication form (metrics.md "Suppression for publication"): from the
 * published cells alone, try to work out every suppressed cell by the additive relations the
 * specification lists, iteratively (any relation with exactly one unknown member gives that member;
 * a recovered cell is then known for the other relations). It must recover nothing, on the demo
 * extract and on hand fixtures; and it must be able to: a deliberately under-suppressed table gives
 * its cells away.
 *
 * The attacker is written here from the specification's words, not from suppression.ts: its
 * relations are built independently, and a check on the true values shows they really hold (so a
 * relation the attacker uses is one a reader could use). Besides the three relations metrics.md
 * lists, it uses the counts metrics share (decision_wd's items are decision_within_1wd's
 * denominator, ...): with the listed relations only, the demo's publication form would pass while
 * these gave cells away.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quarterLabel } from '../../src/lib/calendar/periods';
import { NodeEngine } from '../../src/lib/engine/node';
import { loadExtract } from '../../src/lib/ingest';
import { readExtractDir } from '../../src/lib/ingest/files-node';
import { computeMetrics } from '../../src/lib/metrics/compute';
import { metricById } from '../../src/lib/metrics/registry';
import type { MetricRow } from '../../src/lib/metrics/types';
import { publicationForm, suppressRows, type PublicationRow } from '../../src/lib/stats/suppression';

const ROOT = join(__dirname, '..', '..');

type Cell = number | null | 'c';
interface Published {
  metric: string;
  grain: string;
  period: string;
  dimension: string | null;
  group: string | null;
  numerator: Cell;
  denominator: Cell;
  value: Cell;
}

type Quantity = 'numerator' | 'denominator' | 'value';

/** The additive quantities of a row: what relations add up (a count; a rate's numerator and denominator; a duration's items). */
function quantities(metric: string): Quantity[] {
  const def = metricById(metric);
  if (!def) throw new Error(`unknown metric ${metric}`);
  return def.unit === 'count' ? ['value'] : def.unit === 'rate' ? ['numerator', 'denominator'] : ['denominator'];
}

/** total = sum of members, each a (row, quantity). An equality is a sum of one member. */
interface Relation {
  what: string;
  total: [number, Quantity];
  members: [number, Quantity][];
}

/**
 * Counts that metrics.md defines over the same items, for the same grain, period, dimension and
 * group (read from the definitions: "Of referrals with a decision_date", ...).
 */
const SAME_ITEMS: { a: [string, Quantity]; b: [string, Quantity]; aGroup?: [string, string] }[] = [
  { a: ['decision_within_1wd', 'denominator'], b: ['decision_wd', 'denominator'] },
  { a: ['assessment_within_45wd', 'denominator'], b: ['assessment_wd', 'denominator'] },
  { a: ['closure_without_change', 'denominator'], b: ['closure_non_engagement', 'denominator'] },
  { a: ['closure_without_change', 'denominator'], b: ['rereferral_after_closure_12m', 'denominator'] },
  { a: ['rereferral_12m', 'denominator'], b: ['repeat_referral_3plus_12m', 'denominator'] },
  { a: ['referrals', 'value'], b: ['rereferral_12m', 'denominator'] },
  { a: ['tool_uses', 'value'], b: ['tool_use_multi_agency', 'denominator'] },
  { a: ['nfa_rate', 'numerator'], b: ['nfa_rereferred_12m', 'denominator'] },
  // missing_education records by start_date: the status group of one, the overall row of the other.
  { a: ['education_first_action_5wd', 'denominator'], b: ['missing_education_neglect_known', 'denominator'], aGroup: ['status', 'missing_education'] }
];

/**
 * The relations a reader can use, over row indices: the three metrics.md lists (groups of one
 * dimension add up to the overall row, per metric, grain, period; months add up to their quarter,
 * per metric, dimension, group, for metrics counted over a period; a snapshot's quarter equals its
 * last reported month) and the counts shared between metrics (SAME_ITEMS).
 */
function relationsOf(rows: readonly Published[], absence = false): Relation[] {
  const id = (r: { metric: string; grain: string; period: string; dimension: string | null; group: string | null }): string =>
    JSON.stringify([r.metric, r.grain, r.period, r.dimension, r.group]);
  const at = new Map(rows.map((r, i) => [id(r), i]));
  const sums = new Map<string, { total: number; members: number[] }>();
  const push = (what: string, total: number | undefined, member: number): void => {
    if (total === undefined) return;
    const rel = sums.get(what) ?? { total, members: [] };
    rel.members.push(member);
    sums.set(what, rel);
  };
  const lastMonth = new Map<string, string>();
  for (const r of rows) {
    if (r.grain !== 'month') continue;
    const k = `${r.metric} ${quarterLabel(r.period + '-01')}`;
    if ((lastMonth.get(k) ?? '') < r.period) lastMonth.set(k, r.period);
  }
  const out: Relation[] = [];
  const dims = new Set(rows.filter((r) => r.dimension !== null).map((r) => `${r.metric} ${r.dimension}`));
  rows.forEach((r, i) => {
    if (r.dimension !== null) {
      const total = at.get(id({ ...r, dimension: null, group: null }));
      push(`${r.metric} ${r.grain} ${r.period}: ${r.dimension} groups = overall`, total, i);
    }
    if (r.grain === 'month') {
      const q = quarterLabel(r.period + '-01');
      const total = at.get(id({ ...r, grain: 'quarter', period: q }));
      const snapshot = metricById(r.metric)?.attribution === 'snapshot';
      if (!snapshot) push(`${r.metric} ${q} ${r.dimension}=${r.group}: months = quarter`, total, i);
      else if (lastMonth.get(`${r.metric} ${q}`) === r.period) push(`${r.metric} ${q} ${r.dimension}=${r.group}: quarter = ${r.period}`, total, i);
    }
    for (const s of SAME_ITEMS) {
      if (r.metric !== s.a[0]) continue;
      let j: number | undefined;
      if (s.aGroup) {
        if (r.dimension !== s.aGroup[0] || r.group !== s.aGroup[1]) continue;
        j = at.get(id({ ...r, metric: s.b[0], dimension: null, group: null }));
      } else j = at.get(id({ ...r, metric: s.b[0] }));
      if (j !== undefined) out.push({ what: `${id(r)} ${s.a[1]} = ${s.b[0]} ${s.b[1]}`, total: [i, s.a[1]], members: [[j, s.b[1]]] });
      // A group row exists only when it counts something: the other metric's group row missing
      // (while that metric is broken down by the dimension) says the shared count is 0.
      else if (absence && !s.aGroup && r.dimension !== null && dims.has(`${s.b[0]} ${r.dimension}`)) {
        out.push({ what: `${id(r)} ${s.a[1]} = 0 (no ${s.b[0]} row)`, total: [i, s.a[1]], members: [] });
      }
    }
  });
  for (const [what, rel] of sums) {
    for (const q of quantities((rows[rel.total] as Published).metric)) {
      out.push({ what: `${what} (${q})`, total: [rel.total, q], members: rel.members.map((m) => [m, q]) });
    }
  }
  return out;
}

const num = (r: Published, q: Quantity): number => {
  const v = r[q];
  if (v === 'c') throw new Error('not a number');
  return v ?? 0;
};

/** Every relation holds on the true values (sums to within 1e-9 of their size). */
function brokenRelations(rows: readonly MetricRow[]): string[] {
  const bad: string[] = [];
  for (const rel of relationsOf(rows, true)) {
    const sum = rel.members.reduce((s, [i, q]) => s + num(rows[i] as MetricRow, q), 0);
    const total = num(rows[rel.total[0]] as MetricRow, rel.total[1]);
    if (Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total))) bad.push(`${rel.what}: ${sum} vs ${total}`);
  }
  return bad;
}

/**
 * The attack. Returns what it learns of suppressed rows that suppression protects: a count; a
 * duration's number of items; a rate's numerator (and so, with its denominator, the whole rate).
 * A rate's denominator alone is not protected (its numerator and the rest stay hidden).
 */
function recover(rows: readonly Published[], absence = false): string[] {
  const rels = relationsOf(rows, absence);
  const known = new Map<string, number>();
  const cell = (i: number, q: Quantity): string => `${i} ${q}`;
  rows.forEach((r, i) => {
    for (const q of quantities(r.metric)) if (r[q] !== 'c') known.set(cell(i, q), num(r, q));
  });
  const found: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const rel of rels) {
      const all: [number, Quantity][] = [rel.total, ...rel.members];
      const unknown = all.filter(([i, q]) => !known.has(cell(i, q)));
      if (unknown.length !== 1) continue;
      const [u, uq] = unknown[0] as [number, Quantity];
      const sumMembers = rel.members.reduce((s, [i, q]) => s + (known.get(cell(i, q)) ?? 0), 0);
      const value = u === rel.total[0] && uq === rel.total[1] ? sumMembers : (known.get(cell(...rel.total)) as number) - sumMembers;
      known.set(cell(u, uq), value);
      progress = true;
      const r = rows[u] as Published;
      const unit = metricById(r.metric)?.unit;
      if (unit === 'rate' && uq === 'denominator') continue;
      found.push(`${r.metric} ${r.grain} ${r.period} ${r.dimension}=${r.group} ${uq} = ${value}`);
    }
  }
  return found;
}

// ------------------------------------------------------------------------------ hand fixtures
function row(metric: string, period: string, group: string | null, over: Partial<MetricRow>): MetricRow {
  return {
    metric,
    grain: period.includes('Q') ? 'quarter' : 'month',
    period,
    dimension: group === null ? null : 'agency',
    group,
    numerator: null,
    denominator: null,
    value: null,
    p90: null,
    complete: true,
    partial: false,
    ...over
  };
}
/** tool_uses is a count over a period, by agency. */
const uses = (period: string, group: string | null, v: number): MetricRow => row('tool_uses', period, group, { value: v });
const Q = '2024-25 Q4';

describe('the attacker can recover (it is able to fail)', () => {
  it('a month from its quarter when only that month is hidden', () => {
    // Published: quarter 30, January c, February 12, March 15 -> January = 30 - 12 - 15 = 3.
    const table: Published[] = [uses(Q, null, 30), uses('2025-01', null, 3), uses('2025-02', null, 12), uses('2025-03', null, 15)].map(
      (r, i) => (i === 1 ? { ...r, value: 'c' } : r)
    );
    expect(recover(table)).toEqual(['tool_uses month 2025-01 null=null value = 3']);
  });

  it('step by step: March from its groups, then January from the quarter', () => {
    // March = police 9 + health 6 gives March 15; then quarter 30 - February 12 - March 15 = January 3.
    const hidden = new Set([1, 3]);
    const table: Published[] = [
      uses(Q, null, 30),
      uses('2025-01', null, 3),
      uses('2025-02', null, 12),
      uses('2025-03', null, 15),
      uses('2025-03', 'police', 9),
      uses('2025-03', 'health', 6)
    ].map((r, i) => (hidden.has(i) ? { ...r, value: 'c' } : r));
    expect(recover(table)).toEqual(['tool_uses month 2025-03 null=null value = 15', 'tool_uses month 2025-01 null=null value = 3']);
  });

  it('a count shared between metrics: decision_within_1wd gives decision_wd away', () => {
    // decision_wd (items): quarter 30, January c, February c, March 15. decision_within_1wd shows
    // February 6/12: the same referrals, so February's items are 12 and January's 30 - 12 - 15 = 3.
    const wd = (period: string, n: number | 'c'): Published => ({
      ...row('decision_wd', period, null, {}),
      denominator: n,
      value: n === 'c' ? 'c' : 1
    });
    const table: Published[] = [
      wd(Q, 30),
      wd('2025-01', 'c'),
      wd('2025-02', 'c'),
      wd('2025-03', 15),
      row('decision_within_1wd', '2025-02', null, { numerator: 6, denominator: 12, value: 0.5 })
    ];
    expect(recover(table)).toEqual(['decision_wd month 2025-02 null=null denominator = 12', 'decision_wd month 2025-01 null=null denominator = 3']);
  });

  it('the former one-pass, one-breakdown suppression leaves a month to be recovered', () => {
    // The rule before the rewrite looked only within one breakdown of one period: a suppressed month
    // overall row (no breakdown) got no secondary, so quarter - other months gives it.
    const rows = [uses(Q, null, 30), uses('2025-01', null, 3), uses('2025-02', null, 12), uses('2025-03', null, 15)];
    const oldForm = oneBreakdownOnePass(rows);
    expect(recover(oldForm)).toEqual(['tool_uses month 2025-01 null=null value = 3']);
    // The publication form of the same rows: February is suppressed too, nothing is recovered.
    expect(recover(publicationForm(rows))).toEqual([]);
  });
});

/** The rule before the rewrite (primary; one secondary within a breakdown of one period, one pass). */
function oneBreakdownOnePass(rows: MetricRow[]): Published[] {
  const hidden = suppressRows(rows, () => 'count').map((r) => r.reason === 'primary');
  const byBreakdown = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.dimension === null) return;
    const k = `${r.metric} ${r.grain} ${r.period} ${r.dimension}`;
    byBreakdown.set(k, [...(byBreakdown.get(k) ?? []), i]);
  });
  for (const idx of byBreakdown.values()) {
    if (idx.filter((i) => hidden[i]).length !== 1) continue;
    const open = idx.filter((i) => !hidden[i]).sort((a, b) => ((rows[a] as MetricRow).value ?? 0) - ((rows[b] as MetricRow).value ?? 0));
    if (open[0] !== undefined) hidden[open[0]] = true;
  }
  return rows.map((r, i) => (hidden[i] ? { ...r, numerator: 'c', denominator: 'c', value: 'c' } : r));
}

describe('the publication form of hand fixtures gives nothing away', () => {
  it('months, groups and their interplay', () => {
    const rows = [
      uses(Q, null, 30),
      uses(Q, 'police', 14),
      uses(Q, 'health', 16),
      uses('2025-01', null, 3),
      uses('2025-01', 'police', 3),
      uses('2025-02', null, 12),
      uses('2025-02', 'police', 4),
      uses('2025-02', 'health', 8),
      uses('2025-03', null, 15),
      uses('2025-03', 'police', 7),
      uses('2025-03', 'health', 8)
    ];
    expect(brokenRelations(rows)).toEqual([]);
    const pub = publicationForm(rows);
    expect(pub.filter((r) => r.suppressed !== null).length).toBeGreaterThan(2);
    expect(recover(pub)).toEqual([]);
  });

  it('a snapshot (awaiting_decision): quarter and last month', () => {
    const snap = (period: string, group: string | null, v: number): MetricRow => row('awaiting_decision', period, group, { value: v });
    const rows = [
      snap(Q, null, 20),
      snap(Q, 'police', 3),
      snap(Q, 'health', 17),
      snap('2025-01', null, 9),
      snap('2025-01', 'health', 9),
      snap('2025-02', null, 4),
      snap('2025-02', 'health', 4),
      snap('2025-03', null, 20),
      snap('2025-03', 'police', 3),
      snap('2025-03', 'health', 17)
    ];
    expect(brokenRelations(rows)).toEqual([]);
    expect(recover(publicationForm(rows))).toEqual([]);
  });
});

// ------------------------------------------------------------------------------ real extracts
async function extractRows(dir: string): Promise<MetricRow[]> {
  const engine = await NodeEngine.create();
  try {
    await loadExtract(engine, await readExtractDir(dir));
    // With the dashboard-only metrics (the dashboard shows `referrals`), as the dashboard and
    // `npm run metrics -- --publication` compute the publication form.
    return (await computeMetrics(engine, { includeExtra: true })).metrics;
  } finally {
    await engine.close();
  }
}

describe('the publication form of real extracts gives nothing away', () => {
  let demo: MetricRow[];
  let fixture: MetricRow[];
  beforeAll(async () => {
    demo = await extractRows(join(ROOT, 'data', 'demo'));
    fixture = await extractRows(join(ROOT, 'tests', 'fixtures', 'metrics', 'extract'));
  }, 600_000);

  it('the listed relations hold on the true values (the attacker uses only real relations)', () => {
    expect(brokenRelations(demo)).toEqual([]);
    expect(brokenRelations(fixture)).toEqual([]);
  });

  it('the demo: no suppressed cell is recovered', () => {
    const pub: PublicationRow[] = publicationForm(demo);
    const secondary = pub.filter((r) => r.suppressed === 'secondary').length;
    const primary = pub.filter((r) => r.suppressed === 'primary').length;
    // There is something to protect, and secondary suppression took part.
    expect(primary).toBeGreaterThan(1000);
    expect(secondary).toBeGreaterThan(100);
    expect(recover(pub)).toEqual([]);
    // The same attack on the demo with primary suppression only recovers cells.
    const primaryOnly: Published[] = pub.map((r, i) =>
      r.suppressed === 'secondary' ? { ...(demo[i] as MetricRow) } : r
    );
    expect(recover(primaryOnly).length).toBeGreaterThan(0);
    // Deterministic: the rows in another order give the same form, row for row.
    const order = demo.map((_, i) => (i * 7919) % demo.length);
    expect(new Set(order).size).toBe(demo.length);
    const again = publicationForm(order.map((i) => demo[i] as MetricRow));
    expect(again).toEqual(order.map((i) => pub[i]));
  });

  it('the messy CSV fixture: no suppressed cell is recovered', () => {
    expect(recover(publicationForm(fixture))).toEqual([]);
  });

  it('known limit: a missing nfa_rereferred_12m group row says nfa_rate counted no nfa there', () => {
    // Rows exist only where they count something (metrics.md "Which rows exist"), so a group with
    // referrals but no nfa has an nfa_rate row and no nfa_rereferred_12m row: its nfa_rate numerator
    // is 0 whether suppressed or not. Suppression cannot hide a row's absence; what the attacker
    // learns that way is exactly those zeros, and nothing more follows from them.
    for (const rows of [demo, fixture]) {
      const found = recover(publicationForm(rows), true);
      expect(found.filter((f) => !/^nfa_rate .* numerator = 0$/.test(f))).toEqual([]);
    }
  });
});
