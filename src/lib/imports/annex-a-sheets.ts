/**
 * Ofsted Annex A workbook: finding the lists, their header rows and columns, and reading the mapped
 * cells only (imports.md, "Ofsted Annex A workbook"). Cells of unmapped columns (names, workers,
 * teams, ages, postcodes...) are never turned into text; a birth date is cut to its month here.
 */
import * as XLSX from '@e965/xlsx';
import { excelSerialDate, textDate } from './values';

export type ListNo = 1 | 3 | 4 | 5 | 6 | 7;
export const IMPORTED_LISTS: readonly ListNo[] = [3, 4, 6, 7];

/** The field each list reads, with its header pattern; `req` fields missing refuse the list. */
export interface ColumnRule {
  field: string;
  re: RegExp;
  req?: boolean;
  kind: 'id' | 'date' | 'month' | 'text';
}

const COMMON: ColumnRule[] = [
  { field: 'child_id', re: /child.*id/, req: true, kind: 'id' },
  { field: 'sex', re: /gender/, kind: 'text' },
  { field: 'ethnicity', re: /ethnic/, kind: 'text' },
  { field: 'birth_month', re: /birth/, kind: 'month' },
  { field: 'disability', re: /disab/, kind: 'text' }
];

export const LIST_RULES: Record<ListNo, ColumnRule[]> = {
  1: [
    { field: 'date', re: /date.*contact/, req: true, kind: 'date' },
    { field: 'source', re: /source/, req: true, kind: 'text' }
  ],
  3: [
    { field: 'date', re: /date.*referral/, req: true, kind: 'date' },
    { field: 'source', re: /source/, req: true, kind: 'text' },
    { field: 'nfa', re: /nfa/, kind: 'text' }
  ],
  4: [
    { field: 'start', re: /assessment.*start/, req: true, kind: 'date' },
    { field: 'completion', re: /authoris/, kind: 'date' }
  ],
  5: [{ field: 'start', re: /section 47.*start/, req: true, kind: 'date' }],
  6: [
    { field: 'start', re: /cin start/, req: true, kind: 'date' },
    { field: 'end', re: /cin closure/, kind: 'date' },
    { field: 'reason', re: /reason.*closure/, kind: 'text' }
  ],
  7: [
    { field: 'start', re: /plan start/, req: true, kind: 'date' },
    { field: 'end', re: /plan end/, kind: 'date' },
    { field: 'initial', re: /initial.*category/, kind: 'text' },
    { field: 'latest', re: /latest.*category/, kind: 'text' }
  ]
};

/** Key headers that make an unnamed sheet a list, most specific first. */
const KEY_HEADERS: [number, RegExp][] = [
  [7, /protection plan start/],
  [6, /cin start/],
  [5, /section 47/],
  [4, /continuous assessment|authoris/],
  [1, /date.*contact/],
  [3, /date.*referral/]
];

/** A header as matched: lower case, spaces, NBSP and line breaks collapsed to one space. */
export function normHeader(h: string): string {
  return h.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
}

/** A sheet's list number from its name (`List 3`, `list3`, `List 3 - Referrals`), or null. */
export function listOfName(name: string): number | null {
  const m = /^\s*list\s*(\d{1,2})(?!\d)/i.exec(name);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 11 ? n : null;
}

type Row = (XLSX.CellObject | undefined)[] | undefined;

export interface SheetInfo {
  name: string;
  /** the list it is (by name, else by a key header); null when none */
  list: number | null;
  byName: boolean;
  /** 0-based index into the sheet's rows of the header row; -1 when none in rows 1-10 */
  headerRow: number;
  headers: string[];
  rows: Row[];
}

function headerText(c: XLSX.CellObject | undefined): string {
  if (!c || c.v === undefined || c.v === null) return '';
  return typeof c.v === 'string' ? c.v : String(c.v);
}

export interface Workbook {
  sheets: SheetInfo[];
  date1904: boolean;
}

/** Open a workbook and find each sheet's list and header row. Throws when it is not a workbook. */
export function openWorkbook(bytes: Uint8Array): Workbook {
  const wb = XLSX.read(bytes, { type: 'array', cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, cellText: false, dense: true });
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: SheetInfo[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] as unknown as { '!data'?: Row[] } | undefined;
    const rows = ws?.['!data'] ?? [];
    let headerRow = -1;
    for (let r = 0; r < Math.min(10, rows.length) && headerRow < 0; r++) {
      const row = rows[r];
      if (row?.some((c) => /child.*id/.test(normHeader(headerText(c))))) headerRow = r;
    }
    const headers = headerRow >= 0 ? (rows[headerRow] ?? []).map((c) => normHeader(headerText(c))) : [];
    let list = listOfName(name);
    const byName = list !== null;
    if (list === null && headerRow >= 0) {
      for (const [n, re] of KEY_HEADERS) {
        if (headers.some((h) => re.test(h))) {
          list = n;
          break;
        }
      }
    }
    sheets.push({ name, list, byName, headerRow, headers, rows });
  }
  // a named sheet wins over one found by its headers
  const named = new Set(sheets.filter((s) => s.byName).map((s) => s.list));
  for (const s of sheets) if (!s.byName && s.list !== null && named.has(s.list)) s.list = null;
  return { sheets, date1904 };
}

/** Column index of each rule's field (first header matching), -1 when absent. */
export function mapListColumns(headers: string[], list: ListNo): Map<string, number> {
  const out = new Map<string, number>();
  for (const rule of [...COMMON, ...LIST_RULES[list]]) {
    const k = headers.findIndex((h) => rule.re.test(h));
    if (k >= 0 && !out.has(rule.field)) out.set(rule.field, k);
  }
  return out;
}

export function rulesOf(list: ListNo): ColumnRule[] {
  return [...COMMON, ...LIST_RULES[list]];
}

/** A cell's text (strings trimmed; whole numbers as integer text); null when empty. */
export function cellString(c: XLSX.CellObject | undefined): string | null {
  if (!c || c.v === undefined || c.v === null || c.t === 'z') return null;
  if (typeof c.v === 'number') return Number.isInteger(c.v) ? c.v.toFixed(0) : String(c.v);
  if (typeof c.v === 'boolean') return c.v ? 'true' : 'false';
  if (c.v instanceof Date) return null;
  const s = String(c.v).replace(/\u00a0/g, ' ').trim();
  return s === '' ? null : s;
}

/** A cell as a date `YYYY-MM-DD`: a serial number, a date cell, or contract text; 'bad' when unreadable. */
export function cellDate(c: XLSX.CellObject | undefined, date1904: boolean): string | null | 'bad' {
  if (!c || c.v === undefined || c.v === null || c.t === 'z') return null;
  if (c.t === 'e') return 'bad';
  if (typeof c.v === 'number') return excelSerialDate(c.v, date1904) ?? 'bad';
  if (c.v instanceof Date) {
    const d = c.v;
    return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  }
  const s = String(c.v).trim();
  if (s === '') return null;
  return textDate(s) ?? 'bad';
}
