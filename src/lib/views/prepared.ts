/**
 * Results of the overview computed at build time on native DuckDB by the same SQL (scripts/prepare.ts
 * writes prepared.json beside this file; it is a build artefact, not kept in git), shown at once
 * while the browser engine starts, then replaced by the live results. Without a build there is
 * nothing prepared and the charts simply wait for the engine.
 */
import type { ChartData } from './chart-data';

const files = import.meta.glob<Record<string, ChartData>>('./prepared.json', { eager: true, import: 'default' });
const table: Record<string, ChartData> = files['./prepared.json'] ?? {};

export function preparedRows(chartId: string): ChartData | null {
  return table[chartId] ?? null;
}
