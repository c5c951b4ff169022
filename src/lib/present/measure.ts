/**
 * The presented measure: everything any page, tile, table, chart or download shows of one measure,
 * worked out once from its rows and the request (pure, no engine, no DOM). Components lay it out.
 *
 * - Headline (metrics.md "The headline of a measure"): the latest complete quarter of the overall
 *   quarterly rows (stats/change.ts `tileChange`), its changes in words, and a later incomplete
 *   quarter only as "so far".
 * - Variation and assurance icons: the SPC of the monthly overall values where the measure has them
 *   (quarterly otherwise), up to the latest complete month (incomplete months are left out).
 * - Chart and table: the overall series at the grain shown, its SPC, and the breakdown if chosen.
 * - Publication form: every statistic through present/suppress.ts, suppressed points as chart gaps,
 *   SPC limits from the true values.
 */
import type { MetricDef, MetricRow } from '$lib/metrics/types';
import { computeSpc, spcSeries, variationIconInfo, assuranceIconInfo, type IconInfo, type SpcResult } from '$lib/stats/spc';
import { tileChange, type TileChange } from '$lib/stats/change';
import { changeWords, formatValue, formatCount, shortPeriod, trendSentence } from '$lib/stats/narrative';
import { dimensionLabel, groupLabel } from '$lib/views/labels';
import { published, type PublishedRow, type Shown } from './suppress';
import type { PresentRequest } from './request';
import { labelGrain, monthLabel, periodBounds, quarterLabel } from '$lib/calendar/periods';

/** A period label moved to the grain of a series (a quarter's first month, a month's quarter). */
function atGrain(label: string, grain: 'quarter' | 'month'): string {
  if (labelGrain(label) === grain) return label;
  const start = periodBounds(label).start;
  return grain === 'month' ? monthLabel(start) : quarterLabel(start);
}

export type MeasureDef = Pick<
  MetricDef,
  'id' | 'title' | 'unit' | 'polarity' | 'grains' | 'dimensions' | 'definition' | 'question' | 'benchmark' | 'section'
>;

export interface Headline {
  measure: string;
  /** The latest complete quarter, as labelled in the metrics JSON. */
  period: string;
  /** The value shown: a number, null (no value) or 'c' (suppressed). */
  value: Shown;
  /** The value exactly as `npm run metrics` prints it, or 'c' when suppressed (data-value). */
  exact: string;
  /** As a board reads it: "21.4%", "c", "no data". */
  text: string;
  previous: string;
  yearAgo: string;
  /** A later, incomplete quarter, only ever shown as "so far". */
  soFar: { period: string; text: string; why: string } | null;
}

export interface TableRow {
  period: string;
  /** The period as a board reads it ("Mar 2026", "2025-26 Q4"). */
  periodText: string;
  group: string | null;
  groupText: string | null;
  numerator: string;
  denominator: string;
  value: string;
  p90: string;
  status: string;
  suppressed: boolean;
  /** The value exactly as computed ('c' when suppressed, '' when none): for tests and audits, not shown. */
  exact: string;
}

export interface BreakdownPoint {
  period: string;
  /** The group in words ("Social care"). */
  group: string;
  /** The group as in the data (`social_care`). */
  key: string | null;
  value: number | null;
  complete: boolean;
  partial: boolean;
}

export interface PresentedMeasure {
  def: MeasureDef;
  request: PresentRequest;
  headline: Headline | null;
  variation: IconInfo | null;
  assurance: IconInfo | null;
  sentence: string;
  /** The overall series at the grain shown (publication form when publishing). */
  shown: PublishedRow[];
  /** SPC of the overall series at the grain shown (true values). */
  spc: SpcResult;
  /** Periods of the series shown whose value is suppressed: gaps in the chart. */
  hidden: Set<string>;
  /** Every period reported at the grain shown. */
  periods: string[];
  table: TableRow[];
  breakdown: { dimension: string; label: string; rows: PublishedRow[]; table: TableRow[]; points: BreakdownPoint[] } | null;
  /** "National: 22.4% (England 2022-23, DfE children in need (table C1))", or null. */
  national: string | null;
  target: string | null;
}

function exactOf(v: Shown): string {
  return v === 'c' ? 'c' : v === null ? 'null' : String(v);
}

function countText(v: Shown): string {
  if (v === null) return '–';
  return v === 'c' ? 'c' : formatCount(v);
}

function valueText(v: Shown, unit: MeasureDef['unit']): string {
  if (v === null) return '–';
  return v === 'c' ? 'c' : formatValue(v, unit);
}

function statusOf(r: PublishedRow): string {
  const notes: string[] = [];
  if (r.partial) notes.push('period not yet over: left out of the limits');
  else if (!r.complete) notes.push('window not complete: left out of the limits');
  if (r.suppressed) notes.push(r.reason === 'secondary' ? 'c: suppressed so a small value cannot be worked out' : 'c: rests on 1 to 5 children or items');
  return notes.join('; ');
}

function tableRow(r: PublishedRow, unit: MeasureDef['unit']): TableRow {
  return {
    period: r.period,
    periodText: shortPeriod(r.period),
    group: r.group,
    groupText: r.dimension ? groupLabel(r.dimension, r.group) : null,
    numerator: countText(r.numerator),
    denominator: countText(r.denominator),
    value: valueText(r.value, unit),
    p90: valueText(r.p90, unit),
    status: statusOf(r),
    suppressed: r.suppressed,
    exact: r.value === null ? '' : String(r.value)
  };
}

const byPeriod = (a: { period: string }, b: { period: string }) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);

/** The headline of a measure from its overall quarterly rows (true values) and their shown form. */
export function headlineOf(def: Pick<MeasureDef, 'id' | 'unit' | 'polarity'>, quarters: readonly MetricRow[], shown: readonly PublishedRow[]): { headline: Headline | null; change: TileChange | null; hiddenPeriods: Set<string> } {
  const change = tileChange(quarters, def.polarity);
  const hiddenPeriods = new Set(shown.filter((r) => r.suppressed).map((r) => r.period));
  if (!change) return { headline: null, change, hiddenPeriods };
  const value: Shown = hiddenPeriods.has(change.period) ? 'c' : change.value;
  const hid = (p: string) => hiddenPeriods.has(change.period) || hiddenPeriods.has(p);
  const soFar = change.soFar
    ? {
        period: change.soFar.period,
        text: hiddenPeriods.has(change.soFar.period) ? 'c' : valueText(change.soFar.value, def.unit),
        why: change.soFar.partial ? 'quarter not yet over' : 'follow-up or look-back window not complete'
      }
    : null;
  return {
    change,
    hiddenPeriods,
    headline: {
      measure: def.id,
      period: change.period,
      value,
      exact: exactOf(value),
      text: value === null ? 'no data' : valueText(value, def.unit),
      previous: changeWords(change.previous, def.unit, 'the previous quarter', hid(change.previous.period)),
      yearAgo: changeWords(change.yearAgo, def.unit, change.yearAgo.period, hid(change.yearAgo.period)),
      soFar
    }
  };
}

/** Present one measure from its rows (any grains and dimensions; other measures' rows are ignored). */
export function presentMeasure(def: MeasureDef, rows: readonly MetricRow[], req: PresentRequest): PresentedMeasure {
  const mine = rows.filter((r) => r.metric === def.id);
  // the publication form is worked out over the whole row set of the measure, then read per part
  const shownAll = published(mine, req.publication);
  const part = (pick: (r: MetricRow) => boolean) => {
    const idx = mine.map((r, i) => (pick(r) ? i : -1)).filter((i) => i >= 0).sort((a, b) => byPeriod(mine[a]!, mine[b]!));
    return { rows: idx.map((i) => mine[i]!), shown: idx.map((i) => shownAll[i]!) };
  };
  const quarters = part((r) => r.grain === 'quarter' && r.dimension === null);
  const { headline, change, hiddenPeriods } = headlineOf(def, quarters.rows, quarters.shown);

  // Making Data Count: variation is judged on monthly values where the measure has them
  // (the analyst's baseline and recalculation points apply to it too, moved to its grain)
  const iconSeries = spcSeries(mine, def.id);
  const iconGrain = iconSeries[0]?.grain ?? 'quarter';
  const iconSpc = computeSpc(iconSeries, {
    polarity: def.polarity,
    target: req.target,
    runLength: req.spc.runLength,
    baseline: req.spc.baseline ? { from: atGrain(req.spc.baseline, iconGrain) } : undefined,
    changePoints: req.spc.changes.map((c) => atGrain(c, iconGrain))
  });

  const series = part((r) => r.grain === req.grain && r.dimension === null);
  const spc = computeSpc(series.rows, {
    polarity: def.polarity,
    runLength: req.spc.runLength,
    target: req.target,
    baseline: req.spc.baseline ? { from: req.spc.baseline } : undefined,
    changePoints: req.spc.changes
  });
  const hidden = new Set(series.shown.filter((r) => r.suppressed).map((r) => r.period));
  const sentence = trendSentence({
    title: def.title,
    unit: def.unit,
    change,
    spc: iconSpc,
    suppressed: change ? { latest: hiddenPeriods.has(change.period), previous: hiddenPeriods.has(change.previous.period) } : undefined
  });

  let breakdown: PresentedMeasure['breakdown'] = null;
  if (req.dimension) {
    const d = req.dimension;
    const b = part((r) => r.grain === req.grain && r.dimension === d);
    breakdown = {
      dimension: d,
      label: dimensionLabel(d),
      rows: b.shown,
      table: b.shown.map((r) => tableRow(r, def.unit)),
      points: b.shown.map((r) => ({
        period: r.period,
        group: groupLabel(d, r.group),
        key: r.group,
        value: typeof r.value === 'number' ? r.value : null,
        complete: r.complete,
        partial: r.partial
      }))
    };
  }

  return {
    def,
    request: req,
    headline,
    variation: iconSpc.variationIcon ? variationIconInfo(iconSpc.variationIcon, def.polarity) : null,
    assurance: iconSpc.assuranceIcon ? assuranceIconInfo(iconSpc.assuranceIcon) : null,
    sentence,
    shown: series.shown,
    spc,
    hidden,
    periods: series.rows.map((r) => r.period),
    table: series.shown.map((r) => tableRow(r, def.unit)),
    breakdown,
    national: def.benchmark ? `National: ${formatValue(def.benchmark.value, def.unit)} (${def.benchmark.label})` : null,
    target: req.target === null ? null : `Target: ${formatValue(req.target, def.unit)}`
  };
}
