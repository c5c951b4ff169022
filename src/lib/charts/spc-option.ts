/**
 * The SPC (XmR) chart of one measure as an ECharts option: values, the mean and process limits of
 * each segment, special-cause points marked by colour AND shape (Making Data Count colours; a
 * triangle for improvement, a diamond for concern, a square for neither), and points left out of the
 * calculation (incomplete or partial periods) drawn hollow. Pure: tested without a browser.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { SpcPoint, SpcResult } from '$lib/stats/spc';
import { MDC_COLOURS } from '$lib/stats/spc';
import { escapeHtml, formatValue, type Unit } from './format';

const INK = '#1f2a33';
const LINE = '#0b5394';

export interface PointStyle {
  symbol: string;
  color: string;
  label: string;
}

/** How a point is drawn and what it is called: never colour alone. */
export function pointStyle(p: SpcPoint): PointStyle {
  if (!p.included) {
    const why = p.exclusion === 'partial' ? 'partial period' : p.exclusion === 'incomplete' ? 'window not complete' : 'no value';
    return { symbol: 'emptyCircle', color: '#ffffff', label: `left out of the limits (${why})` };
  // drawn as a white circle with a dark ring: hollow, told apart from filled points without colour
  }
  if (p.variation === 'improvement') return { symbol: 'triangle', color: MDC_COLOURS.improvement, label: 'special cause: improvement' };
  if (p.variation === 'concern') return { symbol: 'diamond', color: MDC_COLOURS.concern, label: 'special cause: concern' };
  if (p.variation === 'neither') return { symbol: 'rect', color: MDC_COLOURS.neither, label: 'special cause: neither better nor worse' };
  return { symbol: 'circle', color: MDC_COLOURS.common_cause, label: 'common cause' };
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
    grid: { left: 60, right: 16, top: 36, bottom: 56 },
    legend: { top: 0, data: ['Value', 'Mean', 'Process limits'] },
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
          `<strong>${escapeHtml(p.period)}</strong>`,
          `Value: ${v}`,
          escapeHtml(style.label),
          p.mean !== null ? `Mean ${formatValue(p.mean, unit)}; limits ${formatValue(p.lower, unit)} to ${formatValue(p.upper, unit)}${p.trial ? ' (trial)' : ''}` : ''
        ];
        return lines.filter(Boolean).join('<br>');
      }
    },
    xAxis: { type: 'category', data: periods, axisLabel: { rotate: periods.length > 8 ? 45 : 0, interval: Math.max(0, Math.ceil(periods.length / 18) - 1) } },
    yAxis: {
      type: 'value',
      scale: unit !== 'rate',
      // a rate's axis stays within 0-100%: limits beyond it are cut at the edge, as MDC charts do
      min: unit === 'rate' ? 0 : (e: { min: number }) => Math.max(0, Math.floor(e.min)),
      max: unit === 'rate' ? (e: { max: number }) => Math.min(1, Math.max(e.max, 0.05)) : undefined,
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
