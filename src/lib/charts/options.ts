/**
 * Pure builders of ECharts options from metric rows: given rows, produce an option. No engine, no
 * DOM, so they are tested without a browser.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml, formatValue, type Unit } from './format';

export interface SeriesRow {
  period: string;
  group: string | null;
  value: number | null;
  complete: boolean;
  partial: boolean;
}

/** Colour-blind-safe palette (Okabe-Ito, darkened for contrast on white). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8A6D00', '#56B4E9', '#404040', '#E69F00'];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow', 'emptyCircle'];
const DASHES: ('solid' | 'dashed' | 'dotted')[] = ['solid', 'dashed', 'dotted'];

function axisFormatter(unit: Unit) {
  return (v: number) => (unit === 'rate' ? `${Math.round(v * 100)}%` : String(v));
}

function tooltip(unit: Unit) {
  return {
    trigger: 'axis',
    confine: true,
    formatter: (params: unknown) => {
      const list = (Array.isArray(params) ? params : [params]) as {
        axisValueLabel: string;
        seriesName: string;
        value: number | null | { value: number | null };
        marker: string;
        data?: { note?: string };
      }[];
      if (list.length === 0) return '';
      const head = escapeHtml(list[0]!.axisValueLabel);
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
  if (r.partial) return 'partial period';
  if (!r.complete) return 'window not complete';
  return undefined;
}

/** One line per group (or one line for the overall rows), incomplete points drawn hollow and grey. */
export function lineOption(rows: SeriesRow[], unit: Unit, opts: { title?: string; periods?: string[] } = {}): EChartsCoreOption {
  const periods = opts.periods ?? periodsOf(rows);
  const groups = [...new Set(rows.map((r) => r.group ?? 'All'))];
  const series = groups.map((g, i) => {
    const byPeriod = new Map(rows.filter((r) => (r.group ?? 'All') === g).map((r) => [r.period, r]));
    return {
      name: g,
      type: 'line',
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 8,
      lineStyle: { type: DASHES[i % DASHES.length], width: 2 },
      color: PALETTE[i % PALETTE.length],
      connectNulls: false,
      data: periods.map((p) => {
        const r = byPeriod.get(p);
        if (!r) return { value: null };
        const note = pointNote(r);
        return note
          ? { value: r.value, note, itemStyle: { color: '#ffffff', borderColor: '#6b6b6b', borderWidth: 2 } }
          : { value: r.value };
      })
    };
  });
  return {
    aria: { enabled: true, decal: { show: true } },
    animation: false,
    title: opts.title ? { text: opts.title } : undefined,
    grid: { left: 56, right: 16, top: groups.length > 1 ? 40 : 16, bottom: 56 },
    legend: groups.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    tooltip: tooltip(unit),
    xAxis: { type: 'category', data: periods, axisLabel: { rotate: periods.length > 8 ? 45 : 0, interval: Math.max(0, Math.ceil(periods.length / 18) - 1) } },
    yAxis: { type: 'value', min: unit === 'rate' ? 0 : undefined, axisLabel: { formatter: axisFormatter(unit) } },
    series
  };
}

/** Stacked bars of counts by group, with decal patterns so groups differ by more than colour. */
export function stackedBarOption(rows: SeriesRow[], unit: Unit, opts: { periods?: string[] } = {}): EChartsCoreOption {
  const periods = opts.periods ?? periodsOf(rows);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.group ?? 'All', (totals.get(r.group ?? 'All') ?? 0) + (r.value ?? 0));
  const groups = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
  return {
    aria: { enabled: true, decal: { show: true } },
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 56 },
    legend: { type: 'scroll', top: 0 },
    tooltip: tooltip(unit),
    xAxis: { type: 'category', data: periods, axisLabel: { rotate: periods.length > 8 ? 45 : 0, interval: Math.max(0, Math.ceil(periods.length / 18) - 1) } },
    yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(unit) } },
    series: groups.map((g, i) => {
      const byPeriod = new Map(rows.filter((r) => (r.group ?? 'All') === g).map((r) => [r.period, r]));
      return {
        name: g,
        type: 'bar',
        stack: 'total',
        color: PALETTE[i % PALETTE.length],
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
