/** Number and text formatting shared by charts, tables and tiles. */
export type Unit = 'rate' | 'count' | 'duration';

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (unit === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'duration') return `${Number.isInteger(value) ? value : value.toFixed(1)} wd`;
  return Math.round(value).toLocaleString('en-GB');
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
