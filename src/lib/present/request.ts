/**
 * What one presented measure is asked for, derived from the one parsed view state of the page:
 * measure, grain shown, breakdown, filters (only those the measure allows; the others are listed as
 * not applicable), publication form and SPC settings. The engine question (which rows) is derived
 * from the request, and so is its cache key: no consumer writes a key by hand.
 */
import type { Grain, MetricDef, MetricFilters } from '$lib/metrics/types';
import { filtersFor, type ViewState } from '$lib/data/view-state';
import { CHILD_DIMENSIONS } from '$lib/metrics/types';

export interface PresentRequest {
  measure: string;
  /** The grain the chart and table show (a measure with one grain always shows that one). */
  grain: Grain;
  /** True when the view asked for a grain this measure does not have. */
  grainFallback: boolean;
  /** The breakdown shown, or null. */
  dimension: string | null;
  /** Dimensions this measure can be broken down by with this extract. */
  dimensions: string[];
  filters: MetricFilters;
  /** Filters in the view that do not apply to this measure, in words. */
  ignored: string[];
  publication: boolean;
  spc: { baseline: string | null; changes: string[]; runLength: 6 | 7 };
  target: number | null;
}

export function requestFor(
  def: Pick<MetricDef, 'id' | 'grains' | 'dimensions'>,
  view: ViewState,
  hasChildren: boolean,
  opts: { target?: number | null; grain?: Grain; unrecorded?: readonly string[] } = {}
): PresentRequest {
  // a breakdown by a field the source does not record is not produced (imports.md; present/not-in-source)
  const dimensions: string[] = def.dimensions.filter(
    (d) => (hasChildren || !(CHILD_DIMENSIONS as readonly string[]).includes(d)) && !(opts.unrecorded ?? []).includes(d)
  );
  const wanted = opts.grain ?? view.grain;
  const grain = def.grains.includes(wanted) ? wanted : (def.grains[0] ?? 'quarter');
  const { filters, ignored } = filtersFor(view, dimensions);
  const chosen = view.breakdown[def.id] ?? null;
  return {
    measure: def.id,
    grain,
    grainFallback: grain !== wanted,
    dimension: chosen && dimensions.includes(chosen) ? chosen : null,
    dimensions,
    filters,
    ignored,
    publication: view.publication,
    spc: { baseline: view.baseline, changes: view.changes, runLength: view.runLength },
    target: opts.target ?? null
  };
}

/** Rows the engine is asked for: one or more measures, grains, breakdowns and filters. */
export interface RowsQuery {
  ids: string[];
  grains: Grain[];
  /** false: overall rows only; a list: those dimensions too; true: every dimension. */
  breakdowns: boolean | string[];
  filters: MetricFilters;
  /** The full row set (every metric, grain and breakdown) and its publication form: see publicationQuery. */
  publication?: boolean;
}

/**
 * In the publication form every measure asks the same question: the full row set of the extract
 * under the filters in force (as `npm run metrics -- --publication` computes it), so that its
 * suppressed form is worked out once, over every relation a reader could use, and every page, tile,
 * download and the action plan read their cells from that one form (one cache key per filters).
 */
export function publicationQuery(filters: MetricFilters): RowsQuery {
  return { ids: [], grains: ['quarter', 'month'], breakdowns: true, filters, publication: true };
}

/**
 * The rows one presented measure needs: overall rows by quarter (the headline) and by month (SPC),
 * plus its breakdown at the grain shown. In the publication form every breakdown is asked for, so
 * the suppressed form is worked out over the same row set whatever breakdown is on screen.
 * `batch`: other measures that share the same overall question (one engine pass for all).
 */
export function rowsQueryOf(req: PresentRequest, batch: readonly string[] = [req.measure]): RowsQuery {
  if (req.publication) return publicationQuery(req.filters);
  const own = req.dimension !== null;
  return {
    ids: own ? [req.measure] : [...batch],
    grains: ['quarter', 'month'],
    breakdowns: req.publication ? true : req.dimension ? [req.dimension] : false,
    filters: req.filters
  };
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])])
    );
  }
  return v;
}

/** The cache key of a rows query: its canonical JSON (key order and list order of ids ignored). */
export function rowsKey(q: RowsQuery): string {
  return 'rows:' + JSON.stringify(canonical({ ...q, ids: [...q.ids].sort() }));
}

/**
 * The measures of a page that can share one engine pass: those asking for overall rows only with the
 * same grains and filters. Returns, for each measure, the ids of its batch (itself when alone).
 */
export function batchesOf(requests: readonly PresentRequest[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const keyOf = new Map<string, string>();
  for (const r of requests) {
    const q = rowsQueryOf(r);
    const key = q.ids.length === 1 && (r.dimension !== null || r.publication) ? `own:${r.measure}` : rowsKey({ ...q, ids: [] });
    keyOf.set(r.measure, key);
    groups.set(key, [...(groups.get(key) ?? []), r.measure]);
  }
  return new Map(requests.map((r) => [r.measure, groups.get(keyOf.get(r.measure)!)!]));
}
