/**
 * Loading an extract: files -> staged all-VARCHAR tables -> privacy guard -> validation in DuckDB ->
 * typed tables swapped in, in one transaction. Browser-safe: no node: imports.
 */
import { ident, type Engine } from '../engine/types';
import { TABLES, tableSpec, type TableName, type TableSpec } from '../contract/tables';
import { baseName, codePointCompare, fileFormat, mapColumns, tableOfFile } from './names';
import { identifierNames, identifierValues, scanValues } from './privacy';
import { ENTRY_CAP, type LoadReport, type PartReport, type Rejection, type TableReport } from './report';
import { dropNested, dropStaged, stageFile, type StagedUnit } from './stage';
import { decodeInProcess, type Decode } from './decode';
import { isCalendarDate, londonToday } from './today';
import {
  rejectedName,
  rejectedStageName,
  problemsName,
  typedStageName,
  unrecordedName,
  unrecordedStageName,
  validateTable,
  type StagedPart
} from './validate-table';

export type { LoadReport, TableReport, PartReport, Rejection, WarningEntry, FileNote } from './report';
export { loadReportSummary, loadIsClean } from './report';
export { rejectedRowsCsv, tablesWithRejectedRows } from './rejected-csv';
export { londonToday } from './today';
export type { Decode, DecodeFormat, DecodedFileSheet } from './decode';

export interface InputFile {
  /** file name with extension */
  name: string;
  bytes: Uint8Array;
  /**
   * Reads the file's bytes again. The browser engine takes over (transfers) the buffer it is
   * given; a CSV file whose lines need a second, line-by-line reading is then read again through
   * this (the page passes File.arrayBuffer).
   */
  reread?: () => Promise<Uint8Array>;
  /**
   * Set only by the import (imports/beside-contract.ts) on the CSV files it has just written, never
   * from a file's contents: the columns whose every value the import wrote itself from codes, dates
   * and keyed-hash ids, so none can hold an NHS number, a postcode or a UPN and none has spaces at
   * either end or a leading quote. The privacy guard's value scan skips them (they count as plain);
   * every other column, and every column name, is checked as for any file.
   */
  importWritten?: readonly string[];
}

export type LoadStage = 'reading' | 'checking' | 'validating' | 'done' | 'refused';

export interface LoadOptions {
  /** YYYY-MM-DD; default: today in Europe/London */
  today?: string;
  onProgress?: (file: string, stage: LoadStage) => void;
  /**
   * How Parquet and XLSX bytes are decoded into text sheets; default: in this thread. The browser
   * passes decodeInWorker (decode-in-worker.ts) to keep the page responsive.
   */
  decode?: Decode;
}

// Tables are validated in TABLES order, each as soon as its files are staged: a reference must
// point to a table before it, whose typed table (or absence) is then known.
for (const [i, t] of TABLES.entries()) {
  for (const f of t.fields) {
    if (f.references && TABLES.findIndex((x) => x.name === f.references!.table) >= i) {
      throw new Error(`${t.name}.${f.name} refers to ${f.references.table}, which is not before it in TABLES`);
    }
  }
}

async function dropAll(engine: Engine, names: string[]): Promise<void> {
  for (const n of names) await engine.exec(`DROP TABLE IF EXISTS ${ident(n)}`);
}

/** Load an extract, replacing the previous one when the load succeeds as a whole. */
export async function loadExtract(engine: Engine, files: InputFile[], opts: LoadOptions = {}): Promise<LoadReport> {
  const today = opts.today ?? londonToday();
  if (!isCalendarDate(today)) {
    throw new Error(`today must be a date written YYYY-MM-DD, not '${today}'`);
  }
  const progress = opts.onProgress ?? (() => {});
  const decode = opts.decode ?? decodeInProcess;
  const report: LoadReport = {
    tables: {},
    refused: [],
    unused: [],
    ignoredColumns: [],
    repeatedColumns: [],
    rejections: [],
    warnings: [],
    rejectionsOmitted: 0,
    warningsOmitted: 0,
    present: [],
    missingRequired: [],
    today,
    failure: null,
    replaced: false
  };
  const sorted = [...files].sort((a, b) => codePointCompare(baseName(a.name), baseName(b.name)));
  // files with the same name (north/referrals.csv and south/referrals.csv): refused together
  const sameName = new Map<string, InputFile[]>();
  for (const f of sorted) {
    const key = baseName(f.name).toLowerCase();
    sameName.set(key, [...(sameName.get(key) ?? []), f]);
  }
  const repeated = [...sameName.values()].filter((g) => g.length > 1);
  const refusedNames = new Set(repeated.flat().map((f) => baseName(f.name).toLowerCase()));
  for (const group of repeated) {
    const name = baseName(group[0]!.name);
    const listed = [...new Set(group.map((f) => f.name))];
    const named = listed.length > 1 ? listed.join(', ') : `${group.length} files named ${name}`;
    report.refused.push({
      file: name,
      reason: `${name} refused: the load holds more than one file of this name (${named}). Rename each as a part of its table (e.g. ${partExample(name)}) and load them again.`
    });
  }
  if (repeated.length > 0) {
    const names = repeated.map((g) => baseName(g[0]!.name));
    report.failure = `More than one file named ${names.join(', ')} was chosen: they were refused together and nothing of this load was used. Rename one as a part (e.g. ${partExample(names[0]!)}) and load again.`;
  }
  // Each table is staged, checked and validated in turn (TABLES order), its staging tables dropped
  // as soon as they are read: at 1M rows, staging every file first held all the text at once. A
  // CSV or Parquet file names its table; an XLSX workbook (sheets of several tables) is staged
  // first. The report's lists keep the files' order: each entry is noted with its file's place.
  type Part = StagedPart & { rows: number };
  const parts = new Map<TableName, { at: number; part: Part }[]>();
  const staged: StagedUnit[] = [];
  const created: string[] = [];
  const place = new Map<object, number>();
  const note = <T extends object>(list: T[], entry: T, at: number) => {
    list.push(entry);
    place.set(entry, at);
  };

  /** Stage one file, check it (privacy guard, columns), and hold its units as parts of their tables. */
  const admit = async (file: InputFile, at: number): Promise<void> => {
    const name = baseName(file.name);
    progress(name, 'reading');
    const res = await stageFile(engine, name, file.bytes, decode, file.reread);
    if ('problem' in res) {
      note(report.refused, { file: name, reason: `${name} refused: ${res.problem}.` }, at);
      progress(name, 'refused');
      return;
    }
    staged.push(...res.units);
    progress(name, 'checking');
    let refusal: string | null = null;
    const plainColumns = new Map<StagedUnit, boolean[]>();
    for (const u of res.units) {
      const nested = u.nested;
      const values = async () => {
        // the columns the import wrote itself (InputFile.importWritten) are known plain and free of identifiers
        const written = new Set(res.units.length === 1 && !nested ? (file.importWritten ?? []) : []);
        const scanned = u.headers.flatMap((h, i) => (written.has(h) ? [] : [i]));
        // columns whose values repeat are checked once per distinct value (privacy.ts scanValues)
        const few = fewValued(u);
        // every column not written by the import (all of them for any other file; none: nothing to find)
        const scan = await scanValues(
          engine,
          u.raw,
          scanned.map((i) => u.headers[i]!),
          u.label,
          scanned.map((i) => 'c' + i),
          scanned.map((i) => few[i] ?? false)
        );
        const plain = u.headers.map(() => true);
        scanned.forEach((i, k) => (plain[i] = scan.plain[k] ?? false));
        plainColumns.set(u, plain);
        return scan.refusal;
      };
      refusal =
        identifierNames([...u.headers, ...(nested?.headers ?? [])], u.label) ??
        (await values()) ??
        (nested
          ? await identifierValues(engine, nested.raw, nested.headers, u.label, nested.headers.map((_, i) => 'n' + i))
          : null);
      if (refusal) break;
    }
    await dropNested(engine, res.units);
    if (refusal) {
      await dropStaged(engine, res.units);
      note(report.refused, { file: name, reason: refusal }, at);
      progress(name, 'refused');
      return;
    }
    for (const u of res.units) {
      const spec = tableSpec(u.table);
      if (!spec) {
        note(report.unused, { file: u.label, reason: `no table named '${u.table}' in the extract contract` }, at);
        await dropStaged(engine, [u]);
        continue;
      }
      if (u.headers.every((h) => h.trim() === '')) {
        note(report.refused, { file: u.label, reason: `${u.label} refused: it has no header row.` }, at);
        await dropStaged(engine, [u]);
        continue;
      }
      const mapping = mapColumns(spec, u.headers);
      const missing = spec.fields.filter((f) => f.required && !mapping.fields.has(f.name)).map((f) => f.name);
      if (missing.length > 0) {
        const semicolons =
          u.headers.length === 1 && (u.headers[0] ?? '').includes(';')
            ? ' The file looks separated by semicolons: save it comma separated.'
            : '';
        note(
          report.refused,
          {
            file: u.label,
            reason: `${u.label} refused: it lacks the required column${missing.length > 1 ? 's' : ''} ${missing
              .map((m) => `'${m}'`)
              .join(', ')}.${semicolons}`
          },
          at
        );
        await dropStaged(engine, [u]);
        continue;
      }
      const ignored = mapping.ignored.filter((h) => h.trim() !== '');
      if (ignored.length > 0) note(report.ignoredColumns, { file: u.label, columns: ignored }, at);
      if (mapping.repeated.length > 0) note(report.repeatedColumns!, { file: u.label, columns: mapping.repeated }, at);
      const [cnt] = await engine.query(`SELECT count(*) AS n FROM ${ident(u.raw)}`);
      const list = parts.get(spec.name) ?? [];
      list.push({
        at,
        part: {
          label: u.label,
          raw: u.raw,
          fields: mapping.fields,
          faultColumns: u.faultColumns,
          rowFaults: u.rowFaults,
          rowidLines: u.rowidLines ?? false,
          plain: plainColumns.get(u) ?? [],
          rows: Number(cnt?.n ?? 0)
        }
      });
      parts.set(spec.name, list);
    }
  };

  try {
    const later = new Map<TableName, { file: InputFile; at: number }[]>();
    for (const [at, file] of sorted.entries()) {
      const name = baseName(file.name);
      if (refusedNames.has(name.toLowerCase())) {
        progress(name, 'refused');
        continue;
      }
      const format = fileFormat(name);
      const table = format === 'csv' || format === 'parquet' ? tableSpec(tableOfFile(name))?.name : undefined;
      if (table) later.set(table, [...(later.get(table) ?? []), { file, at }]);
      else await admit(file, at);
    }

    const present = new Set<string>();
    const unrecorded = new Set<string>();
    const presentSpecs: TableSpec[] = [];
    let rejTotal = 0;
    let warnTotal = 0;
    for (const spec of TABLES) {
      for (const { file, at } of later.get(spec.name) ?? []) await admit(file, at);
      const held = parts.get(spec.name);
      if (!held) continue;
      // a table refers only to tables before it (contract/tables.ts): they are already present or not
      presentSpecs.push(spec);
      present.add(spec.name);
      const tableParts = held.sort((a, b) => a.at - b.at).map((h) => h.part);
      for (const p of tableParts) progress(p.label, 'validating');
      created.push(typedStageName(spec.name), rejectedStageName(spec.name), unrecordedStageName(spec.name));
      const res = await validateTable(engine, spec, tableParts, today, present);
      if (res.unrecorded) unrecorded.add(spec.name);
      const t = await accountFor(engine, spec, tableParts, res.parts);
      report.tables[spec.name] = t;
      report.rejections.push(...res.rejections);
      report.warnings.push(...res.warnings);
      rejTotal += res.rejectionsTotal;
      warnTotal += res.warningsTotal;
    }
    report.present = presentSpecs.map((t) => t.name);
    for (const list of [report.refused, report.unused, report.ignoredColumns, report.repeatedColumns!] as object[][]) {
      list.sort((a, b) => (place.get(a) ?? -1) - (place.get(b) ?? -1));
    }
    report.rejections = report.rejections.slice(0, ENTRY_CAP);
    report.warnings = report.warnings.slice(0, ENTRY_CAP);
    report.rejectionsOmitted = rejTotal - report.rejections.length;
    report.warningsOmitted = warnTotal - report.warnings.length;
    report.missingRequired = TABLES.filter((t) => t.required && !present.has(t.name)).map((t) => t.name);

    const referrals = report.tables.referrals;
    if (report.failure === null && referrals && referrals.loaded === 0) {
      report.failure =
        referrals.read === 0
          ? 'No referral was loaded: the referrals file has a header but no rows.'
          : `No referral was loaded: all ${referrals.read.toLocaleString('en-GB')} rows of referrals were rejected (see the problems below).`;
    }
    if (report.missingRequired.length === 0 && report.failure === null) {
      await swapIn(engine, presentSpecs, unrecorded);
      report.replaced = true;
    } else {
      await dropAll(engine, created);
    }
    await dropStaged(engine, staged);
  } catch (e) {
    await dropAll(engine, [...created, ...TABLES.flatMap((t) => [`_nm_chk_${t.name}`, `_nm_dupkeys_${t.name}`, problemsName(t.name)])]).catch(() => {});
    await dropStaged(engine, staged).catch(() => {});
    throw e;
  }
  for (const f of sorted) {
    const name = baseName(f.name);
    if (!report.refused.some((r) => r.file === name)) progress(name, 'done');
  }
  return report;
}

/**
 * Field kinds whose values repeat (dates, codes, counts, and the short free texts: a locality, an
 * action's title): the privacy guard checks each distinct value once. Ids, mostly distinct, are
 * checked value by value.
 */
const FEW_VALUED = new Set(['date', 'month', 'bool', 'enum', 'int', 'number', 'quarter', 'text', 'agency_list']);

/** Per staged column, whether the contract field it maps to is of a kind with few distinct values. */
function fewValued(u: StagedUnit): boolean[] {
  const spec = tableSpec(u.table);
  if (!spec) return [];
  const kinds = new Map([...mapColumns(spec, u.headers).fields].map(([f, i]) => [i, spec.fields.find((x) => x.name === f)?.kind]));
  return u.headers.map((_, i) => FEW_VALUED.has(kinds.get(i) ?? ''));
}

/** A part name for a file: `referrals.csv` -> `referrals.north.csv`. */
function partExample(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}.north${name.slice(dot)}` : `${name}.north`;
}

/** Every row read is loaded or rejected: checked against the staged and produced tables. */
async function accountFor(
  engine: Engine,
  spec: TableSpec,
  staged: { label: string; rows: number }[],
  parts: PartReport[]
): Promise<TableReport> {
  const t: TableReport = { read: 0, loaded: 0, rejected: 0, warnings: {}, parts };
  parts.forEach((p, i) => {
    const rows = staged[i]?.rows;
    if (p.read !== rows || p.read !== p.loaded + p.rejected) {
      throw new Error(
        `Load accounting failed for ${p.file}: ${rows} rows staged, ${p.read} read, ${p.loaded} loaded, ${p.rejected} rejected`
      );
    }
    t.read += p.read;
    t.loaded += p.loaded;
    t.rejected += p.rejected;
    for (const [c, n] of Object.entries(p.warnings)) t.warnings[c] = (t.warnings[c] ?? 0) + n;
  });
  const [c] = await engine.query(
    `SELECT (SELECT count(*) FROM ${ident(typedStageName(spec.name))}) AS typed, (SELECT count(*) FROM ${ident(
      rejectedStageName(spec.name)
    )}) AS rejected`
  );
  const typedOk = spec.key ? Number(c?.typed) <= t.loaded : Number(c?.typed) === t.loaded;
  if (!typedOk || Number(c?.rejected) !== t.rejected) {
    throw new Error(`Load accounting failed for ${spec.name}: ${t.loaded} loaded but ${c?.typed} typed rows`);
  }
  return t;
}

/** Replace the previous extract by the new one in one transaction. */
async function swapIn(engine: Engine, present: TableSpec[], unrecorded: ReadonlySet<string>): Promise<void> {
  await engine.exec('BEGIN TRANSACTION');
  try {
    for (const t of TABLES) {
      await engine.exec(`DROP TABLE IF EXISTS ${ident(t.name)}`);
      await engine.exec(`DROP TABLE IF EXISTS ${ident(rejectedName(t.name))}`);
      await engine.exec(`DROP TABLE IF EXISTS ${ident(unrecordedName(t.name))}`);
    }
    for (const t of present) {
      await engine.exec(`ALTER TABLE ${ident(typedStageName(t.name))} RENAME TO ${ident(t.name)}`);
      await engine.exec(`ALTER TABLE ${ident(rejectedStageName(t.name))} RENAME TO ${ident(rejectedName(t.name))}`);
      if (unrecorded.has(t.name)) await engine.exec(`ALTER TABLE ${ident(unrecordedStageName(t.name))} RENAME TO ${ident(unrecordedName(t.name))}`);
    }
    await engine.exec('COMMIT');
  } catch (e) {
    await engine.exec('ROLLBACK').catch(() => {});
    throw e;
  }
}
