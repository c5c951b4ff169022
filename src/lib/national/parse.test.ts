/**
 * The national picture against the published CSV (data/dfe/): the shipped module is exactly the
 * parse of the file, and hand-picked figures (read off the CSV by eye) for two named authorities,
 * their regions and England come out as published; suppression markers are unknown, not zero.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dfeNumber, parseDfeC1 } from './parse';
import shipped from './dfe.json';
import englandShipped from './england.json';
import { metricById } from '../metrics/registry';
import { areaByCode, authorities, england, figureOf, nationalFigure, position, regionOf, series, strip, type DfeData } from './index';

const data = parseDfeC1(readFileSync('data/dfe/dfe-c1-referrals-rereferrals-2013-2023.csv', 'utf8'));
const LEEDS = 'E08000035';
const CORNWALL = 'E06000052';

describe('parse', () => {
  it('ships exactly the parse of the CSV', () => {
    expect(shipped).toEqual(JSON.parse(JSON.stringify(data)));
  });
  it("gives the registry's national figures where the table covers them (England 2022-23, read off the CSV)", () => {
    // CSV, 2023 National row: Re_referrals_percent 22.4, No_Further_Action_percent 7.1
    expect(englandShipped.rereferral_12m.value).toBe(0.224);
    expect(englandShipped.nfa_rate.value).toBe(0.071);
    expect(metricById('rereferral_12m')?.benchmark).toEqual({ value: 0.224, label: 'England 2022-23, DfE children in need (table C1)' });
    expect(metricById('nfa_rate')?.benchmark?.value).toBe(0.071);
  });
  it('holds England, 11 regional rows (9 regions, and London split into Inner and Outer) and 156 authorities for 2013-2023', () => {
    expect(data.years).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    expect(data.areas.filter((a) => a.level === 'national')).toHaveLength(1);
    expect(data.areas.filter((a) => a.level === 'regional')).toHaveLength(11);
    expect(authorities(data).length).toBe(156);
  });
  it('reads DfE markers as unknown', () => {
    for (const m of ['c', 'x', 'z', '..', '', ':', 'low']) expect(dfeNumber(m)).toBeNull();
    expect(dfeNumber('0')).toBe(0);
    expect(dfeNumber('14.6')).toBe(14.6);
  });
});

describe('two named authorities, as published', () => {
  it('Leeds (Yorkshire and The Humber)', () => {
    const leeds = areaByCode(data, LEEDS)!;
    expect(leeds.name).toBe('Leeds');
    // 2023 row: Referrals 10950, rate 642, Re_referrals 3071 (28%), NFA 1598 (14.6%)
    expect(leeds.years['2023']).toEqual([10950, 642, 3071, 0.28, 1598, 0.146]);
    // 2013 row: rate 690.6, re-referrals 30.3%, NFA 13%
    expect(figureOf(leeds, 2013, 'rate')).toBe(690.6);
    expect(figureOf(leeds, 2013, 'rereferral_share')).toBeCloseTo(0.303, 12);
    expect(figureOf(leeds, 2013, 'nfa_share')).toBe(0.13);
    const region = regionOf(data, leeds)!;
    expect(region.name).toBe('Yorkshire and The Humber');
    expect(figureOf(region, 2023, 'rereferral_share')).toBeCloseTo(0.221, 12);
    expect(figureOf(region, 2023, 'rate')).toBe(573.8);
  });
  it('Cornwall (South West): a published 0 NFA is zero, not unknown', () => {
    const c = areaByCode(data, CORNWALL)!;
    expect(c.name).toBe('Cornwall');
    expect(c.years['2023']).toEqual([7050, 672.1, 1647, 0.234, 0, 0]);
    expect(series(data, c, 'rate').slice(0, 1)).toEqual([{ year: 2013, value: 352.9 }]);
    expect(regionOf(data, c)!.name).toBe('South West');
  });
  it('a suppressed cell (Redcar and Cleveland NFA 2023: c) is unknown and left off the strip', () => {
    const r = authorities(data).find((a) => a.name === 'Redcar and Cleveland')!;
    expect(figureOf(r, 2023, 'nfa_share')).toBeNull();
    expect(figureOf(r, 2023, 'rate')).toBe(669.4);
    expect(strip(data, 'nfa_share').some((p) => p.code === r.code)).toBe(false);
  });
  it('England 2023: 544.5 per 10,000, 22.4% re-referred, 7.1% NFA', () => {
    expect(england(data).years['2023']).toEqual([640430, 544.5, 143770, 0.224, 45340, 0.071]);
  });
});

describe('national figure and position', () => {
  it('gives the overview its England figures where the table covers the measure', () => {
    expect(nationalFigure(data as DfeData, 'rereferral_12m')).toEqual({ value: 0.224, year: 2023, label: 'England 2022-23, DfE children in need' });
    expect(nationalFigure(data, 'nfa_rate')).toEqual({ value: 0.071, year: 2023, label: 'England 2022-23, DfE children in need' });
    expect(nationalFigure(data, 'decision_wd')).toBeNull();
  });
  it('places an authority among all of them', () => {
    const pts = [
      { code: 'a', name: 'A', value: 0.1 },
      { code: 'b', name: 'B', value: 0.2 },
      { code: 'c', name: 'C', value: 0.2 },
      { code: 'd', name: 'D', value: 0.3 }
    ];
    expect(position(pts, 'c')).toEqual({ rank: 2, of: 4, words: '2nd lowest of 4' });
    expect(position(pts, 'd')?.words).toBe('4th lowest of 4');
    expect(position(pts, 'x')).toBeNull();
  });
});
