/**
 * One marker language for every chart, and the key that says it: each kind of point has one shape,
 * one colour and one sentence. Charts draw from this table and keys are written from it, so a key
 * can only name what a chart draws.
 */
import { MDC_COLOURS } from '$lib/stats/spc';
import type { Agency } from '$lib/contract/agencies';

export type MarkerKind = 'common' | 'improvement' | 'concern' | 'neither' | 'left_out';

export interface Marker {
  /** ECharts symbol. */
  symbol: 'circle' | 'triangle' | 'diamond' | 'rect' | 'emptyCircle';
  fill: string;
  /** What the key says. */
  key: string;
}

export const MARKERS: Record<MarkerKind, Marker> = {
  common: { symbol: 'circle', fill: MDC_COLOURS.common_cause, key: 'Grey circle: common cause (ordinary ups and downs)' },
  improvement: { symbol: 'triangle', fill: MDC_COLOURS.improvement, key: 'Blue triangle: special cause, improvement' },
  concern: { symbol: 'diamond', fill: MDC_COLOURS.concern, key: 'Orange diamond: special cause, concern' },
  neither: { symbol: 'rect', fill: MDC_COLOURS.neither, key: 'Purple square: special cause, neither better nor worse' },
  left_out: {
    // a white-filled circle with a dark ring: ECharts' own 'emptyCircle' strokes in the fill colour,
    // which made these points invisible on screen (the pack found it first)
    symbol: 'circle',
    fill: '#ffffff',
    key: 'Hollow circle: left out of the limits (period not yet over, or its follow-up or look-back window not complete)'
  }
};

export const LINE_KEY = {
  value: 'Blue line: the value',
  mean: 'Solid grey line: the mean',
  limits: 'Dashed grey lines: process limits',
  trial: 'Dotted grey lines: trial limits (fewer than 12 points)',
  gap: 'Gap in the line: suppressed (c)'
} as const;

/**
 * A fixed colour per agency of the contract's enum, the same in every extract and every chart
 * (Okabe-Ito colours, darkened where needed for contrast on white; greys for the non-professional
 * sources). Groups are also told apart by marker shape and decal, never by colour alone.
 */
export const AGENCY_COLOURS: Record<Agency, string> = {
  police: '#0072B2',
  health: '#009E73',
  education: '#E69F00',
  early_years: '#56B4E9',
  social_care: '#D55E00',
  early_help: '#CC79A7',
  housing: '#8A6D00',
  voluntary: '#00429D',
  public: '#404040',
  anonymous: '#7A7A7A',
  other: '#A8A8A8',
  unknown: '#CFCFCF'
};

/** Colour-blind-safe palette for groups that are not agencies (in order of first appearance). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8A6D00', '#56B4E9', '#404040', '#E69F00'];
export const GROUP_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow'] as const;

/** The colour of a group: the agency's own where the dimension is agency, else by position. */
export function groupColour(dimension: string | null, key: string | null, index: number): string {
  if (dimension === 'agency' && key && key in AGENCY_COLOURS) return AGENCY_COLOURS[key as Agency];
  return PALETTE[index % PALETTE.length]!;
}
