/**
 * Pure builders of ECharts options from metric rows: given rows, produce an option. No engine, no
 * DOM, so they are tested without a browser. Groups keep a fixed colour (an agency's own colour in
 * every extract, markers.ts) and differ by marker shape and decal too; periods and groups are
 * labelled in words ("Mar 2026", "Social care"); legends wrap instead of paging.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml, formatValue, type Unit } from './format';
import { shortPeriod } from '$lib/stats/narrative';
import { GROUP_SYMBOLS, MARKERS, groupColour } from './markers';

export { PALETTE } from './markers';

export interface SeriesRow {
  period: string;
  /** The group as shown (a label), null for the overall series. */
  group: string | null;
  /** The group as in the data (e.g. `social_care`), for its fixed colour; defaults to `group`. */
  key?: string | null;
  value: number | null;
  complete: boolean;
  partial: boolean;
}

export interface SeriesOptions {
  periods?: string[];
  /** The dimension the groups belong to (agency groups keep their own colour). */
  dimension?: string | null;
}

function axisFormatter(unit: Unit) {
  return (v: number) => (unit === 'rate' ? `${Math.round(v * 100)}%` : String(v));
}

function tooltip(unit: Unit) {
  return {
    trigger: 'axis',
    confine: true,
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as {
        axisValue: string;
        seriesName: string;
        value: number | null | { value: number | null };
        marker: string;
        data?: { note?: string };
      }[];
      if (list.length === 0) return '';
      const head = escapeHtml(shortPeriod(list[0]!.axisValue));
      const lines = list.map((p) => {
        const raw = typeof p.value === 'object' && p.value !== null ? p.value.value : p.value;
        const note = p.data?.note ? ` (${escapeHtml(p.data.note)})` : '';
        return `${p.marker}${escapeHtml(p.seriesName)}: ${formatValue(raw as number | null, unit)}${note}`;
      });
      return [head, ...lines].join('<br>');
    }
  };
}

export function periodsOf(rows: SeriesRow[]): string[] {
  return [...new Set(rows.map((r) => r.period))].sort();
}

function pointNote(r: SeriesRow): string | undefined {
  if (r.partial) return 'period not yet over';
  if (!r.complete) return 'window not complete';
  return undefined;
}

function xAxis(periods: string[]) {
  return {
    type: 'category',
    data: periods,
    axisLabel: { rotate: periods.length > 8 ? 45 : 0, interval: Math.max(0, Math.ceil(periods.length / 18) - 1), formatter: shortPeriod }
  };
}

/** A legend that wraps onto as many rows as it needs (never paged), and the room it takes. */
function legend(names: string[]): { legend: object | undefined; top: number } {
  if (names.length <= 1) return { legend: undefined, top: 16 };
  const perRow = 4;
  const rows = Math.ceil(names.length / perRow);
  return { legend: { type: 'plain', top: 0, left: 0, right: 0, itemGap: 12, data: names }, top: 16 + rows * 22 };
}

function groupsOf(rows: SeriesRow[]): { name: string; key: string | null }[] {
  const seen = new Map<string, string | null>();
  for (const r of rows) {
    const name = r.group ?? 'All';
    if (!seen.has(name)) seen.set(name, r.key ?? r.group);
  }
  return [...seen.entries()].map(([name, key]) => ({ name, key }));
}

/** One line per group (or one line for the overall rows); points left out drawn hollow, as on SPC charts. */
export function lineOption(rows: SeriesRow[], unit: Unit, opts: SeriesOptions = {}): EChartsCoreOption {
  const periods = opts.periods ?? periodsOf(rows);
  const groups = groupsOf(rows);
  const lg = legend(groups.map((g) => g.name));
  const series = groups.map((g, i) => {
    const byPeriod = new Map(rows.filter((r) => (r.group ?? 'All') === g.name).map((r) => [r.period, r]));
    const colour = groupColour(opts.dimension ?? null, g.key, i);
    return {
      name: g.name,
      type: 'line',
      symbol: GROUP_SYMBOLS[i % GROUP_SYMBOLS.length],
      symbolSize: 8,
      lineStyle: { width: 2 },
      color: colour,
      connectNulls: false,
      data: periods.map((p) => {
        const r = byPeriod.get(p);
        if (!r) return { value: null };
        const note = pointNote(r);
        return note
          ? { value: r.value, note, symbol: MARKERS.left_out.symbol, itemStyle: { color: MARKERS.left_out.fill, borderColor: colour, borderWidth: 2 } }
          : { value: r.value };
      })
    };
  });
  return {
    aria: { enabled: true, decal: { show: true } },
    animation: false,
    grid: { left: 56, right: 16, top: lg.top, bottom: 56 },
    legend: lg.legend,
    tooltip: tooltip(unit),
    xAxis: xAxis(periods),
    yAxis: { type: 'value', min: unit === 'rate' ? 0 : undefined, axisLabel: { formatter: axisFormatter(unit) } },
    series
  };
}

/** Stacked bars of counts by group, with decal patterns so groups differ by more than colour. */
export function stackedBarOption(rows: SeriesRow[], unit: Unit, opts: SeriesOptions = {}): EChartsCoreOption {
  const periods = opts.periods ?? periodsOf(rows);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.group ?? 'All', (totals.get(r.group ?? 'All') ?? 0) + (r.value ?? 0));
  const keys = new Map(groupsOf(rows).map((g) => [g.name, g.key]));
  const groups = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
  const lg = legend(groups);
  return {
    aria: { enabled: true, decal: { show: true } },
    animation: false,
    grid: { left: 56, right: 16, top: lg.top, bottom: 56 },
    legend: lg.legend,
    tooltip: tooltip(unit),
    xAxis: xAxis(periods),
    yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(unit) } },
    series: groups.map((g, i) => {
      const byPeriod = new Map(rows.filter((r) => (r.group ?? 'All') === g).map((r) => [r.period, r]));
      return {
        name: g,
        type: 'bar',
        stack: 'total',
        color: groupColour(opts.dimension ?? null, keys.get(g) ?? null, i),
        data: periods.map((p) => {
          const r = byPeriod.get(p);
          if (!r) return { value: 0 };
          const note = pointNote(r);
          return note ? { value: r.value, note, itemStyle: { opacity: 0.55 } } : { value: r.value };
        })
      };
    })
  };
}

/** Keys in words for a breakdown chart: what its marks mean (the legend names the groups). */
export function breakdownKey(rows: SeriesRow[], kind: 'line' | 'stacked'): string[] {
  const out = [kind === 'line' ? 'One line per group, told apart by colour and marker shape' : 'One bar segment per group, told apart by colour and pattern'];
  if (rows.some((r) => pointNote(r))) {
    out.push(kind === 'line' ? 'Hollow marker: period not yet over, or its window not complete' : 'Pale segment: period not yet over, or its window not complete');
  }
  return out;
}
