/**
 * The national picture from DfE's published figures (data/dfe/, parsed into dfe.json at build
 * time): an authority's series beside England and its region, where it sits among all authorities,
 * and the national figure of a measure where the published table covers it.
 */
import { ATTRIBUTION, FIGURES, type Area, type DfeData, type Figure } from './parse';

export { ATTRIBUTION };
export type { Area, DfeData, Figure };

/** The published figures the dashboard's measures can be read beside. */
export const NATIONAL_MEASURES = [
  { figure: 'rereferral_share', metric: 'rereferral_12m', title: 'Re-referrals within 12 months', unit: 'rate' },
  { figure: 'nfa_share', metric: 'nfa_rate', title: 'Referrals ending in no further action', unit: 'rate' },
  { figure: 'rate', metric: null, title: 'Referral rate per 10,000 children', unit: 'per10k' }
] as const satisfies readonly { figure: Figure; metric: string | null; title: string; unit: 'rate' | 'per10k' }[];

/** The compact module, loaded on demand (kept out of pages that do not need it). */
export async function loadDfe(): Promise<DfeData> {
  return (await import('./dfe.json')).default as DfeData;
}

export function figureOf(area: Area, year: number, figure: Figure): number | null {
  return area.years[String(year)]?.[FIGURES.indexOf(figure)] ?? null;
}

export function latestYear(data: DfeData): number {
  return data.years.at(-1)!;
}

export function england(data: DfeData): Area {
  return data.areas.find((a) => a.level === 'national')!;
}

export function areaByCode(data: DfeData, code: string): Area | undefined {
  return data.areas.find((a) => a.code === code && a.level === 'la') ?? data.areas.find((a) => a.code === code);
}

export function regionOf(data: DfeData, la: Area): Area | undefined {
  return data.areas.find((a) => a.level === 'regional' && a.code === la.region);
}

/** Local authorities, by name. */
export function authorities(data: DfeData): Area[] {
  return data.areas.filter((a) => a.level === 'la').sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

export function series(data: DfeData, area: Area, figure: Figure): { year: number; value: number | null }[] {
  return data.years.map((year) => ({ year, value: figureOf(area, year, figure) }));
}

export interface StripPoint {
  code: string;
  name: string;
  value: number;
}

/** Every authority with a published value in `year`, lowest first (unknowns left out). */
export function strip(data: DfeData, figure: Figure, year = latestYear(data)): StripPoint[] {
  return data.areas
    .filter((a) => a.level === 'la')
    .flatMap((a) => {
      const v = figureOf(a, year, figure);
      return v === null ? [] : [{ code: a.code, name: a.name, value: v }];
    })
    .sort((a, b) => a.value - b.value || a.name.localeCompare(b.name, 'en-GB'));
}

/**
 * Where a value sits among the strip: how many authorities are lower and how many equal it, in
 * words ("12th lowest of 150", ties sharing the lower rank). null when the authority has no value.
 */
export function position(points: readonly StripPoint[], code: string): { rank: number; of: number; words: string } | null {
  const me = points.find((p) => p.code === code);
  if (!me) return null;
  const rank = points.filter((p) => p.value < me.value).length + 1;
  const th = (n: number) => (n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return { rank, of: points.length, words: `${rank}${th(rank)} lowest of ${points.length}` };
}

export interface NationalFigure {
  value: number;
  /** e.g. "England 2022-23, DfE children in need" */
  label: string;
  year: number;
}

/**
 * The England figure of a dashboard measure from the published table, for the latest year that has
 * one (null when the table does not cover the measure). Year 2023 is the year ending 31 March 2023.
 */
export function nationalFigure(data: DfeData, metricId: string): NationalFigure | null {
  const m = NATIONAL_MEASURES.find((x) => x.metric === metricId);
  if (!m) return null;
  const e = england(data);
  for (const year of [...data.years].reverse()) {
    const v = figureOf(e, year, m.figure);
    if (v !== null) return { value: v, year, label: `England ${year - 1}-${String(year).slice(2)}, DfE children in need` };
  }
  return null;
}
