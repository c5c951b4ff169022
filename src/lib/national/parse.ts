/**
 * Parse DfE's *Characteristics of children in need* table C1 (CSV, by local authority, region and
 * England) into a compact, typed form. DfE's suppression and missing markers (`c`, `x`, `z`, `..`,
 * `:`, `u`, `low`, empty) are read as unknown (null), never zero. Percentages become fractions.
 */

/** The figures kept per area and year, in this order. */
export const FIGURES = ['referrals', 'rate', 'rereferrals', 'rereferral_share', 'nfa', 'nfa_share'] as const;
export type Figure = (typeof FIGURES)[number];

export type Level = 'national' | 'regional' | 'la';

export interface Area {
  level: Level;
  code: string;
  name: string;
  /** Region code (regions and authorities), null for England. */
  region: string | null;
  /** Year (ending 31 March) -> figures in FIGURES order. */
  years: Record<string, (number | null)[]>;
}

export interface DfeData {
  source: string;
  licence: string;
  years: number[];
  areas: Area[];
}

export const ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education, Characteristics of children in need.';

/** One CSV line into fields (quotes honoured). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A DfE cell as a number, or null for a suppression or missing marker. */
export function dfeNumber(cell: string | undefined): number | null {
  const t = (cell ?? '').trim();
  if (t === '' || !/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const LEVELS: Record<string, Level> = { National: 'national', Regional: 'regional', 'Local authority': 'la' };
const COLUMNS: Record<Figure, [string, number]> = {
  referrals: ['Referrals', 1],
  rate: ['Referrals_rate', 1],
  rereferrals: ['Re_referrals', 1],
  rereferral_share: ['Re_referrals_percent', 100],
  nfa: ['No_Further_Action', 1],
  nfa_share: ['No_Further_Action_percent', 100]
};

export function parseDfeC1(text: string): DfeData {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.length > 0);
  const head = fields(lines[0] ?? '');
  const col = (name: string): number => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`DfE C1 file: no column "${name}" in the header`);
    return i;
  };
  const idx = {
    year: col('time_period'),
    level: col('geographic_level'),
    country: col('country_code'),
    regionCode: col('region_code'),
    regionName: col('region_name'),
    laCode: col('new_la_code'),
    laName: col('la_name')
  };
  const figureCols = FIGURES.map((f) => [col(COLUMNS[f][0]), COLUMNS[f][1]] as const);
  const areas = new Map<string, Area>();
  const years = new Set<number>();
  lines.slice(1).forEach((line, i) => {
    const f = fields(line);
    const level = LEVELS[f[idx.level] ?? ''];
    if (!level) throw new Error(`DfE C1 file, row ${i + 2}: unknown geographic_level "${f[idx.level]}"`);
    const year = String(f[idx.year]);
    years.add(Number(year));
    const code = level === 'national' ? f[idx.country]! : level === 'regional' ? f[idx.regionCode]! : f[idx.laCode]!;
    const name = level === 'national' ? 'England' : level === 'regional' ? f[idx.regionName]! : f[idx.laName]!;
    const key = `${level}|${code}`;
    const area = areas.get(key) ?? { level, code, name, region: level === 'national' ? null : f[idx.regionCode]!, years: {} };
    // names follow the latest year
    if (Number(year) >= Math.max(...Object.keys(area.years).map(Number), 0)) area.name = name;
    area.years[year] = figureCols.map(([c, div]) => {
      const v = dfeNumber(f[c]);
      // a percentage becomes the nearest double to the written fraction ('22.4' -> 0.224, not 22.4 / 100)
      return v === null ? null : div === 1 ? v : Number(`${f[c]!.trim()}e-2`);
    });
    areas.set(key, area);
  });
  return {
    source: 'Department for Education, Characteristics of children in need, table C1',
    licence: ATTRIBUTION,
    years: [...years].sort((a, b) => a - b),
    areas: [...areas.values()]
  };
}
