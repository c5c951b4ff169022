/**
 * Funnel plot limits: where a unit's proportion would fall by chance alone, given its denominator,
 * if every unit shared the partnership's rate p. Binomial normal approximation:
 *   p ± z · sqrt(p (1 − p) / n),  z = 1.959964 (95%) and 3.090232 (99.8%),
 * clamped to [0, 1]. Pure functions, tested against values worked by hand.
 */
export const Z95 = 1.959964;
export const Z998 = 3.090232;

export interface Limits {
  lower: number;
  upper: number;
}

/** Limits at denominator n (> 0) around p for one z. */
export function funnelLimits(p: number, n: number, z: number): Limits {
  if (!(n > 0)) throw new Error(`A funnel limit needs a denominator above 0 (got ${n}).`);
  if (!(p >= 0 && p <= 1)) throw new Error(`A funnel limit needs a proportion from 0 to 1 (got ${p}).`);
  const half = z * Math.sqrt((p * (1 - p)) / n);
  return { lower: Math.max(0, p - half), upper: Math.min(1, p + half) };
}

export type Band = 'within 95%' | 'above 95%' | 'below 95%' | 'above 99.8%' | 'below 99.8%';

export interface FunnelUnit {
  group: string;
  numerator: number;
  denominator: number;
}

export interface FunnelPoint extends FunnelUnit {
  value: number;
  l95: Limits;
  l998: Limits;
  band: Band;
}

/** Where one unit sits: outside 99.8% first, then outside 95%, else within. */
export function bandOf(value: number, l95: Limits, l998: Limits): Band {
  if (value > l998.upper) return 'above 99.8%';
  if (value < l998.lower) return 'below 99.8%';
  if (value > l95.upper) return 'above 95%';
  if (value < l95.lower) return 'below 95%';
  return 'within 95%';
}

/** Every unit with a denominator above 0, placed against p. */
export function funnelPoints(p: number, units: readonly FunnelUnit[]): FunnelPoint[] {
  return units
    .filter((u) => u.denominator > 0)
    .map((u) => {
      const value = u.numerator / u.denominator;
      const l95 = funnelLimits(p, u.denominator, Z95);
      const l998 = funnelLimits(p, u.denominator, Z998);
      return { ...u, value, l95, l998, band: bandOf(value, l95, l998) };
    });
}

export interface FunnelCurve {
  n: number[];
  lower95: number[];
  upper95: number[];
  lower998: number[];
  upper998: number[];
}

/** The limit lines from n = 1 to nMax, at `steps` denominators spaced evenly on a square-root scale. */
export function funnelCurve(p: number, nMax: number, steps = 60): FunnelCurve {
  const out: FunnelCurve = { n: [], lower95: [], upper95: [], lower998: [], upper998: [] };
  const top = Math.max(2, nMax);
  for (let i = 0; i <= steps; i++) {
    const n = Math.max(1, (1 + ((Math.sqrt(top) - 1) * i) / steps) ** 2);
    const a = funnelLimits(p, n, Z95);
    const b = funnelLimits(p, n, Z998);
    out.n.push(n);
    out.lower95.push(a.lower);
    out.upper95.push(a.upper);
    out.lower998.push(b.lower);
    out.upper998.push(b.upper);
  }
  return out;
}
