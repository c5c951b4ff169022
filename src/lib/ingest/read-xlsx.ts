/** Decode an XLSX workbook in JavaScript (@e965/xlsx) into one text sheet per worksheet. */
import * as XLSX from '@e965/xlsx';
import { dateForField, numberText } from './cells';
import type { DecodedSheet } from './read-parquet';

export interface XlsxSheet extends DecodedSheet {
  sheet: string;
}

/** Reason for a formula cell whose workbook holds no saved value (the cell would read as empty). */
export const FORMULA_NO_VALUE = 'formula with no saved value: open and save the workbook in Excel';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

type Cell = XLSX.CellObject | undefined | null;

interface ZipEntry {
  content?: Uint8Array | ArrayBuffer | string;
}

function partText(files: Record<string, ZipEntry> | undefined, path: string): string | null {
  const c = files?.[path.replace(/^\//, '')]?.content;
  if (c === undefined) return null;
  if (typeof c === 'string') return c;
  return new TextDecoder().decode(c instanceof Uint8Array ? c : new Uint8Array(c));
}

function attr(attrs: string, name: string): string | null {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;
}

/**
 * Per sheet name, the references of formula cells that carry no saved value (`<f>` without `<v>`).
 * The reader turns such a cell into an empty text or a FALSE, so they are found in the sheet's XML.
 */
function formulaCellsWithoutValue(files: Record<string, ZipEntry> | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const book = partText(files, 'xl/workbook.xml');
  const rels = partText(files, 'xl/_rels/workbook.xml.rels');
  if (!book || !rels) return out;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : 'xl/' + target);
  }
  for (const m of book.matchAll(/<(?:\w+:)?sheet\s([^>]*?)\/?>/g)) {
    const name = attr(m[1]!, 'name');
    const id = attr(m[1]!, 'r:id');
    const path = id ? targets.get(id) : undefined;
    if (!name || !path) continue;
    const xml = partText(files, path);
    if (!xml || !/<(?:\w+:)?f[\s>/]/.test(xml)) continue;
    const refs = new Set<string>();
    for (const c of xml.matchAll(/<((?:\w+:)?)c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/\1c>)/g)) {
      const inner = c[3] ?? '';
      if (!/<(?:\w+:)?f[\s>/]/.test(inner) || /<(?:\w+:)?(?:v|is)[\s>/]/.test(inner)) continue;
      const ref = attr(c[2]!, 'r');
      if (ref) refs.add(ref);
    }
    if (refs.size > 0) out.set(xmlUnescape(name), refs);
  }
  return out;
}

function xmlUnescape(s: string): string {
  return s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

function cellText(cell: Cell, monthField: boolean, date1904: boolean): string | null {
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
        // an Excel date or timestamp has no time zone: it keeps its own date, in the workbook's date system
        const p = XLSX.SSF.parse_date_code(v, { date1904 });
        return dateForField(`${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`, monthField);
      }
      return numberText(v);
    }
    default:
      return cell.v === undefined ? null : String(cell.v);
  }
}

/**
 * Every worksheet: the first row holding a cell is the header; row numbers are the sheet's own.
 * Cells are read wherever they are: the range the file claims (its stored `dimension`) is ignored.
 * Rows with no cell at all are skipped. A formula cell with no saved value is a fault of its field.
 */
export function readXlsx(bytes: Uint8Array, isMonthColumn: (sheet: string, header: string) => boolean): XlsxSheet[] {
  const wb = XLSX.read(bytes, {
    type: 'array',
    cellDates: false,
    cellNF: true,
    cellFormula: false,
    dense: true,
    bookFiles: true
  } as XLSX.ParsingOptions);
  const date1904 = !!wb.Workbook?.WBProps?.date1904;
  const noValue = formulaCellsWithoutValue((wb as unknown as { files?: Record<string, ZipEntry> }).files);
  const out: XlsxSheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const data = (ws as unknown as { '!data'?: (Cell[] | undefined)[] } | undefined)?.['!data'];
    const missing = noValue.get(name);
    const formulaWithoutValue = (r: number, c: number) => !!missing && missing.has(XLSX.utils.encode_cell({ r, c }));
    // the real extent of the cells, whatever !ref (the stored dimension) says
    let first = -1;
    let firstCol = Infinity;
    if (data) {
      data.forEach((row, r) => {
        if (!row) return;
        row.forEach((cell, c) => {
          if (cell && (cell.t !== 'z' || formulaWithoutValue(r, c))) {
            if (first < 0) first = r;
            if (c < firstCol) firstCol = c;
          }
        });
      });
    }
    if (!data || first < 0) {
      out.push({ sheet: name, headers: [], columns: [], lines: [] });
      continue;
    }
    const headerRow = data[first] ?? [];
    const headers: string[] = [];
    for (let c = firstCol; c < headerRow.length; c++) headers.push(cellText(headerRow[c], false, date1904) ?? '');
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    const month = headers.map((h) => isMonthColumn(name, h));
    const columns: (string | null)[][] = headers.map(() => []);
    const faultsBy = new Map<number, (string | null)[]>();
    const lines: number[] = [];
    for (let r = first + 1; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      const faulty = headers.map((_, k) => formulaWithoutValue(r, firstCol + k));
      const texts = headers.map((_, k) => (faulty[k] ? null : cellText(row[firstCol + k], month[k] ?? false, date1904)));
      if (texts.every((t) => t === null || t === '') && !faulty.some(Boolean)) continue;
      const at = lines.length;
      texts.forEach((t, k) => columns[k]!.push(t));
      faulty.forEach((f, k) => {
        if (!f) return;
        let list = faultsBy.get(k);
        if (!list) faultsBy.set(k, (list = []));
        list[at] = FORMULA_NO_VALUE;
      });
      lines.push(r + 1);
    }
    const sheet: XlsxSheet = { sheet: name, headers, columns, lines };
    if (faultsBy.size > 0) {
      sheet.faults = [...faultsBy].map(([column, list]) => ({
        column,
        reasons: Array.from({ length: lines.length }, (_, i) => list[i] ?? null)
      }));
    }
    out.push(sheet);
  }
  return out;
}
