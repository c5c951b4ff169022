/**
 * The funnel plot as an ECharts option: each unit a point (denominator across, proportion up), the
 * partnership value as a line, and the 95% and 99.8% limits as curves. Points outside the limits are
 * told apart by shape as well as colour. Pure: tested without a browser.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from '../charts/format';
import type { CompareView } from './view';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const SHAPE: Record<string, { symbol: string; color: string }> = {
  'within 95%': { symbol: 'circle', color: '#4a5560' },
  'above 95%': { symbol: 'triangle', color: '#b25600' },
  'below 95%': { symbol: 'triangle', color: '#b25600' },
  'above 99.8%': { symbol: 'diamond', color: '#8c1d18' },
  'below 99.8%': { symbol: 'diamond', color: '#8c1d18' }
};

export function funnelOption(v: CompareView, label: (group: string) => string): EChartsCoreOption {
  const c = v.curve;
  const line = (name: string, xs: number[], ys: number[], type: 'dashed' | 'dotted' | 'solid', color: string) => ({
    name,
    type: 'line',
    symbol: 'none',
    lineStyle: { type, color, width: 1.5 },
    color,
    data: xs.map((x, i) => [x, ys[i]])
  });
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 60, right: 24, top: 40, bottom: 50 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const d = (params as { data?: { group?: string } }).data;
        const pt = v.points.find((p) => p.group === d?.group);
        if (!pt) return '';
        return `<strong>${escapeHtml(label(pt.group))}</strong><br>${pt.numerator} of ${pt.denominator} (${pct(pt.value)})<br>${pt.band}`;
      }
    },
    xAxis: { type: 'value', name: 'Denominator', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', min: 0, max: (e: { max: number }) => Math.min(1, Math.max(e.max, 0.05)), axisLabel: { formatter: (x: number) => pct(x) } },
    series: [
      {
        name: 'Units',
        type: 'scatter',
        z: 5,
        data: v.points.map((p) => ({
          value: [p.denominator, p.value],
          group: p.group,
          symbol: SHAPE[p.band]!.symbol,
          symbolSize: 11,
          itemStyle: { color: SHAPE[p.band]!.color, borderColor: '#1f2a33', borderWidth: 1 }
        })),
        color: '#4a5560'
      },
      ...(c && v.p !== null
        ? [
            line('Partnership', [c.n[0]!, c.n.at(-1)!], [v.p, v.p], 'solid', '#0b5394'),
            line('95% limits', c.n, c.upper95, 'dashed', '#6b6b6b'),
            { ...line('95% limits', c.n, c.lower95, 'dashed', '#6b6b6b') },
            line('99.8% limits', c.n, c.upper998, 'dotted', '#303030'),
            { ...line('99.8% limits', c.n, c.lower998, 'dotted', '#303030') }
          ]
        : [])
    ]
  };
}

/** The same option with a fixed y-axis, so small multiples share one scale. */
export function withScale(option: EChartsCoreOption, scale: { min: number; max: number }): EChartsCoreOption {
  const y = (option as { yAxis?: object }).yAxis ?? {};
  return { ...option, yAxis: { ...y, scale: false, min: scale.min, max: scale.max } };
}
