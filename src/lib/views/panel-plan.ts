/**
 * What each measure's panel asks for, given the view: its grain, the dimensions it allows, the
 * filters that apply to it, and the batch of measures on the page that share that question, so a
 * page asks the engine once per batch (one fused pass) instead of once per panel.
 */
import type { MetricDef } from '$lib/metrics/types';
import type { MetricFilters } from '$lib/metrics/compute';
import { filtersFor, type ViewState } from '$lib/data/view-state';

const CHILD_DIMENSIONS = ['locality', 'age_band', 'sex', 'ethnicity', 'disability', 'imd_quintile'];

export interface PanelPlan {
  grain: 'quarter' | 'month';
  dims: string[];
  filters: MetricFilters;
  ignored: string[];
  /** Same for every measure that can share one engine call. */
  batchKey: string;
}

export function panelPlan(def: Pick<MetricDef, 'grains' | 'dimensions'>, view: ViewState, hasChildren: boolean): PanelPlan {
  const dims = def.dimensions.filter((d) => hasChildren || !CHILD_DIMENSIONS.includes(d));
  const grain = def.grains.includes(view.grain) ? view.grain : 'quarter';
  const { filters, ignored } = filtersFor(view, dims);
  return { grain, dims, filters, ignored, batchKey: JSON.stringify([grain, filters]) };
}

/** The ids of the measures that share each batch key, in page order. */
export function batches(defs: readonly Pick<MetricDef, 'id' | 'grains' | 'dimensions'>[], view: ViewState, hasChildren: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of defs) {
    const key = panelPlan(d, view, hasChildren).batchKey;
    out.set(key, [...(out.get(key) ?? []), d.id]);
  }
  return out;
}
