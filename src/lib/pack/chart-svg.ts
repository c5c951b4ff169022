/**
 * An SPC chart of the board pack as vector SVG text, rendered by ECharts' server-side SVG renderer
 * (no DOM needed, so the same code runs in Node and in a browser print view). Drawn at its printed
 * size (a half-page column, 46 mm tall) so that 10 px text prints at 7.5 pt, with the same marker
 * language as the dashboard (pointStyle). Labels never collide: the x axis labels only every
 * `labelStep` periods, chosen from the printed width, and the y axis has four ticks at round values
 * fixed here, with no limit values on it (the key beside the chart states the mean and limits).
 * Suppressed points are gaps.
 */
import { echarts } from '../charts/echarts';
import { pointStyle } from '../charts/spc-option';
import { formatCount } from '../stats/narrative';
import type { PackChart } from './model';

/** Printed size in CSS pixels (96 per inch): 88 mm x 46 mm, one of two columns of an A4 page. */
export const CHART_WIDTH = 332;
export const CHART_HEIGHT = 174;
export const CHART_FONT_PX = 10;
const GRID = { left: 46, right: 12, top: 10, bottom: 24 };
const INK = '#1f2a33';
const LINE = '#0b5394';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-04" -> "Apr 2025"; a quarter label stays as it is. */
export function axisPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : period;
}

/** Arial advance widths in em (digits 0.556; a few others); other characters taken wide (0.722). */
const EM: Record<string, number> = { ' ': 0.278, '-': 0.333, '.': 0.278, ',': 0.278, '%': 0.889, Q: 0.778, A: 0.667, J: 0.5, F: 0.611, M: 0.833, S: 0.667, O: 0.778, N: 0.722, D: 0.722 };

/** Estimated printed width of a label in px, erring wide (lower-case letters taken as 0.556 em). */
export function labelWidth(text: string, fontPx = CHART_FONT_PX): number {
  let em = 0;
  for (const ch of text) em += EM[ch] ?? (/[0-9a-z]/.test(ch) ? 0.556 : 0.722);
  return em * fontPx;
}

/**
 * Every how many periods an x label is shown so that labels keep a gap of at least one em: steps
 * that keep labels on the financial year (months: 1, 3, 6, 12, 24; quarters: 1, 2, 4, 8).
 */
export function labelStep(periods: readonly string[], plotWidth: number, fontPx = CHART_FONT_PX): number {
  if (periods.length === 0) return 1;
  const monthly = /^\d{4}-\d{2}$/.test(periods[0] as string);
  const widest = Math.max(...periods.map((p) => labelWidth(axisPeriod(p), fontPx)));
  const slot = plotWidth / periods.length;
  for (const step of monthly ? [1, 3, 6, 12, 24] : [1, 2, 4, 8, 16]) {
    if (slot * step >= widest + fontPx) return step;
  }
  return monthly ? 48 : 32;
}

/** Whether period `p` carries a label at `step`: months from April, quarters from Q1. */
export function labelled(p: string, step: number): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) {
    const fyMonth = (Number(m[2]) + 8) % 12; // April = 0
    const fy = Number(m[2]) >= 4 ? Number(m[1]) : Number(m[1]) - 1;
    return step <= 12 ? fyMonth % step === 0 : fyMonth === 0 && (fy * 12) % step === 0;
  }
  const q = /^(\d{4})-\d{2} Q([1-4])$/.exec(p);
  if (q) {
    const index = Number(q[1]) * 4 + Number(q[2]) - 1;
    return index % step === 0;
  }
  return true;
}

/** Round axis bounds and step: four or five intervals, 1, 2, 2.5 or 5 times a power of ten. */
export function niceAxis(lo: number, hi: number, unit: PackChart['unit']): { min: number; max: number; interval: number } {
  let min = Math.max(0, Math.min(lo, hi));
  let max = Math.max(lo, hi);
  if (max - min < 1e-9) max = min + (unit === 'rate' ? 0.05 : 1);
  if (unit === 'rate' || min < (max - min) * 0.5) min = 0; // a rate's axis starts at 0
  const raw = (max - min) / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  let interval = mag * 10;
  for (const f of [1, 2, 2.5, 5, 10]) {
    if (f * mag >= raw) {
      interval = f * mag;
      break;
    }
  }
  if (unit !== 'rate' && interval < 1) interval = 1; // whole children, items or working days
  const tidy = (v: number) => Number(v.toPrecision(12)); // 3 x 0.2 is 0.6000000000000001
  interval = tidy(interval);
  min = tidy(Math.floor(min / interval + 1e-9) * interval);
  max = tidy(Math.ceil(max / interval - 1e-9) * interval);
  if (unit === 'rate' && max > 1) max = 1;
  return { min, max, interval };
}

export function axisValue(v: number, unit: PackChart['unit'], interval: number): string {
  if (unit === 'rate') {
    const dp = interval * 100 < 1 ? 1 : 0;
    return `${(v * 100).toFixed(dp)}%`;
  }
  return formatCount(v);
}

export function spcSvg(chart: PackChart, size: { width: number; height: number } = { width: CHART_WIDTH, height: CHART_HEIGHT }): string {
  const { spc, unit } = chart;
  const hidden = new Set(chart.hidden);
  const periods = spc.points.map((p) => p.period);
  const values = spc.points.map((p) => (hidden.has(p.period) ? null : p.value));
  const all = [...values, ...spc.points.flatMap((p) => [p.mean, p.upper, p.lower])].filter((v): v is number => v !== null && Number.isFinite(v));
  const axis = niceAxis(all.length ? Math.min(...all) : 0, all.length ? Math.max(...all) : 1, unit);
  const step = labelStep(periods, size.width - GRID.left - GRID.right);
  const trial = spc.segments.some((s) => s.trial);
  const limitStyle = { color: '#6b6b6b', width: 1.2, type: trial ? 'dotted' : 'dashed' };
  const line = (name: string, pick: (i: number) => number | null, style: object) => ({
    name,
    type: 'line',
    step: 'middle',
    symbol: 'none',
    silent: true,
    lineStyle: style,
    data: spc.points.map((_, i) => pick(i))
  });
  const option = {
    animation: false,
    textStyle: { fontFamily: 'Arial, Helvetica, sans-serif', fontSize: CHART_FONT_PX, color: INK },
    grid: GRID,
    xAxis: {
      type: 'category',
      data: periods,
      boundaryGap: true,
      axisTick: { alignWithLabel: true, interval: (i: number) => labelled(periods[i] as string, step) },
      axisLabel: {
        fontSize: CHART_FONT_PX,
        color: INK,
        rotate: 0,
        hideOverlap: true,
        interval: (i: number) => labelled(periods[i] as string, step),
        formatter: (p: string) => axisPeriod(p)
      },
      axisLine: { lineStyle: { color: '#6b6b6b' } }
    },
    yAxis: {
      type: 'value',
      min: axis.min,
      max: axis.max,
      interval: axis.interval,
      axisLabel: { fontSize: CHART_FONT_PX, color: INK, formatter: (v: number) => axisValue(v, unit, axis.interval) },
      splitLine: { lineStyle: { color: '#e3e8ec' } }
    },
    series: [
      line('Mean', (i) => spc.points[i]?.mean ?? null, { color: '#4a4a4a', width: 1.2 }),
      line('Upper limit', (i) => spc.points[i]?.upper ?? null, limitStyle),
      line('Lower limit', (i) => spc.points[i]?.lower ?? null, limitStyle),
      {
        name: 'Value',
        type: 'line',
        showSymbol: true,
        showAllSymbol: true,
        connectNulls: false,
        clip: false,
        z: 3,
        lineStyle: { color: LINE, width: 1.5 },
        itemStyle: { color: LINE },
        data: spc.points.map((p, i) => {
          const s = pointStyle(p);
          return {
            value: values[i],
            // hollow: a white circle with a dark ring (ECharts' emptyCircle strokes in the fill colour)
            symbol: p.included ? s.symbol : 'circle',
            symbolSize: p.included && p.variation ? 7 : 5,
            itemStyle: p.included ? { color: s.color, borderColor: INK, borderWidth: 0.6 } : { color: '#ffffff', borderColor: INK, borderWidth: 1.2 }
          };
        })
      }
    ]
  };
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    instance.setOption(option);
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
