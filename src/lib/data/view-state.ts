/**
 * What a view shows, held in the URL so any view can be bookmarked and shared: period range,
 * locality, agency, neglect cases only, grain, publication (suppressed) form, SPC baseline and
 * recalculation points, run length, and the breakdown chosen per measure. Pure parse/serialise, no
 * browser APIs. Every page parses the address once, through `viewOf`.
 */
import type { MetricFilters } from '$lib/metrics/compute';

export interface ViewState {
  from: string | null;
  to: string | null;
  locality: string[];
  agency: string[];
  neglect: boolean;
  grain: 'quarter' | 'month';
  publication: boolean;
  /** SPC: limits computed from this period on (e.g. the quarter the neglect strategy began). */
  baseline: string | null;
  /** SPC: periods from which limits are recalculated (a marked change). */
  changes: string[];
  runLength: 6 | 7;
  /** The breakdown chosen for each measure on the page (measure id -> dimension), `by=measure:dimension`. */
  breakdown: Record<string, string>;
}

export const DEFAULT_VIEW: ViewState = {
  from: null,
  to: null,
  locality: [],
  agency: [],
  neglect: false,
  grain: 'month',
  publication: false,
  baseline: null,
  changes: [],
  runLength: 7,
  breakdown: {}
};

const PERIOD = /^(\d{4}-\d{2} Q[1-4]|\d{4}-\d{2})$/;

function list(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function period(params: URLSearchParams, key: string): string | null {
  const v = params.get(key);
  return v && PERIOD.test(v) ? v : null;
}

export function parseView(params: URLSearchParams): ViewState {
  return {
    from: period(params, 'from'),
    to: period(params, 'to'),
    locality: list(params, 'locality'),
    agency: list(params, 'agency'),
    neglect: params.get('neglect') === '1',
    // monthly by default: Making Data Count judges variation on monthly values where there are any
    grain: params.get('grain') === 'quarter' ? 'quarter' : 'month',
    publication: params.get('pub') === '1',
    baseline: period(params, 'baseline'),
    changes: list(params, 'change').filter((p) => PERIOD.test(p)),
    runLength: params.get('run') === '6' ? 6 : 7,
    breakdown: Object.fromEntries(
      list(params, 'by')
        .map((v) => v.split(':'))
        .filter((kv): kv is [string, string] => kv.length === 2 && /^[a-z0-9_]+$/.test(kv[0]!) && /^[a-z0-9_]+$/.test(kv[1]!))
    )
  };
}

export function serialiseView(v: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  for (const l of v.locality) p.append('locality', l);
  for (const a of v.agency) p.append('agency', a);
  if (v.neglect) p.set('neglect', '1');
  if (v.grain !== 'month') p.set('grain', v.grain);
  if (v.publication) p.set('pub', '1');
  if (v.baseline) p.set('baseline', v.baseline);
  for (const c of v.changes) p.append('change', c);
  if (v.runLength !== 7) p.set('run', String(v.runLength));
  for (const [m, d] of Object.entries(v.breakdown).sort()) p.append('by', `${m}:${d}`);
  return p;
}

/**
 * The metric filters a view applies to one metric: only the dimensions that metric allows (a
 * training count has no neglect flag), so a filter never silently empties a chart it cannot apply to.
 * `ignored` lists the filters left out, for the page to say so.
 */
export function filtersFor(v: ViewState, dimensions: readonly string[]): { filters: MetricFilters; ignored: string[] } {
  const filters: MetricFilters = {};
  const ignored: string[] = [];
  if (v.from) filters.from = v.from;
  if (v.to) filters.to = v.to;
  if (v.locality.length) {
    if (dimensions.includes('locality')) filters.locality = v.locality;
    else ignored.push('locality');
  }
  if (v.agency.length) {
    if (dimensions.includes('agency')) filters.agency = v.agency;
    else ignored.push('agency');
  }
  if (v.neglect) {
    if (dimensions.includes('neglect')) filters.neglect = true;
    else ignored.push('neglect cases only');
  }
  return { filters, ignored };
}

/** The one parsed view state of a page: the address's query, or the default while prerendering. */
export function viewOf(url: URL | null): ViewState {
  return parseView(url ? url.searchParams : new URLSearchParams());
}

/** The address of a page with a view state (e.g. a tile's link keeps the overview's filters). */
export function hrefOf(path: string, v: ViewState): string {
  const q = serialiseView(v).toString();
  return q ? `${path}?${q}` : path;
}
