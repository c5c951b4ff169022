/**
 * Ofsted Annex A (imports.md): the lists read into minimised rows, then into contract tables with
 * the windows, outcomes and neglect readings the spec defines.
 */
import type { Agency } from '../contract/agencies';
import {
  cellDate,
  cellString,
  IMPORTED_LISTS,
  mapListColumns,
  openWorkbook,
  rulesOf,
  type ListNo,
  type SheetInfo
} from './annex-a-sheets';
import { normaliseSourceId, type ChildIds, type EventIds } from './pseudonym';
import { TableBuilder } from './table-builder';
import { codeShown, WITHHELD, type ImportedTable, type ImportProblem, type PartCount, type SourceReport } from './types';
import {
  cleanValue,
  isNeglectCategory,
  readAgency,
  readClosureCode,
  readEthnicity,
  readSex,
  readYesNo,
  type Ethnicity,
  type Sex
} from './values';

/** What each list would supply, for the report when it is missing. */
const SUPPLIES: Record<number, string> = {
  3: 'referrals (and the windows for outcomes and neglect readings)',
  4: 'assessments',
  6: 'child_in_need episodes',
  7: 'child_protection episodes and the neglect reading',
  5: 'the strategy outcome of referrals (section 47 enquiries)'
};

interface ChildFields {
  sex: Sex | null;
  ethnicity: Ethnicity | null;
  birthMonth: string | null;
  disability: 'yes' | 'no' | 'unknown' | null;
}

export interface AnnexRow {
  src: string;
  row: number;
  date: string;
  end: string | null;
  agency: Agency | null;
  nfa: boolean | 'unknown' | null;
  code: string | null;
  neglect: boolean | null;
}

export interface AnnexWorkbook {
  file: string;
  lists: Map<number, AnnexRow[]>;
  /** per child source id, fields per list in reading order */
  childFields: Map<string, Map<number, ChildFields>>;
  report: SourceReport;
  problems: ImportProblem[];
}

export type AnnexRead = { kind: 'annex_a'; workbook: AnnexWorkbook } | { kind: 'not_annex_a' } | { kind: 'refused'; reason: string };

/** Read an Annex A workbook; `{kind: 'not_annex_a'}` for a workbook with no list (a contract workbook). */
export function readAnnexA(file: string, bytes: Uint8Array, today: string, contacts: boolean): AnnexRead {
  let wb;
  try {
    wb = openWorkbook(bytes);
  } catch {
    return { kind: 'refused', reason: 'it is not a readable workbook' };
  }
  if (!wb.sheets.some((s) => s.list !== null)) return { kind: 'not_annex_a' };
  const problems: ImportProblem[] = [];
  const report: SourceReport = { file, kind: 'annex_a', reference_date: null, parts: {}, not_used: [] };
  const lists = new Map<number, AnnexRow[]>();
  const childFields = new Map<string, Map<number, ChildFields>>();
  const wanted = new Set<number>([...IMPORTED_LISTS, 5, ...(contacts ? [1] : [])]);
  const used = new Map<number, SheetInfo>();
  for (const s of wb.sheets) {
    if (s.list === null || !wanted.has(s.list) || used.has(s.list)) {
      report.not_used.push(s.list === null ? s.name : `List ${s.list} (${s.name})`);
      continue;
    }
    used.set(s.list, s);
  }
  if (!IMPORTED_LISTS.some((n) => used.has(n))) {
    return { kind: 'refused', reason: 'it has none of Lists 3, 4, 6 and 7' };
  }
  for (const n of [3, 4, 5, 6, 7]) {
    if (!used.has(n)) {
      problems.push({
        file,
        part: `List ${n}`,
        row: null,
        column: null,
        value: '',
        reason: `List ${n} is missing: it would supply ${SUPPLIES[n]}`,
        effect: 'note'
      });
    }
  }
  for (const [n, s] of [...used.entries()].sort((a, b) => a[0] - b[0])) {
    const part = `List ${n}`;
    const count: PartCount = { read: 0, loaded: 0, rejected: 0 };
    report.parts[part] = count;
    if (s.headerRow < 0) {
      problems.push({ file, part, row: null, column: null, value: '', reason: `${part} has no header row with a child id column in rows 1-10: not read`, effect: 'refused' });
      continue;
    }
    const cols = mapListColumns(s.headers, n as ListNo);
    const missing = rulesOf(n as ListNo).filter((r) => r.req && !cols.has(r.field));
    if (missing.length > 0) {
      problems.push({
        file,
        part,
        row: s.headerRow + 1,
        column: null,
        value: '',
        reason: `${part} lacks a required column (${missing.map((r) => `matching /${r.re.source}/`).join(', ')}): not read`,
        effect: 'refused'
      });
      continue;
    }
    const header = (field: string) => s.headers[cols.get(field)!] ?? field;
    const rows: AnnexRow[] = [];
    for (let r = s.headerRow + 1; r < s.rows.length; r++) {
      const cells = s.rows[r];
      if (!cells || !cells.some((c) => c && c.v !== undefined && c.v !== null && String(c.v).trim() !== '')) continue;
      count.read++;
      const at = (field: string) => (cols.has(field) ? cells[cols.get(field)!] : undefined);
      const problem = (field: string, value: string, reason: string, effect: ImportProblem['effect']) =>
        problems.push({ file, part, row: r + 1, column: header(field), value, reason, effect });
      const src = normaliseSourceId(cellString(at('child_id')));
      let bad = false;
      if (src === null) {
        problem('child_id', '', 'the child id is missing', 'rejected');
        bad = true;
      }
      const dateField = n === 1 || n === 3 ? 'date' : 'start';
      const date = cellDate(at(dateField), wb.date1904);
      const dateOk = typeof date === 'string' && date !== 'bad' && date >= '2000-01-01' && date <= today;
      if (!dateOk) {
        const raw = cellString(at(dateField));
        problem(
          dateField,
          raw === null ? '' : codeShown(raw, true),
          date === null ? 'the date is missing' : date === 'bad' ? 'not a date' : date < '2000-01-01' ? 'a date before 2000' : `a date after today (${today})`,
          'rejected'
        );
        bad = true;
      }
      let agency: Agency | null = null;
      if (n === 1 || n === 3) {
        const raw = cellString(at('source'));
        agency = readAgency(raw);
        if (agency === null) {
          problem('source', raw === null ? '' : codeShown(raw), raw === null ? 'the source is missing' : 'an unreadable referral source', 'rejected');
          bad = true;
        }
      }
      let end: string | null = null;
      if (cols.has('end') || cols.has('completion')) {
        const f = cols.has('end') ? 'end' : 'completion';
        const e = cellDate(at(f), wb.date1904);
        if (e === 'bad' || (e !== null && (e < '2000-01-01' || e > today))) {
          const raw = cellString(at(f));
          problem(f, raw === null ? '' : codeShown(raw, true), e === 'bad' ? 'not a date: left empty' : 'a date out of range: left empty', 'set to null');
        } else if (e !== null && dateOk && e < (date as string)) {
          problem(f, e, 'before the start date: the row is not loaded', 'rejected');
          bad = true;
        } else end = e;
      }
      if (bad) {
        count.rejected++;
        continue;
      }
      let nfa: boolean | 'unknown' | null = null;
      if (cols.has('nfa')) {
        const raw = cellString(at('nfa'));
        nfa = readYesNo(raw);
        if (raw !== null && nfa === null) problem('nfa', codeShown(raw), 'not yes or no: outcome left empty', 'warning');
      }
      let code: string | null = null;
      if (cols.has('reason')) {
        const raw = cellString(at('reason'));
        code = readClosureCode(raw);
        if (raw !== null && code === null) problem('reason', codeShown(raw), 'an unknown reason for closure: closure_code left empty', 'warning');
      }
      let neglect: boolean | null = null;
      if (n === 7) {
        const i = isNeglectCategory(cellString(at('initial')));
        const l = isNeglectCategory(cellString(at('latest')));
        neglect = i === null && l === null ? null : i === true || l === true;
      }
      // child fields: read, reduced, the raw text dropped
      const sexRaw = cellString(at('sex'));
      const sex = readSex(sexRaw);
      if (sexRaw !== null && sex === null) problem('sex', codeShown(sexRaw), 'an unknown gender: left empty', 'warning');
      const ethRaw = cellString(at('ethnicity'));
      const ethnicity = readEthnicity(ethRaw);
      if (ethRaw !== null && ethnicity === null) problem('ethnicity', codeShown(ethRaw), 'an unknown ethnicity: left empty', 'warning');
      const b = cellDate(at('birth_month'), wb.date1904);
      if (b === 'bad') problem('birth_month', WITHHELD, 'the birth date is not a date: left empty', 'warning');
      const birthMonth = typeof b === 'string' && b !== 'bad' ? b.slice(0, 7) : null;
      const disRaw = cellString(at('disability'));
      const dis = readYesNo(disRaw);
      const disability = dis === true ? 'yes' : dis === false ? 'no' : dis === 'unknown' ? 'unknown' : null;
      if (disRaw !== null && dis === null) problem('disability', codeShown(disRaw), 'not yes or no: left empty', 'warning');
      let perChild = childFields.get(src!);
      if (!perChild) childFields.set(src!, (perChild = new Map()));
      if (!perChild.has(n)) perChild.set(n, { sex, ethnicity, birthMonth, disability });
      else {
        const f = perChild.get(n)!;
        f.sex ??= sex;
        f.ethnicity ??= ethnicity;
        f.birthMonth ??= birthMonth;
        f.disability ??= disability;
      }
      count.loaded++;
      rows.push({ src: src!, row: r + 1, date: date as string, end, agency, nfa, code, neglect });
    }
    lists.set(n, rows);
  }
  return { kind: 'annex_a', workbook: { file, lists, childFields, report, problems } };
}

export interface AnnexTablesOptions {
  /** census coverage end: rows whose own date is on or before it are covered by the census */
  censusUntil: string | null;
  /** child ids already in the census `children` part */
  censusChildren: Set<string>;
  locality: string | null;
  contacts: boolean;
}

/** Rows per table, with the count of rows covered by the census per list. */
export interface AnnexTables {
  tables: ImportedTable[];
  covered: Record<string, number>;
  contactsSameAsList3: number;
}

/** The contract tables from one or more Annex A workbooks (their lists concatenated). */
export async function annexTables(
  books: AnnexWorkbook[],
  ids: ChildIds,
  events: EventIds,
  opts: AnnexTablesOptions
): Promise<AnnexTables> {
  const list = (n: number) => books.flatMap((b) => b.lists.get(n) ?? []);
  const byChild = (rows: AnnexRow[]) => {
    const m = new Map<string, AnnexRow[]>();
    for (const r of rows) {
      const a = m.get(r.src);
      if (a) a.push(r);
      else m.set(r.src, [r]);
    }
    return m;
  };
  const l3 = list(3);
  const l4 = byChild(list(4));
  const l5 = byChild(list(5));
  const l7 = byChild(list(7));
  const covered: Record<string, number> = {};
  const isCovered = (part: string, date: string) => {
    if (opts.censusUntil !== null && date <= opts.censusUntil) {
      covered[part] = (covered[part] ?? 0) + 1;
      return true;
    }
    return false;
  };
  const referrals = new TableBuilder('referrals', 'annex-a');
  const assessments = new TableBuilder('assessments', 'annex-a');
  const episodes = new TableBuilder('episodes', 'annex-a');
  const children = new TableBuilder('children', 'annex-a');
  const childrenSeen = new Set<string>();

  // List 3: referrals, in (child, date, file order); ids assigned in that order
  const refs = byChild(l3);
  const refIds = new Map<string, { date: string; id: string }[]>();
  for (const [src, rows] of refs) {
    const childId = await ids.of(src);
    const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const mine: { date: string; id: string }[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const r = sorted[i]!;
      const id = events.next(childId, 'R', r.date);
      mine.push({ date: r.date, id });
      const next = sorted.find((x) => x.date > r.date)?.date ?? null;
      const inWindow = (d: string) => d >= r.date && (next === null || d < next);
      const neglect = (l7.get(src) ?? []).some((p) => p.neglect === true && inWindow(p.date));
      let outcome: string | null = null;
      if (r.nfa === true) outcome = 'nfa';
      else if (r.nfa === false) {
        const firstAssess = (l4.get(src) ?? []).filter((a) => inWindow(a.date)).map((a) => a.date).sort()[0];
        const s47 = (l5.get(src) ?? []).some((e) => inWindow(e.date) && (firstAssess === undefined || e.date <= firstAssess));
        outcome = s47 ? 'strategy' : firstAssess !== undefined ? 'assessment' : null;
      }
      if (isCovered('List 3', r.date)) continue;
      referrals.add([id, childId, r.date, r.agency, neglect, outcome]);
    }
    refIds.set(src, mine);
  }
  // List 1 (with --contacts): each contact a referral unless a List 3 referral that day
  let sameAs3 = 0;
  if (opts.contacts) {
    for (const [src, rows] of byChild(list(1))) {
      const childId = await ids.of(src);
      const days = new Set((refs.get(src) ?? []).map((r) => r.date));
      for (const r of [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
        if (days.has(r.date)) {
          sameAs3++;
          continue;
        }
        const id = events.next(childId, 'K', r.date);
        if (isCovered('List 1', r.date)) continue;
        referrals.add([id, childId, r.date, r.agency, false, null]);
      }
    }
  }
  // List 4: assessments; referral the latest (date, id) List 3 referral on or before the start
  for (const [src, rows] of l4) {
    const childId = await ids.of(src);
    const mine = refIds.get(src) ?? [];
    for (const a of [...rows].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
      const id = events.next(childId, 'A', a.date);
      let ref: { date: string; id: string } | null = null;
      for (const r of mine) {
        if (r.date <= a.date && (ref === null || r.date > ref.date || (r.date === ref.date && r.id > ref.id))) ref = r;
      }
      if (isCovered('List 4', a.date)) continue;
      assessments.add([id, childId, ref?.id ?? null, a.date, a.end, null]);
    }
  }
  // List 6: child in need, unless closed RC8/RC9
  for (const [src, rows] of byChild(list(6))) {
    const childId = await ids.of(src);
    for (const e of [...rows].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
      if (e.code === 'RC8' || e.code === 'RC9') continue;
      const id = events.next(childId, 'N', e.date);
      if (isCovered('List 6', e.date)) continue;
      const neglect = (l7.get(src) ?? []).some(
        (p) => p.neglect === true && p.date >= e.date && (e.end === null || p.date <= e.end)
      );
      episodes.add([id, childId, 'child_in_need', e.date, e.end, e.code, neglect]);
    }
  }
  // List 7: child protection
  for (const [src, rows] of l7) {
    const childId = await ids.of(src);
    for (const p of [...rows].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))) {
      const id = events.next(childId, 'P', p.date);
      if (isCovered('List 7', p.date)) continue;
      episodes.add([id, childId, 'child_protection', p.date, p.end, null, p.neglect]);
    }
  }
  // children: each child with a loaded row on an imported list, fields from Lists 3, 4, 6, 7, 1
  const order = [3, 4, 6, 7, ...(opts.contacts ? [1] : [])];
  for (const b of books) {
    for (const [src, perList] of b.childFields) {
      if (!order.some((n) => perList.has(n))) continue;
      const childId = await ids.of(src);
      if (childrenSeen.has(childId) || opts.censusChildren.has(childId)) continue;
      childrenSeen.add(childId);
      const pick = <K extends keyof ChildFields>(k: K): ChildFields[K] | null => {
        for (const n of order) {
          for (const bb of books) {
            const v = bb.childFields.get(src)?.get(n)?.[k];
            if (v !== null && v !== undefined) return v;
          }
        }
        return null;
      };
      children.add([childId, pick('birthMonth'), pick('sex'), pick('ethnicity'), pick('disability'), opts.locality]);
    }
  }
  return {
    tables: [children.build(), referrals.build(), assessments.build(), episodes.build()],
    covered,
    contactsSameAsList3: sameAs3
  };
}

