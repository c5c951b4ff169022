/** Funnel limits against values worked by hand (p ± z·sqrt(p(1−p)/n)). */
import { describe, expect, it } from 'vitest';
import { bandOf, funnelCurve, funnelLimits, funnelPoints, Z95, Z998 } from './funnel';

describe('funnelLimits', () => {
  it('p = 0.2, n = 100: sqrt(0.16/100) = 0.04', () => {
    // 95%: 1.959964 × 0.04 = 0.07839856; 99.8%: 3.090232 × 0.04 = 0.12360928
    const a = funnelLimits(0.2, 100, Z95);
    expect(a.lower).toBeCloseTo(0.12160144, 12);
    expect(a.upper).toBeCloseTo(0.27839856, 12);
    const b = funnelLimits(0.2, 100, Z998);
    expect(b.lower).toBeCloseTo(0.07639072, 12);
    expect(b.upper).toBeCloseTo(0.32360928, 12);
  });
  it('p = 0.5, n = 25: sqrt(0.25/25) = 0.1', () => {
    expect(funnelLimits(0.5, 25, Z95)).toEqual({ lower: expect.closeTo(0.3040036, 12), upper: expect.closeTo(0.6959964, 12) });
    expect(funnelLimits(0.5, 25, Z998)).toEqual({ lower: expect.closeTo(0.1909768, 12), upper: expect.closeTo(0.8090232, 12) });
  });
  it('clamps to 0 and 1: p = 0.05, n = 10 (half-width 1.959964 × 0.0689202 = 0.1350812)', () => {
    const a = funnelLimits(0.05, 10, Z95);
    expect(a.lower).toBe(0);
    expect(a.upper).toBeCloseTo(0.1850812, 6);
    expect(funnelLimits(0.95, 10, Z95).upper).toBe(1);
  });
  it('p = 0 or 1 has no spread; a denominator of 0 is refused', () => {
    expect(funnelLimits(0, 50, Z95)).toEqual({ lower: 0, upper: 0 });
    expect(() => funnelLimits(0.2, 0, Z95)).toThrow(/denominator/);
  });
});

describe('funnelPoints', () => {
  it('places each unit: p = 0.2 and n = 100 limits as above', () => {
    const pts = funnelPoints(0.2, [
      { group: 'A', numerator: 20, denominator: 100 }, // 0.20 within
      { group: 'B', numerator: 30, denominator: 100 }, // 0.30 > 0.2784 but < 0.3236: above 95%
      { group: 'C', numerator: 35, denominator: 100 }, // 0.35 > 0.3236: above 99.8%
      { group: 'D', numerator: 10, denominator: 100 }, // 0.10 < 0.1216, > 0.0764: below 95%
      { group: 'E', numerator: 7, denominator: 100 }, // 0.07 < 0.0764: below 99.8%
      { group: 'F', numerator: 0, denominator: 0 } // no denominator: left out
    ]);
    expect(pts.map((p) => [p.group, p.band])).toEqual([
      ['A', 'within 95%'],
      ['B', 'above 95%'],
      ['C', 'above 99.8%'],
      ['D', 'below 95%'],
      ['E', 'below 99.8%']
    ]);
  });
  it('a point on a limit is within it', () => {
    expect(bandOf(0.5, { lower: 0.4, upper: 0.5 }, { lower: 0.3, upper: 0.6 })).toBe('within 95%');
  });
});

describe('funnelCurve', () => {
  it('runs from n = 1 to n max and narrows', () => {
    const c = funnelCurve(0.5, 400, 10);
    expect(c.n[0]).toBe(1);
    expect(c.n.at(-1)).toBeCloseTo(400, 9);
    // at n = 400: 0.5 ± 1.959964 × 0.025 = 0.5 ± 0.0489991
    expect(c.upper95.at(-1)).toBeCloseTo(0.5489991, 9);
    expect(c.upper998[0]).toBe(1); // n = 1: 0.5 + 1.545116 clamped
  });
});
