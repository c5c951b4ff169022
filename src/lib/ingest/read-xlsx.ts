/** Decode an XLSX workbook in JavaScript (@e965/xlsx) into one text sheet per worksheet. */
import * as XLSX from '@e965/xlsx';
import { dateForField, numberText } from './cells';
import type { DecodedSheet } from './read-parquet';

export interface XlsxSheet extends DecodedSheet {
  sheet: string;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function cellText(cell: XLSX.CellObject | undefined, monthField: boolean): string | null {
  if (!cell) return null;
  switch (cell.t) {
    case 'z':
      return null;
    case 's':
      return cell.v === undefined || cell.v === null ? null : String(cell.v);
    case 'b':
      return cell.v ? 'true' : 'false';
    case 'e':
      return cell.w ?? '#ERROR';
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      const text = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      return dateForField(text, monthField);
    }
    case 'n': {
      const v = cell.v as number;
      if (cell.z !== undefined && XLSX.SSF.is_date(String(cell.z))) {
        // an Excel date or timestamp has no time zone: it keeps its own date
        const p = XLSX.SSF.parse_date_code(v);
        return dateForField(`${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`, monthField);
      }
      return numberText(v);
    }
    default:
      return cell.v === undefined ? null : String(cell.v);
  }
}

/**
 * Every worksheet: first row of its range is the header; row numbers are the sheet's (first data
 * row = 2 when the sheet starts at A1). Rows with no cell at all are skipped.
 */
export function readXlsx(bytes: Uint8Array, isMonthColumn: (sheet: string, header: string) => boolean): XlsxSheet[] {
  const wb = XLSX.read(bytes, { type: 'array', cellDates: false, cellNF: true, cellFormula: false, dense: true });
  const out: XlsxSheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const ref = ws?.['!ref'];
    const data = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] } | undefined)?.['!data'];
    if (!ws || !ref || !data) {
      out.push({ sheet: name, headers: [], columns: [], lines: [] });
      continue;
    }
    const range = XLSX.utils.decode_range(ref);
    const headerRow = data[range.s.r] ?? [];
    const headers: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) headers.push(cellText(headerRow[c], false) ?? '');
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    const month = headers.map((h) => isMonthColumn(name, h));
    const columns: (string | null)[][] = headers.map(() => []);
    const lines: number[] = [];
    for (let r = range.s.r + 1; r <= range.e.r; r++) {
      const row = data[r];
      if (!row) continue;
      const texts = headers.map((_, k) => cellText(row[range.s.c + k], month[k] ?? false));
      if (texts.every((t) => t === null || t === '')) continue;
      texts.forEach((t, k) => columns[k]!.push(t));
      lines.push(r + 1);
    }
    out.push({ sheet: name, headers, columns, lines });
  }
  return out;
}
