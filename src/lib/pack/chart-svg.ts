/**
 * An SPC chart as vector SVG text, rendered by ECharts' server-side SVG renderer (no DOM needed, so
 * the same code runs in Node and in a browser print view). Suppressed points are gaps.
 */
import { echarts } from '../charts/echarts';
import { spcOption } from '../charts/spc-option';
import type { PackChart } from './model';

export const CHART_WIDTH = 680;
export const CHART_HEIGHT = 175;

export function spcSvg(chart: PackChart, size: { width: number; height: number } = { width: CHART_WIDTH, height: CHART_HEIGHT }): string {
  const option = spcOption(chart.spc, chart.unit, { hidden: new Set(chart.hidden) });
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    instance.setOption({
      ...option,
      tooltip: undefined,
      textStyle: { fontFamily: 'Arial, Helvetica, sans-serif', fontSize: 11 }
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
