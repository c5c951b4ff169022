/** RFC 4180 CSV lines: comma separated, a field quoted only when it holds a comma, quote or line break. */
export type Cell = string | number | boolean | null;

export function csvField(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}
