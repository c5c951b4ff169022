/**
 * The pack's SPC charts at print size: tall enough (at least 45 mm), labels that cannot overlap, and
 * y ticks at round values with no limit value among them. Positions are read from the SVG text that
 * ECharts' server-side renderer writes (`transform="translate(x y)"` on each <text>).
 */
import { describe, expect, it } from 'vitest';
import { computeSpc, type SpcInput } from '../stats/spc';
import { CHART_FONT_PX, labelled, labelStep, labelWidth, niceAxis, spcSvg } from './chart-svg';
import type { PackChart } from './model';

const PX_PER_MM = 96 / 25.4;

function months(n: number, from = { y: 2022, m: 4 }): string[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from.y * 12 + from.m - 1 + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

function quarters(n: number, fy = 2022): string[] {
  return Array.from({ length: n }, (_, i) => {
    const y = fy + Math.floor(i / 4);
    return `${y}-${String((y + 1) % 100).padStart(2, '0')} Q${(i % 4) + 1}`;
  });
}

function chart(periods: string[], values: (i: number) => number, unit: PackChart['unit'], hidden: string[] = []): PackChart {
  const input: SpcInput[] = periods.map((period, i) => ({ period, value: values(i), complete: true, partial: false }));
  return { spc: computeSpc(input, { polarity: 'up' }), unit, hidden, grain: /Q/.test(periods[0]!) ? 'quarter' : 'month' };
}

interface Label {
  text: string;
  x: number;
  y: number;
  anchor: string;
}

function labels(svg: string): Label[] {
  return [...svg.matchAll(/<text[^>]*text-anchor="(\w+)"[^>]*transform="translate\(([\d.-]+) ([\d.-]+)\)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    anchor: m[1]!,
    x: Number(m[2]),
    y: Number(m[3]),
    text: m[4]!
  }));
}

function checkNoOverlap(svg: string): { x: Label[]; y: Label[] } {
  const width = Number(/<svg width="(\d+)"/.exec(svg)![1]);
  const height = Number(/<svg width="\d+" height="(\d+)"/.exec(svg)![1]);
  expect(height / PX_PER_MM).toBeGreaterThanOrEqual(45); // at least 45 mm tall as printed (1 CSS px = 1/96 in)
  const all = labels(svg);
  const x = all.filter((l) => l.anchor === 'middle').sort((a, b) => a.x - b.x);
  const y = all.filter((l) => l.anchor === 'end').sort((a, b) => a.y - b.y);
  for (let i = 1; i < x.length; i++) {
    const gap = x[i]!.x - x[i - 1]!.x - (labelWidth(x[i]!.text) + labelWidth(x[i - 1]!.text)) / 2;
    expect(gap, `${x[i - 1]!.text} / ${x[i]!.text}`).toBeGreaterThanOrEqual(CHART_FONT_PX / 2);
  }
  for (const l of x) {
    expect(l.x - labelWidth(l.text) / 2).toBeGreaterThanOrEqual(0);
    expect(l.x + labelWidth(l.text) / 2).toBeLessThanOrEqual(width);
  }
  for (let i = 1; i < y.length; i++) expect(y[i]!.y - y[i - 1]!.y).toBeGreaterThanOrEqual(CHART_FONT_PX * 1.5);
  return { x, y };
}

describe('axis labels', () => {
  it('labels months on the financial year, as sparsely as the width needs', () => {
    // "Sep 2022" is about 43 px at 10 px; 48 months over 274 px: 5.7 px each; 6 months = 34 px (too
    // close), 12 months = 68.5 px (enough): a label each April
    expect(labelStep(months(48), 274)).toBe(12);
    expect(labelStep(months(12), 274)).toBe(3); // 22.8 px each: every 3 months = 68.5 px
    expect(['2023-04', '2023-07', '2023-10', '2024-01', '2023-05'].map((p) => labelled(p, 3))).toEqual([true, true, true, true, false]);
    expect(['2023-04', '2024-01'].map((p) => labelled(p, 12))).toEqual([true, false]);
    expect(['2023-24 Q1', '2023-24 Q3', '2023-24 Q2'].map((p) => labelled(p, 2))).toEqual([true, true, false]);
  });
  it('puts y ticks at round values: 0 to a round top for rates, never above 100%', () => {
    expect(niceAxis(0.094, 0.55, 'rate')).toEqual({ min: 0, max: 0.6, interval: 0.2 });
    expect(niceAxis(0.6, 1.27, 'rate')).toEqual({ min: 0, max: 1, interval: 0.5 });
    expect(niceAxis(0.011, 0.058, 'rate')).toEqual({ min: 0, max: 0.06, interval: 0.02 });
    expect(niceAxis(33, 141, 'count')).toEqual({ min: 0, max: 150, interval: 50 });
    expect(niceAxis(0, 0, 'duration')).toEqual({ min: 0, max: 1, interval: 1 });
  });
});

describe('the printed chart', () => {
  it('48 months of a rate: four April labels, round percentage ticks, no limit value on the axis', () => {
    // values 20%, 21%, ... 24% repeating: mean 22%, limits well inside 0-30%
    const svg = spcSvg(chart(months(48), (i) => 0.2 + 0.01 * (i % 5), 'rate'));
    const { x, y } = checkNoOverlap(svg);
    expect(x.map((l) => l.text)).toEqual(['Apr 2022', 'Apr 2023', 'Apr 2024', 'Apr 2025']);
    expect(y.map((l) => l.text).reverse()).toEqual(['0%', '10%', '20%', '30%']);
  });
  it('16 quarters of a count and 36 months of a duration: labels apart', () => {
    const q = checkNoOverlap(spcSvg(chart(quarters(16), (i) => 100 + 7 * i, 'count')));
    expect(q.x.map((l) => l.text)).toEqual(['2022-23 Q1', '2023-24 Q1', '2024-25 Q1', '2025-26 Q1']);
    const d = checkNoOverlap(spcSvg(chart(months(36, { y: 2023, m: 1 }), (i) => 3 + (i % 4), 'duration', ['2023-05'])));
    expect(d.x.map((l) => l.text)).toEqual(['Apr 2023', 'Apr 2024', 'Apr 2025']);
  });
  it('a short series keeps every label, unrotated', () => {
    const { x } = checkNoOverlap(spcSvg(chart(months(5), (i) => 0.5 + 0.02 * i, 'rate')));
    expect(x.map((l) => l.text)).toEqual(['Apr 2022', 'May 2022', 'Jun 2022', 'Jul 2022', 'Aug 2022']);
  });
});
