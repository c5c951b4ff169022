/**
 * What /national shows, worked out from the published data: the chosen authorities' series beside
 * their regions and England (as line-chart rows), and the strip of every authority for the latest
 * year with the chosen ones marked. Pure; the page only lays it out.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { SeriesRow } from '../charts/options';
import { escapeHtml } from '../charts/format';
import { areaByCode, england, figureOf, latestYear, position, regionOf, strip, type Area, type DfeData, type Figure, type StripPoint } from './index';

/** The setting: the partnership's authorities, as `la` codes in the address (default none). */
export function chosenCodes(params: URLSearchParams, data: DfeData | null): string[] {
  const codes = params.getAll('la').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return [...new Set(data ? codes.filter((c) => areaByCode(data, c)?.level === 'la') : codes)];
}

/** "2022-23" for the year ending 31 March 2023. */
export const yearLabel = (year: number): string => `${year - 1}-${String(year).slice(2)}`;

/** Areas to draw: each chosen authority, each of their regions (once), England. */
export function areasFor(data: DfeData, codes: readonly string[]): Area[] {
  const las = codes.map((c) => areaByCode(data, c)).filter((a): a is Area => a !== undefined);
  const regions = las.map((a) => regionOf(data, a)).filter((a): a is Area => a !== undefined);
  const out: Area[] = [];
  for (const a of [...las, ...regions, england(data)]) if (!out.includes(a)) out.push(a);
  return out;
}

export function seriesRows(data: DfeData, areas: readonly Area[], figure: Figure): SeriesRow[] {
  return areas.flatMap((a) =>
    data.years.map((year) => ({ period: yearLabel(year), group: a.name, value: figureOf(a, year, figure), complete: true, partial: false }))
  );
}

export interface StripView {
  year: number;
  points: StripPoint[];
  england: number | null;
  chosen: { code: string; name: string; value: number | null; words: string | null }[];
}

export function stripView(data: DfeData, figure: Figure, codes: readonly string[]): StripView {
  const year = latestYear(data);
  const points = strip(data, figure, year);
  return {
    year,
    points,
    england: figureOf(england(data), year, figure),
    chosen: codes.map((c) => {
      const a = areaByCode(data, c);
      const v = a ? figureOf(a, year, figure) : null;
      return { code: c, name: a?.name ?? c, value: v, words: position(points, c)?.words ?? null };
    })
  };
}

/** Every authority as a dot on one axis, the chosen ones larger and labelled, England as a line. */
export function stripOption(v: StripView, format: (x: number) => string): EChartsCoreOption {
  const chosen = new Set(v.chosen.map((c) => c.code));
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 24, right: 24, top: 30, bottom: 40 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const d = (p as { data?: { name?: string; value?: [number, number] } }).data;
        return d?.name && d.value ? `${escapeHtml(d.name)}: ${escapeHtml(format(d.value[0]))}` : '';
      }
    },
    xAxis: { type: 'value', scale: true, axisLabel: { formatter: format } },
    yAxis: { type: 'value', show: false, min: -1, max: 1 },
    series: [
      {
        name: 'Local authorities',
        type: 'scatter',
        symbolSize: 7,
        itemStyle: { color: 'rgba(74, 85, 96, 0.45)' },
        data: v.points.filter((p) => !chosen.has(p.code)).map((p, i) => ({ name: p.name, value: [p.value, ((i % 7) - 3) / 8] }))
      },
      {
        name: 'Chosen',
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 16,
        z: 5,
        itemStyle: { color: '#D55E00', borderColor: '#1f2a33', borderWidth: 1 },
        label: { show: true, position: 'top', formatter: (p: { name: string }) => p.name, color: '#1f2a33' },
        data: v.points.filter((p) => chosen.has(p.code)).map((p) => ({ name: p.name, value: [p.value, 0] })),
        markLine:
          v.england === null
            ? undefined
            : { symbol: 'none', silent: true, lineStyle: { color: '#0072B2', type: 'dashed' }, label: { formatter: 'England' }, data: [{ xAxis: v.england }] }
      }
    ]
  };
}
