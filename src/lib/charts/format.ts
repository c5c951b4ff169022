/** Number and text formatting shared by charts, tables and tiles (one rule: stats/narrative). */
import { formatValue as sayValue } from '../stats/narrative';

export type Unit = 'rate' | 'count' | 'duration';

/** A value as shown: "21.4%", "1,234", "12 working days"; "–" when there is none. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return sayValue(value, unit);
}

/** Escape text from the data before it reaches any HTML (ECharts tooltips render HTML). */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
