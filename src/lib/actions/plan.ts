/**
 * The action plan beside its measures, pure (no engine): each action with its overdue mark, the
 * latest value of the measure it should move and that measure's quarterly trend.
 * - Overdue: not complete and due before the as-of date (the extract's, which edits never move).
 * - Latest: the measure's latest quarter whose follow-up window is complete and which has ended by
 *   the as-of date (as the board pack reads it); failing that, the latest quarter with a value,
 *   marked as not complete.
 */
import type { MetricRow } from '../metrics/types';
import { metricById } from '../metrics/registry';
import { suppressRows } from '../stats/suppression';
import type { ActionRecord } from './types';

export interface TrendPoint {
  period: string;
  value: number | null;
  /** false when the period is not over or its follow-up window is not complete */
  settled: boolean;
  /** Publication view: the value is suppressed (shown as c; value is null). */
  suppressed: boolean;
}

export interface PlanRow extends ActionRecord {
  overdue: boolean;
  latest: number | null;
  latestPeriod: string | null;
  /** True when the latest value's quarter is not over or its window is not complete. */
  latestUnsettled: boolean;
  /** Publication view: the latest value is suppressed (shown as c). */
  latestSuppressed: boolean;
  trend: TrendPoint[];
}

export function isOverdue(a: Pick<ActionRecord, 'status' | 'due_date'>, asOf: string | null): boolean {
  return a.status !== 'complete' && asOf !== null && a.due_date < asOf;
}

/**
 * Quarterly overall series of each metric, in period order. In publication form (`publication`),
 * values suppressed by metrics.md's rules (primary and secondary, as the dashboard and the pack
 * apply them) are null and marked suppressed.
 */
export function trendsOf(rows: readonly MetricRow[], publication = false): Map<string, TrendPoint[]> {
  const out = new Map<string, TrendPoint[]>();
  const mine = rows
    .filter((r) => r.grain === 'quarter' && r.dimension === null)
    .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const hidden = publication
    ? suppressRows(mine, (id) => metricById(id)?.unit ?? 'count').map((r) => r.suppressed)
    : mine.map(() => false);
  mine.forEach((r, i) => {
    const list = out.get(r.metric) ?? [];
    const suppressed = hidden[i] ?? false;
    list.push({ period: r.period, value: suppressed ? null : r.value, settled: r.complete && !r.partial, suppressed });
    out.set(r.metric, list);
  });
  return out;
}

export function planRows(actions: readonly ActionRecord[], trends: ReadonlyMap<string, TrendPoint[]>, asOf: string | null): PlanRow[] {
  return [...actions]
    .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.action_id < b.action_id ? -1 : a.action_id > b.action_id ? 1 : 0))
    .map((a) => {
      const trend = (a.metric_id ? trends.get(a.metric_id) : undefined) ?? [];
      const withValue = trend.filter((p) => p.value !== null || p.suppressed).reverse();
      const last = withValue.find((p) => p.settled) ?? withValue[0];
      return {
        ...a,
        overdue: isOverdue(a, asOf),
        latest: last?.value ?? null,
        latestPeriod: last?.period ?? null,
        latestUnsettled: last ? !last.settled : false,
        latestSuppressed: last?.suppressed ?? false,
        trend
      };
    });
}

/** Points of a sparkline polyline over the values (nulls skipped), in a width x height box. */
export function sparkPoints(values: readonly (number | null)[], width: number, height: number, pad = 2): string {
  const known = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (known.length === 0) return '';
  const ys = known.map((p) => p[1]);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const span = hi - lo;
  const stepX = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return known
    .map(([i, v]) => {
      const x = values.length > 1 ? pad + i * stepX : width / 2;
      const y = span === 0 ? height / 2 : pad + (1 - (v - lo) / span) * (height - 2 * pad);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}
