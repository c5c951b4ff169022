/**
 * The SPC (XmR) chart of one measure as an ECharts option: values, the mean and process limits of
 * each segment, special-cause points marked by colour AND shape (Making Data Count colours; a
 * triangle for improvement, a diamond for concern, a square for neither), and points left out of the
 * calculation (incomplete or partial periods) drawn hollow. Pure: tested without a browser.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { SpcPoint, SpcResult } from '$lib/stats/spc';
import { escapeHtml, formatValue, type Unit } from './format';
import { shortPeriod } from '$lib/stats/narrative';
import { LINE_KEY, MARKERS, type MarkerKind } from './markers';

const INK = '#1f2a33';
const LINE = '#0b5394';

export interface PointStyle {
  symbol: string;
  color: string;
  label: string;
}

/** The marker kind of a point (markers.ts draws it and the key names it). */
export function markerOf(p: SpcPoint): MarkerKind {
  if (!p.included) return 'left_out';
  if (p.variation === 'improvement') return 'improvement';
  if (p.variation === 'concern') return 'concern';
  if (p.variation === 'neither') return 'neither';
  return 'common';
}

/** How a point is drawn and what it is called: never colour alone. */
export function pointStyle(p: SpcPoint): PointStyle {
  const kind = markerOf(p);
  const m = MARKERS[kind];
  if (kind === 'left_out') {
    const why = p.exclusion === 'partial' ? 'partial period' : p.exclusion === 'incomplete' ? 'window not complete' : 'no value';
    return { symbol: m.symbol, color: m.fill, label: `left out of the limits (${why})` };
  }
  const label = { common: 'common cause', improvement: 'special cause: improvement', concern: 'special cause: concern', neither: 'special cause: neither better nor worse' }[kind];
  return { symbol: m.symbol, color: m.fill, label };
}

/** The key of an SPC chart: exactly the lines and markers it draws (suppressed gaps included). */
export function spcKey(spc: SpcResult, hidden: Set<string> = new Set()): string[] {
  const kinds = new Set(spc.points.filter((p) => p.value !== null && !hidden.has(p.period)).map(markerOf));
  const trial = spc.segments.some((s) => s.trial);
  const lines: string[] = [LINE_KEY.value, LINE_KEY.mean];
  if (spc.segments.some((s) => s.upper !== null)) lines.push(trial ? LINE_KEY.trial : LINE_KEY.limits);
  for (const k of ['common', 'improvement', 'concern', 'neither', 'left_out'] as const) if (kinds.has(k)) lines.push(MARKERS[k].key);
  if (spc.points.some((p) => hidden.has(p.period))) lines.push(LINE_KEY.gap);
  return lines;
}

/** A round step for a count or duration axis (1, 10, 100 ...), so its ends fall on ticks. */
function niceStep(e: { min: number; max: number }): number {
  return 10 ** Math.floor(Math.log10(Math.max(1, e.max - e.min)));
}

export function spcOption(spc: SpcResult, unit: Unit, opts: { hidden?: Set<string> } = {}): EChartsCoreOption {
  const periods = spc.points.map((p) => p.period);
  const hidden = opts.hidden ?? new Set<string>();
  const value = (p: SpcPoint) => (hidden.has(p.period) ? null : p.value);
  const lineOf = (pick: (p: SpcPoint) => number | null) => spc.points.map((p) => pick(p));
  const trial = spc.segments.some((s) => s.trial);
  return {
    aria: { enabled: true },
    animation: false,
    // the key is written under the chart in words (spcKey), from the same marker table
    // fixed margins that hold the axis labels (a rate's 100%, a count's five digits, months at 45°):
    // outerBoundsMode 'none' spares ECharts a trial layout of every axis label to fit them inside the
    // chart on each draw (about a quarter of the grid's work; a filter change redraws every chart)
    grid: { left: 60, right: 16, top: 16, bottom: 56, outerBoundsMode: 'none' },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as { dataIndex: number }[];
        const p = spc.points[list[0]?.dataIndex ?? -1];
        if (!p) return '';
        const style = pointStyle(p);
        const v = hidden.has(p.period) ? 'c (suppressed)' : formatValue(p.value, unit);
        const lines = [
          `<strong>${escapeHtml(shortPeriod(p.period))}</strong>`,
          `Value: ${v}`,
          escapeHtml(style.label),
          p.mean !== null ? `Mean ${formatValue(p.mean, unit)}; limits ${formatValue(p.lower, unit)} to ${formatValue(p.upper, unit)}${p.trial ? ' (trial)' : ''}` : ''
        ];
        return lines.filter(Boolean).join('<br>');
      }
    },
    xAxis: {
      type: 'category',
      data: periods,
      axisLabel: { rotate: periods.length > 8 ? 45 : 0, interval: Math.max(0, Math.ceil(periods.length / 18) - 1), formatter: shortPeriod }
    },
    yAxis: {
      type: 'value',
      scale: unit !== 'rate',
      // a rate's axis stays within 0-100%: limits beyond it are cut at the edge, as MDC charts do
      min: unit === 'rate' ? 0 : (e: { min: number; max: number }) => Math.max(0, Math.floor(e.min / niceStep(e)) * niceStep(e)),
      // the top of a rate's axis is a round tenth (never a data value: its label would sit over a tick's)
      max: unit === 'rate' ? (e: { max: number }) => Math.min(1, Math.max(Math.ceil(e.max * 10 - 1e-9) / 10, 0.1)) : (e: { min: number; max: number }) => Math.ceil(e.max / niceStep(e)) * niceStep(e),
      axisLabel: { formatter: (v: number) => (unit === 'rate' ? `${Math.round(v * 1000) / 10}%` : String(v)) }
    },
    series: [
      {
        name: 'Value',
        type: 'line',
        // every point keeps its marker, however many months: hollow ones carry meaning
        showSymbol: true,
        showAllSymbol: true,
        clip: false,
        color: LINE,
        lineStyle: { color: LINE, width: 2 },
        connectNulls: false,
        z: 3,
        data: spc.points.map((p) => {
          const s = pointStyle(p);
          return {
            value: value(p),
            symbol: s.symbol,
            symbolSize: p.included && p.variation ? 13 : 8,
            itemStyle: p.included
              ? { color: s.color, borderColor: INK, borderWidth: 1 }
              : { color: '#ffffff', borderColor: INK, borderWidth: 2 }
          };
        })
      },
      {
        name: 'Mean',
        type: 'line',
        step: 'middle',
        symbol: 'none',
        color: '#4a4a4a',
        lineStyle: { color: '#4a4a4a', width: 1.5 },
        data: lineOf((p) => p.mean)
      },
      {
        name: 'Process limits',
        type: 'line',
        step: 'middle',
        symbol: 'none',
        color: '#6b6b6b',
        lineStyle: { color: '#6b6b6b', width: 1.5, type: trial ? 'dotted' : 'dashed' },
        data: lineOf((p) => p.upper)
      },
      {
        name: 'Process limits',
        type: 'line',
        step: 'middle',
        symbol: 'none',
        color: '#6b6b6b',
        lineStyle: { color: '#6b6b6b', width: 1.5, type: trial ? 'dotted' : 'dashed' },
        data: lineOf((p) => p.lower)
      }
    ]
  };
}
