/**
 * Results of the overview computed at build time on native DuckDB by the same SQL (scripts/prepare.ts
 * writes prepared.json beside this file; it is a build artefact, not kept in git), shown at once
 * while the browser engine starts, then replaced by the live results. Without a build there is
 * nothing prepared and the charts simply wait for the engine.
 */
import type { ChartData } from './chart-data';
import type { RowsResult } from '$lib/present/queries';

/** The headline tiles of the demo's unfiltered overview: the engine question they answer and its rows. */
export interface PreparedTiles {
  /** the tiles query's key (rowsKey of each query, joined): shown only for that same question */
  key: string;
  /** the demo extract's tables, which decide the headline measures shown */
  present: string[];
  result: RowsResult;
}

interface PreparedFile {
  charts: Record<string, ChartData>;
  tiles: PreparedTiles | null;
}

const files = import.meta.glob<PreparedFile>('./prepared.json', { eager: true, import: 'default' });
const table: PreparedFile = files['./prepared.json'] ?? { charts: {}, tiles: null };

export function preparedRows(chartId: string): ChartData | null {
  return table.charts?.[chartId] ?? null;
}

export function preparedTiles(): PreparedTiles | null {
  return table.tiles ?? null;
}
