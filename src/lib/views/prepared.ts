/**
 * Results of the overview computed at build time on native DuckDB by the same SQL (scripts/prepare.ts),
 * shown at once while the browser engine starts, then replaced by the live results.
 */
import type { ChartData } from './chart-data';
import prepared from './prepared.json';

const table = prepared as unknown as Record<string, ChartData>;

export function preparedRows(chartId: string): ChartData | null {
  return table[chartId] ?? null;
}
