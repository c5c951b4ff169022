/**
 * Everything /compare shows for one rate measure, one dimension (locality or agency) and one
 * quarter, worked out from the measure's rows: the partnership value, each unit on the funnel, the
 * limit curves, and one SPC result per unit (monthly values) on a shared scale. In the publication
 * view, rows are suppressed first (primary and secondary, as everywhere): a suppressed unit is left
 * off the funnel and its suppressed months are gaps, and the partnership line needs an unsuppressed
 * overall row.
 */
import type { Engine } from '../engine/types';
import { computeMetrics } from '../metrics/compute';
import type { MetricDef, MetricRow } from '../metrics/types';
import { computeSpc, type SpcResult } from '../stats/spc';
import { suppressRows, type PublishedRow } from '../stats/suppression';
import { funnelCurve, funnelPoints, type FunnelCurve, type FunnelPoint } from './funnel';

/** Rate measures with this dimension can go on a funnel (counts and durations cannot). */
export function comparable(def: MetricDef, dimension: string): boolean {
  return def.unit === 'rate' && def.dimensions.includes(dimension as never) && def.attribution !== 'quarter';
}

/** Both grains, overall and by the dimension, for one measure. */
export async function compareRows(engine: Engine, id: string, dimension: string): Promise<MetricRow[]> {
  return (await computeMetrics(engine, { ids: [id], grains: ['quarter', 'month'], breakdowns: [dimension] })).metrics;
}

export interface Multiple {
  group: string;
  spc: SpcResult;
  hidden: Set<string>;
}

export interface CompareView {
  quarter: string;
  /** The partnership value (null when it has no denominator or is suppressed). */
  p: number | null;
  overall: PublishedRow | null;
  points: FunnelPoint[];
  /** Units left off the funnel because their quarter is suppressed. */
  suppressed: string[];
  curve: FunnelCurve | null;
  multiples: Multiple[];
  /** One y-axis for every small multiple. */
  scale: { min: number; max: number };
}

const numberOr = (v: PublishedRow['value']): number | null => (typeof v === 'number' ? v : null);

export function buildCompareView(
  def: Pick<MetricDef, 'unit' | 'polarity'>,
  rows: readonly MetricRow[],
  dimension: string,
  quarter: string,
  publication: boolean
): CompareView {
  const unitOf = () => def.unit;
  const shown = (rs: MetricRow[]): PublishedRow[] =>
    publication ? suppressRows(rs, unitOf) : rs.map((r) => ({ ...r, suppressed: false, reason: null }) as PublishedRow);
  // the quarter: overall row and every group together (the groups add up to the overall row)
  const qRows = shown(rows.filter((r) => r.grain === 'quarter' && r.period === quarter && (r.dimension === null || r.dimension === dimension)));
  const overall = qRows.find((r) => r.dimension === null) ?? null;
  const on = numberOr(overall?.numerator ?? null);
  const od = numberOr(overall?.denominator ?? null);
  const p = on !== null && od !== null && od > 0 ? on / od : null;
  const groups = qRows.filter((r) => r.dimension === dimension);
  const units = groups.flatMap((g) => {
    const n = numberOr(g.numerator);
    const d = numberOr(g.denominator);
    return n !== null && d !== null ? [{ group: g.group ?? '', numerator: n, denominator: d }] : [];
  });
  const points = p === null ? [] : funnelPoints(p, units);
  const suppressed = groups.filter((g) => g.suppressed).map((g) => g.group ?? '');
  const curve = p === null || points.length === 0 ? null : funnelCurve(p, Math.max(...points.map((x) => x.denominator)) * 1.1);

  // small multiples: monthly values per group, SPC on true values, suppressed months as gaps
  const months = rows.filter((r) => r.grain === 'month');
  const periods = [...new Set(months.filter((r) => r.dimension === null).map((r) => r.period))];
  const names = [...new Set(months.filter((r) => r.dimension === dimension).map((r) => r.group ?? ''))].sort();
  const monthShown = new Map<string, PublishedRow>();
  for (const period of periods)
    for (const r of shown(months.filter((m) => m.period === period && (m.dimension === null || m.dimension === dimension))))
      if (r.dimension === dimension) monthShown.set(`${r.group}|${period}`, r);
  let min = Infinity;
  let max = -Infinity;
  const multiples = names.map((group) => {
    const series = periods.map((period) => {
      const r = months.find((m) => m.dimension === dimension && m.group === group && m.period === period);
      return { period, value: r?.value ?? null, complete: r?.complete ?? true, partial: r?.partial ?? false };
    });
    const spc = computeSpc(series, { polarity: def.polarity });
    const hidden = new Set(periods.filter((period) => monthShown.get(`${group}|${period}`)?.suppressed));
    for (const pt of spc.points)
      for (const v of [hidden.has(pt.period) ? null : pt.value, pt.upper, pt.lower])
        if (v !== null && Number.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
    return { group, spc, hidden };
  });
  // a rate's shared axis runs from 0 to the next 10% above every value and limit (at most 100%)
  const scale = def.unit === 'rate' ? { min: 0, max: Math.min(1, Math.ceil(Math.max(0.05, Number.isFinite(max) ? max : 1) * 10) / 10) } : { min: Number.isFinite(min) ? Math.min(0, min) : 0, max: Number.isFinite(max) ? max : 1 };
  return { quarter, p, overall, points, suppressed, curve, multiples, scale };
}
