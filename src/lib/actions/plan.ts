/**
 * The action plan beside its measures, pure (no engine): each action with its overdue mark, the
 * headline of the measure it should move (the same headline as everywhere: the latest complete
 * quarter, from the presented-measure layer) and that measure's quarterly trend.
 * - Overdue: not complete and due before the as-of date (the extract's, which edits never move).
 */
import type { MetricRow } from '../metrics/types';
import { metricById } from '../metrics/registry';
import { published } from '../present/suppress';
import { headlineOf, type Headline } from '../present/measure';
import type { ActionRecord } from './types';

export interface TrendPoint {
  period: string;
  value: number | null;
  /** false when the period is not over or its follow-up window is not complete */
  settled: boolean;
  /** Publication view: the value is suppressed (shown as c; value is null). */
  suppressed: boolean;
}

/** One measure's quarterly trend and its headline. */
export interface MeasureTrend {
  trend: TrendPoint[];
  headline: Headline | null;
}

export interface PlanRow extends ActionRecord {
  overdue: boolean;
  /** The measure's headline (null without a measure or without a complete quarter). */
  headline: Headline | null;
  trend: TrendPoint[];
}

export function isOverdue(a: Pick<ActionRecord, 'status' | 'due_date'>, asOf: string | null): boolean {
  return a.status !== 'complete' && asOf !== null && a.due_date < asOf;
}

/**
 * Quarterly overall series of each metric, in period order, with its headline. In publication form
 * (`publication`), suppressed values (present/suppress.ts, as everywhere) are null and marked.
 */
export function trendsOf(rows: readonly MetricRow[], publication = false): Map<string, MeasureTrend> {
  const out = new Map<string, MeasureTrend>();
  const mine = rows.filter((r) => r.grain === 'quarter' && r.dimension === null);
  const ids = [...new Set(mine.map((r) => r.metric))].sort();
  for (const id of ids) {
    const def = metricById(id);
    const quarters = mine.filter((r) => r.metric === id).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    const shown = published(quarters, publication);
    out.set(id, {
      trend: quarters.map((r, i) => {
        const suppressed = shown[i]?.suppressed ?? false;
        return { period: r.period, value: suppressed ? null : r.value, settled: r.complete && !r.partial, suppressed };
      }),
      headline: def ? headlineOf(def, quarters, shown).headline : null
    });
  }
  return out;
}

export function planRows(actions: readonly ActionRecord[], trends: ReadonlyMap<string, MeasureTrend>, asOf: string | null): PlanRow[] {
  return [...actions]
    .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.action_id < b.action_id ? -1 : a.action_id > b.action_id ? 1 : 0))
    .map((a) => {
      const m = a.metric_id ? trends.get(a.metric_id) : undefined;
      return { ...a, overdue: isOverdue(a, asOf), headline: m?.headline ?? null, trend: m?.trend ?? [] };
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
