/**
 * Suppression for publication (metrics.md "Suppression for publication"): the publication form of
 * one extract's metric rows.
 *
 * THE ENTRY POINT for everything shared beyond the analyst (publication view, downloads, board pack,
 * `npm run metrics -- --publication`):
 *
 *   publicationForm(rows: readonly MetricRow[], metaOf = registryMeta): PublicationRow[]
 *
 *   - `rows`: the FULL metric row set of one extract as computeMetrics returns it (every metric, both
 *     grains, every period, overall and breakdown rows), under one set of filters. Pass the whole set,
 *     not one metric's or one page's rows: a suppressed month is protected by its quarter and the other
 *     months, a suppressed group by the overall row and the other groups, so the result for a row
 *     depends on rows of other periods, grains and dimensions. Filtering the result afterwards (to one
 *     metric, grain or dimension) is fine.
 *   - Returns one row per input row, in input order, same identity fields (metric, grain, period,
 *     dimension, group, complete, partial). A suppressed row has numerator, denominator and value "c"
 *     (p90 "c" for durations, null otherwise) and `suppressed` 'primary' or 'secondary'; any other row
 *     carries its true numbers and `suppressed: null`. This is exactly the row shape of the command
 *     line's `--publication` document.
 *   - Pure and deterministic: the result does not depend on the input order of the rows.
 *   - `suppressionStates(columns, metaOf)` is the columnar core: it takes the row set as columns and
 *     returns a Uint8Array (0 shown, 1 primary, 2 secondary) aligned with them.
 *
 * Rules:
 * - Primary: a count from 1 to 5; a rate whose numerator is 1 to 5 or whose denominator minus
 *   numerator is 1 to 5; a duration resting on 1 to 5 items (its denominator). Zero is shown.
 * - Secondary, over the additive relations a reader can use (each relation = a total and its
 *   members; the total counts as a member):
 *   (a) per metric, grain and period, the groups of one dimension add up to the overall row (every
 *       dimension of the registry partitions the items: one group per item, null -> `unknown`);
 *   (b) per metric, dimension and group, the months of a quarter add up to the quarter, for metrics
 *       counted over a period (counts, numerators, denominators; a duration's item count);
 *   (c) per metric, dimension and group, a snapshot metric's quarter equals its last reported month;
 *   (d) not in metrics.md's list but as real: a count one metric protects and another publishes
 *       (SHARED_COUNTS: decision_wd's items are decision_within_1wd's denominator, ...): the two
 *       rows are suppressed together. These relations are examined after (a) to (c).
 *   Whenever a relation has exactly one suppressed member, the unsuppressed member (other than the
 *   total) with the smallest size is suppressed too, or the total when no other member remains;
 *   repeated until no relation has exactly one. Size = the count for counts, the denominator for
 *   rates and durations. Ties go to the row first in the canonical order (metric, grain, period,
 *   dimension, group by Unicode code point; overall before groups). A member of size 0 is never
 *   chosen (the total is, when only such members remain): zero is shown, and a hidden zero is no
 *   cover, since a reader who sees a period with no breakdown rows knows its overall row is zero.
 *   Order (the result can depend on it): relations are examined in the canonical order of their
 *   first member, one after another (a choice made by one is seen by the next); then, round after
 *   round, the relations holding a row suppressed in the round before, in the same order, until a
 *   round suppresses nothing.
 *   A group absent from a period (no items) is a known zero, not a member.
 * - A row is suppressed whole: rates and durations are suppressed with their counts.
 */
import { quarterLabel } from '../calendar/periods';
import { metricById } from '../metrics/registry';
import type { MetricRow, Unit } from './types';

export const SUPPRESSED = 'c' as const;
export type Suppressed = typeof SUPPRESSED;
export type Shown = number | null | Suppressed;
export type SuppressionReason = 'primary' | 'secondary';

/** One row of the publication form (the `--publication` document's row). */
export interface PublicationRow extends Omit<MetricRow, 'numerator' | 'denominator' | 'value' | 'p90'> {
  numerator: Shown;
  denominator: Shown;
  value: Shown;
  p90: Shown;
  suppressed: SuppressionReason | null;
}

/** What suppression needs to know about a metric. */
export interface SuppressionMeta {
  unit: Unit;
  /** Counted at each period's end: its quarter equals its last month (else months add up to quarters). */
  snapshot: boolean;
  /** Whether the groups of `dimension` (its name as in the rows, e.g. `agency`) partition the items. */
  partitions: (dimension: string) => boolean;
}

/** The registry's view: unit, snapshot or period-counted, and every breakdown dimension partitions. */
export function registryMeta(metric: string): SuppressionMeta {
  const def = metricById(metric);
  if (!def) throw new Error(`Suppression: metric "${metric}" is not in the registry.`);
  const dims = new Set<string>(def.dimensions);
  return { unit: def.unit, snapshot: def.attribution === 'snapshot', partitions: (d) => dims.has(d) };
}

/** The row set as columns (any array-like: plain arrays, Arrow vectors converted with toArray()). */
export interface MetricColumns {
  length: number;
  metric: ArrayLike<string>;
  grain: ArrayLike<string>;
  period: ArrayLike<string>;
  /** Dimension name (`agency`) or null for the overall row. */
  dimension: ArrayLike<string | null>;
  group: ArrayLike<string | null>;
  numerator: ArrayLike<number | null>;
  denominator: ArrayLike<number | null>;
  value: ArrayLike<number | null>;
}

export const SHOWN = 0;
export const PRIMARY = 1;
export const SECONDARY = 2;

/** Columns of a row array (one array per field; the rows themselves are not copied). */
export function columnsOf(rows: readonly MetricRow[]): MetricColumns {
  return {
    length: rows.length,
    metric: rows.map((r) => r.metric),
    grain: rows.map((r) => r.grain),
    period: rows.map((r) => r.period),
    dimension: rows.map((r) => r.dimension),
    group: rows.map((r) => r.group),
    numerator: rows.map((r) => r.numerator),
    denominator: rows.map((r) => r.denominator),
    value: rows.map((r) => r.value)
  };
}

const small = (x: number | null | undefined): boolean => x !== null && x !== undefined && x >= 1 && x <= 5;

/** Whether a row needs primary suppression. */
export function needsPrimary(
  row: Pick<MetricRow, 'numerator' | 'denominator' | 'value'>,
  unit: Unit
): boolean {
  switch (unit) {
    case 'count':
      return small(row.value);
    case 'rate':
      return (
        small(row.numerator) ||
        (row.numerator !== null && row.denominator !== null && small(row.denominator - row.numerator))
      );
    case 'duration':
      return small(row.denominator);
  }
}

/** Compares strings by Unicode code point (negative, 0, positive). */
export function codePointCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    let x = a.charCodeAt(k);
    let y = b.charCodeAt(k);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP unit: lift them above 0xF7FF.
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/** a < b comparing by Unicode code point (not UTF-16 unit, not locale). */
export function codePointLess(a: string, b: string): boolean {
  return codePointCompare(a, b) < 0;
}

const SEP = '\u0000';

export type RelationKind = 'partition' | 'months' | 'last_month' | 'shared';

/**
 * Counts one metric shares with another (metrics.md's definitions count the same items), where the
 * first's count is protected (a count, a duration's items, a rate's numerator) and the second
 * publishes it as its denominator, for the same grain, period, dimension and group. The two rows are
 * suppressed together: else the second gives the first's count away, directly or (when the second
 * is hidden and the first shown) through the second metric's own relations.
 *   decision_wd items = decision_within_1wd denominator (referrals with a decision_date)
 *   assessment_wd items = assessment_within_45wd denominator (completed assessments)
 *   tool_uses = tool_use_multi_agency denominator (tool uses)
 *   referrals (dashboard count) = rereferral_12m and repeat_referral_3plus_12m denominators
 *   nfa_rate numerator = nfa_rereferred_12m denominator (referrals with outcome nfa)
 */
export const SHARED_COUNTS: readonly (readonly [string, string])[] = [
  ['decision_wd', 'decision_within_1wd'],
  ['assessment_wd', 'assessment_within_45wd'],
  ['tool_uses', 'tool_use_multi_agency'],
  ['referrals', 'rereferral_12m'],
  ['referrals', 'repeat_referral_3plus_12m'],
  ['nfa_rate', 'nfa_rereferred_12m']
];

/**
 * The additive relations over a row set: relation r has total `total[r]` and members
 * `members[start[r] .. start[r+1])` (row indices in canonical order). Exported for tests and for
 * anyone who wants to show why a cell is suppressed.
 */
export interface Relations {
  count: number;
  kind: RelationKind[];
  total: Int32Array;
  start: Int32Array;
  members: Int32Array;
}

/** Key of a cell: fields joined by U+0000; null dimension or group sorts before any group. */
function cellKey(m: string, g: string, p: string, d: string | null, grp: string | null): string {
  return m + SEP + g + SEP + p + SEP + (d === null ? '' : '\u0001' + d) + SEP + (grp === null ? '' : '\u0001' + grp);
}

/** Row keys, the row of each key, and the canonical rank of each row (its key's code-point order). */
export interface RowIndex {
  key: string[];
  byKey: Map<string, number>;
  /** rank[row] = position in the canonical order; order[position] = row. */
  rank: Int32Array;
  order: Int32Array;
}

/**
 * `duplicates`: 'throw' (the default; one row per cell is the contract of a row set) or 'separate'
 * (a repeated cell gets a key of its own, so it joins no relation as a total; for the deprecated
 * suppressRows, whose callers pass arbitrary subsets).
 */
export function indexRows(c: MetricColumns, duplicates: 'throw' | 'separate' = 'throw'): RowIndex {
  const n = c.length;
  const key = new Array<string>(n);
  const byKey = new Map<string, number>();
  let astral = false;
  for (let i = 0; i < n; i++) {
    let k = cellKey(c.metric[i] as string, c.grain[i] as string, c.period[i] as string, c.dimension[i] ?? null, c.group[i] ?? null);
    if (byKey.has(k) && duplicates === 'separate') k += SEP + SEP + String(i);
    if (byKey.has(k)) throw new Error(`Suppression: two rows for ${k.split(SEP).join(' ').replace(/\u0001/g, '')}.`);
    byKey.set(k, i);
    key[i] = k;
    if (!astral && /[\ud800-\udfff]/.test(k)) astral = true;
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  // Without surrogates, UTF-16 order is code-point order and the native comparison is enough.
  if (astral) idx.sort((x, y) => codePointCompare(key[x] as string, key[y] as string));
  else idx.sort((x, y) => ((key[x] as string) < (key[y] as string) ? -1 : 1));
  const order = Int32Array.from(idx);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r] as number] = r;
  return { key, byKey, rank, order };
}

/** Builds the relations (a), (b), (c) of the header over the row set. */
export function buildRelations(
  c: MetricColumns,
  metaOf: (metric: string) => SuppressionMeta = registryMeta,
  index: RowIndex = indexRows(c)
): Relations {
  const n = c.length;
  const { order, byKey } = index;
  const metas = new Map<string, SuppressionMeta>();
  const meta = (m: string): SuppressionMeta => {
    let x = metas.get(m);
    if (!x) {
      x = metaOf(m);
      metas.set(m, x);
    }
    return x;
  };
  const rowKey = cellKey;

  // Last reported month of each (metric, quarter).
  const lastMonth = new Map<string, string>();
  const quarterOfMonth = new Map<string, string>();
  const quarterOf = (month: string): string => {
    let q = quarterOfMonth.get(month);
    if (q === undefined) {
      q = quarterLabel(`${month}-01`);
      quarterOfMonth.set(month, q);
    }
    return q;
  };
  for (let i = 0; i < n; i++) {
    if (c.grain[i] !== 'month') continue;
    const k = (c.metric[i] as string) + SEP + quarterOf(c.period[i] as string);
    const cur = lastMonth.get(k);
    if (cur === undefined || (c.period[i] as string) > cur) lastMonth.set(k, c.period[i] as string);
  }

  type Group = { total: number; kind: RelationKind; members: number[] };
  // In creation order (= the canonical order of each relation's first member).
  const list: Group[] = [];
  const partitions = new Map<string, Group>();
  const byQuarter = new Map<number, Group>();
  const overallOf = new Map<string, number | undefined>();
  const open = (total: number, kind: Group['kind']): Group => {
    const g: Group = { total, kind, members: [] };
    list.push(g);
    return g;
  };
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    const m = c.metric[i] as string;
    const grain = c.grain[i] as string;
    const period = c.period[i] as string;
    const dim = c.dimension[i] ?? null;
    const grp = c.group[i] ?? null;
    const mt = meta(m);
    // (a) groups of a partitioning dimension add up to the overall row.
    if (dim !== null && mt.partitions(dim)) {
      const cell = m + SEP + grain + SEP + period;
      let total = overallOf.get(cell);
      if (!overallOf.has(cell)) {
        total = byKey.get(rowKey(m, grain, period, null, null));
        overallOf.set(cell, total);
      }
      if (total !== undefined) {
        const k = cell + SEP + dim;
        let g = partitions.get(k);
        if (!g) {
          g = open(total, 'partition');
          partitions.set(k, g);
        }
        g.members.push(i);
      }
    }
    if (grain !== 'month') continue;
    const q = quarterOf(period);
    // (c) a snapshot's quarter equals its last reported month; (b) otherwise months add up to it.
    if (mt.snapshot && lastMonth.get(m + SEP + q) !== period) continue;
    const quarterRow = byKey.get(rowKey(m, 'quarter', q, dim, grp));
    if (quarterRow === undefined) continue;
    let g = byQuarter.get(quarterRow);
    if (!g) {
      g = open(quarterRow, mt.snapshot ? 'last_month' : 'months');
      byQuarter.set(quarterRow, g);
    }
    g.members.push(i);
  }
  // (d) a protected count another metric publishes: the two rows are suppressed together.
  const sharedTo = new Map<string, string[]>();
  for (const [from, to] of SHARED_COUNTS) sharedTo.set(from, [...(sharedTo.get(from) ?? []), to]);
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    const twins = sharedTo.get(c.metric[i] as string);
    if (!twins) continue;
    for (const t of twins) {
      const j = byKey.get(rowKey(t, c.grain[i] as string, c.period[i] as string, c.dimension[i] ?? null, c.group[i] ?? null));
      if (j !== undefined) open(i, 'shared').members.push(j);
    }
  }

  const total = new Int32Array(list.length);
  const start = new Int32Array(list.length + 1);
  let size = 0;
  for (const g of list) size += g.members.length;
  const members = new Int32Array(size);
  let at = 0;
  list.forEach((g, r) => {
    total[r] = g.total;
    start[r] = at;
    for (const x of g.members) members[at++] = x;
  });
  start[list.length] = at;
  return { count: list.length, kind: list.map((g) => g.kind), total, start, members };
}

/**
 * Suppression state of each row (0 shown, 1 primary, 2 secondary), aligned with the columns. The
 * columnar core of `publicationForm`; see the header for the rules.
 */
export function suppressionStates(
  c: MetricColumns,
  metaOf: (metric: string) => SuppressionMeta = registryMeta,
  duplicates: 'throw' | 'separate' = 'throw'
): Uint8Array {
  const n = c.length;
  const state = new Uint8Array(n);
  const size = new Float64Array(n);
  const metas = new Map<string, SuppressionMeta>();
  for (let i = 0; i < n; i++) {
    const m = c.metric[i] as string;
    let mt = metas.get(m);
    if (!mt) {
      mt = metaOf(m);
      metas.set(m, mt);
    }
    const row = { numerator: c.numerator[i] ?? null, denominator: c.denominator[i] ?? null, value: c.value[i] ?? null };
    if (needsPrimary(row, mt.unit)) state[i] = PRIMARY;
    size[i] = (mt.unit === 'count' ? row.value : row.denominator) ?? 0;
  }
  const index = indexRows(c, duplicates);
  const rank = index.rank;
  const rel = buildRelations(c, (m) => metas.get(m) ?? metaOf(m), index);

  // Relations each row belongs to (as total or member), CSR.
  const deg = new Int32Array(n + 1);
  const bump = (row: number): void => {
    deg[row + 1] = (deg[row + 1] as number) + 1;
  };
  for (let r = 0; r < rel.count; r++) bump(rel.total[r] as number);
  for (let k = 0; k < rel.members.length; k++) bump(rel.members[k] as number);
  for (let i = 0; i < n; i++) deg[i + 1] = (deg[i + 1] as number) + (deg[i] as number);
  const fill = deg.slice(0, n);
  const of = new Int32Array(deg[n] as number);
  const put = (row: number, r: number): void => {
    of[fill[row] as number] = r;
    fill[row] = (fill[row] as number) + 1;
  };
  for (let r = 0; r < rel.count; r++) {
    put(rel.total[r] as number, r);
    for (let k = rel.start[r] as number; k < (rel.start[r + 1] as number); k++) put(rel.members[k] as number, r);
  }

  // Work list of relations, first in creation (canonical) order; a relation re-enters when one of
  // its rows is newly suppressed.
  const queued = new Uint8Array(rel.count).fill(1);
  let queue = Array.from({ length: rel.count }, (_, r) => r);
  let next: number[] = [];
  while (queue.length > 0) {
    next = [];
    for (const r of queue) {
      queued[r] = 0;
      const t = rel.total[r] as number;
      if (rel.kind[r] === 'shared') {
        // An equality: the two rows are suppressed together (whatever their size).
        const twin = rel.members[rel.start[r] as number] as number;
        if (state[t] === SHOWN && state[twin] !== SHOWN) suppress(t);
        else if (state[t] !== SHOWN && state[twin] === SHOWN) suppress(twin);
        continue;
      }
      let hidden = state[t] !== SHOWN ? 1 : 0;
      const from = rel.start[r] as number;
      const to = rel.start[r + 1] as number;
      for (let k = from; k < to && hidden < 2; k++) if (state[rel.members[k] as number] !== SHOWN) hidden++;
      if (hidden !== 1) continue;
      let best = -1;
      for (let k = from; k < to; k++) {
        const i = rel.members[k] as number;
        if (state[i] !== SHOWN || (size[i] as number) <= 0) continue;
        if (best < 0 || better(i, best)) best = i;
      }
      suppress(best >= 0 ? best : t);
    }
    queue = next;
  }
  return state;

  function suppress(pick: number): void {
    state[pick] = SECONDARY;
    for (let k = deg[pick] as number; k < (deg[pick + 1] as number); k++) {
      const r2 = of[k] as number;
      if (!queued[r2]) {
        queued[r2] = 1;
        next.push(r2);
      }
    }
  }

  function better(i: number, j: number): boolean {
    if (size[i] !== size[j]) return (size[i] as number) < (size[j] as number);
    return (rank[i] as number) < (rank[j] as number);
  }
}

/** The publication form of one extract's full metric row set (see the header). */
export function publicationForm(
  rows: readonly MetricRow[],
  metaOf: (metric: string) => SuppressionMeta = registryMeta
): PublicationRow[] {
  const state = suppressionStates(columnsOf(rows), metaOf);
  const units = new Map<string, Unit>();
  return rows.map((r, i) => {
    const s = state[i];
    if (s === SHOWN) return { ...r, suppressed: null };
    let unit = units.get(r.metric);
    if (!unit) {
      unit = metaOf(r.metric).unit;
      units.set(r.metric, unit);
    }
    return {
      ...r,
      numerator: SUPPRESSED,
      denominator: SUPPRESSED,
      value: SUPPRESSED,
      p90: unit === 'duration' ? SUPPRESSED : null,
      suppressed: s === PRIMARY ? 'primary' : 'secondary'
    };
  });
}

/** The cell a row stands for. */
export type CellId = Pick<MetricRow, 'metric' | 'grain' | 'period' | 'dimension' | 'group'>;

/**
 * Looks rows of a publication form up by cell, so that a consumer computes the form once over the
 * full row set and then reads the rows it shows (a chart's series, a table, a tile) from it.
 */
export function publicationLookup(pub: readonly PublicationRow[]): (cell: CellId) => PublicationRow | undefined {
  const byKey = new Map<string, PublicationRow>();
  for (const r of pub) byKey.set(cellKey(r.metric, r.grain, r.period, r.dimension, r.group), r);
  return (x) => byKey.get(cellKey(x.metric, x.grain, x.period, x.dimension, x.group));
}

// ---------------------------------------------------------------------------------------------
// The former interface, kept so that existing callers build. New code: publicationForm.

/** @deprecated Row shape of `suppressRows`; new code reads PublicationRow from publicationForm. */
export interface PublishedRow extends Omit<MetricRow, 'numerator' | 'denominator' | 'value' | 'p90'> {
  numerator: Shown;
  denominator: Shown;
  value: Shown;
  p90: Shown;
  suppressed: boolean;
  reason: SuppressionReason | null;
}

/**
 * @deprecated Suppresses only the rows it is given, so it is the publication form only when given
 * the full row set of the extract (see publicationForm). Same rules as publicationForm, with the
 * unit from `unitOf` (snapshot or not from the registry, period-counted for a metric not in it);
 * fields that are null stay null; input order kept.
 */
export function suppressRows(rows: readonly MetricRow[], unitOf: (metric: string) => Unit): PublishedRow[] {
  const metaOf = (m: string): SuppressionMeta => {
    const def = metricById(m);
    return { unit: unitOf(m), snapshot: def?.attribution === 'snapshot', partitions: () => true };
  };
  const state = suppressionStates(columnsOf(rows), metaOf, 'separate');
  const c = (x: number | null): Shown => (x === null ? null : SUPPRESSED);
  return rows.map((r, i) => {
    const s = state[i];
    if (s === SHOWN) return { ...r, suppressed: false, reason: null };
    return {
      ...r,
      numerator: c(r.numerator),
      denominator: c(r.denominator),
      value: c(r.value),
      p90: c(r.p90),
      suppressed: true,
      reason: s === PRIMARY ? 'primary' : 'secondary'
    };
  });
}
