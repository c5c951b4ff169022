/**
 * Staging: every file is read into all-VARCHAR tables (`_nm_raw_<n>`: `_nm_line` plus `c0..cN`, one
 * column per header cell in order; a CSV file DuckDB reads as it is has no `_nm_line`, its rows'
 * lines are their rowid + 2). CSV is read by DuckDB's read_csv; Parquet and XLSX are decoded
 * in JavaScript by `decode` (decode.ts: in-process, or in a worker in the browser) and handed over
 * with createTextTable.
 */
import { ident, lit, type Engine, type TextColumn } from '../engine/types';
import { readCsvHeader } from './csv-header';
import { physicalLines, scanCsv } from './csv-scan';
import { zipBombProblem } from './zip-size';
import type { DecodedSheet } from './read-parquet';
import type { Decode } from './decode';
import { fileFormat, tableOfFile, tableOfSheet } from './names';

export interface StagedUnit {
  /** the file, or `book.xlsx [Sheet]` */
  label: string;
  /** the table its name points to (may not be a contract table) */
  table: string;
  /** staging table in DuckDB */
  raw: string;
  headers: string[];
  /** header indices whose staging table also has a fault column `f<i>` (reason or null per row) */
  faultColumns: number[];
  /** the staging table has `_nm_fault`: a whole-row reason (the row could not be read) or null */
  rowFaults: boolean;
  /** the staging table has no `_nm_line`: a row's line is its rowid + 2 (a CSV file read as it is) */
  rowidLines?: boolean;
  /** Parquet: a table of the leaf values inside nested columns (`n0..`), for the privacy guard */
  nested?: { raw: string; headers: string[] };
}

export type StageResult = { units: StagedUnit[] } | { problem: string };

let counter = 0;
const nextRaw = () => `_nm_raw_${++counter}`;

async function stageDecoded(engine: Engine, sheet: DecodedSheet): Promise<{ raw: string; faultColumns: number[] }> {
  const raw = nextRaw();
  const faults = (sheet.faults ?? []).filter((f) => f.column < sheet.headers.length);
  const columns: TextColumn[] = [
    { name: '_nm_line', values: sheet.lines.map(String) },
    ...sheet.headers.map((_, i) => ({ name: 'c' + i, values: sheet.columns[i] ?? [] })),
    ...faults.map((f) => ({ name: 'f' + f.column, values: f.reasons }))
  ];
  await engine.createTextTable(raw, columns);
  return { raw, faultColumns: faults.map((f) => f.column) };
}

async function stageCsv(
  engine: Engine,
  name: string,
  bytes: Uint8Array,
  reread?: () => Promise<Uint8Array>
): Promise<StageResult> {
  const head = readCsvHeader(bytes);
  if ('problem' in head) return head;
  const raw = nextRaw();
  const unit = (rowFaults: boolean, rowidLines = false): StageResult => ({
    units: [{ label: name, table: tableOfFile(name), raw, headers: head.headers, faultColumns: [], rowFaults, rowidLines }]
  });
  // Fast path: DuckDB reads the file as it is. When it gives one row fewer than the file has
  // physical lines, every row sat on one line (no blank line, no line break inside a quoted field),
  // so a row's line is its position + 2.
  const lines = physicalLines(bytes);
  const size = bytes.byteLength;
  // the engine may make a file of this name: keep it short (a legal 250-byte name plus a prefix is not)
  const short = name.length > 80 ? name.slice(-80) : name;
  const path = await engine.registerFile(short, bytes);
  let firstError: unknown = null;
  try {
    // read once, with no line column: a row's line is its rowid + 2 (the table is never deleted from)
    await engine.exec(`CREATE OR REPLACE TABLE ${ident(raw)} AS SELECT * FROM ${readCsv(path, head.headers.length, false)}`);
    const [c] = await engine.query(`SELECT count(*) AS n FROM ${ident(raw)}`);
    if (Number(c?.n) + 1 === lines) return unit(false, true);
  } catch (e) {
    firstError = e;
  } finally {
    await engine.dropFile(path);
  }
  await engine.exec(`DROP TABLE IF EXISTS ${ident(raw)}`);
  // Slow path: the file scanned line by line (csv-scan.ts); unreadable rows become rejected rows
  // the browser engine takes over (transfers) the buffer it is given: then the file is read again
  let again = bytes;
  if (again.byteLength !== size) {
    if (!reread) return { problem: 'the file cannot be read as CSV: ' + csvError(firstError ?? 'its rows and lines disagree', head.headers) };
    again = await reread();
  }
  const scan = scanCsv(again, head.headers.length);
  if (scan.regular) {
    return { problem: 'the file cannot be read as CSV: ' + csvError(firstError ?? 'its rows and lines disagree', head.headers) };
  }
  const cleanPath = await engine.registerFile(short, scan.clean);
  try {
    await engine.exec(`CREATE OR REPLACE TABLE ${ident(raw)} AS SELECT * FROM ${readCsv(cleanPath, head.headers.length, true)}`);
  } catch (e) {
    await engine.exec(`DROP TABLE IF EXISTS ${ident(raw)}`);
    return { problem: 'the file cannot be read as CSV: ' + csvError(e, head.headers) };
  } finally {
    await engine.dropFile(cleanPath);
  }
  if (scan.faults.length === 0) return unit(false);
  await engine.exec(`ALTER TABLE ${ident(raw)} ADD COLUMN _nm_fault VARCHAR`);
  const faults = raw + '_faults';
  await engine.createTextTable(faults, [
    { name: '_nm_line', values: scan.faults.map((f) => String(f.line)) },
    { name: '_nm_fault', values: scan.faults.map((f) => f.reason) }
  ]);
  await engine.exec(
    `INSERT INTO ${ident(raw)} (_nm_line, _nm_fault) SELECT CAST(_nm_line AS INTEGER), _nm_fault FROM ${ident(faults)}`
  );
  await engine.exec(`DROP TABLE IF EXISTS ${ident(faults)}`);
  return unit(true);
}

/** read_csv of a file with `fields` VARCHAR columns c0..; `lined`: led by an INTEGER `_nm_line` column. */
function readCsv(path: string, fields: number, lined: boolean): string {
  const columns = [
    ...(lined ? [`'_nm_line': 'INTEGER'`] : []),
    ...Array.from({ length: fields }, (_, i) => `${lit('c' + i)}: 'VARCHAR'`)
  ].join(', ');
  return `read_csv(${lit(path)}, header = true, auto_detect = false, columns = {${columns}},
      delim = ',', quote = '"', escape = '"', encoding = 'utf-8')`;
}

function csvError(e: unknown, headers: string[]): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = /CSV Error on Line: (\d+)/.exec(msg)?.[1];
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (/unicode|utf-8/i.test(msg)) return `it is not UTF-8 text${line ? ` (line ${line})` : ''}; save it as "CSV UTF-8"`;
  if (cols) {
    return `line ${line ?? '?'} has ${cols[2]} fields but the header has ${cols[1]}${
      headers.length === 1 && headers[0]?.includes(';') ? ' (the file looks separated by semicolons; save it comma separated)' : ''
    }`;
  }
  return (msg.split('\n')[0] ?? msg).replace(/^[A-Za-z ]*Error: /, '');
}

/** Stage one file: its units (one per CSV/Parquet file, one per XLSX sheet), or the problem. */
export async function stageFile(
  engine: Engine,
  name: string,
  bytes: Uint8Array,
  decode: Decode,
  reread?: () => Promise<Uint8Array>
): Promise<StageResult> {
  const format = fileFormat(name);
  if (format === null) return { problem: 'not a CSV, Parquet or XLSX file' };
  if (format === 'csv') return stageCsv(engine, name, bytes, reread);
  if (bytes.length === 0) return { problem: 'the file is empty' };
  if (format === 'parquet') {
    const magic = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
    if (bytes.length < 12 || magic(0) !== 'PAR1' || magic(bytes.length - 4) !== 'PAR1') {
      return { problem: 'the file is not a Parquet file' };
    }
    let sheet: DecodedSheet;
    try {
      const [first] = await decode('parquet', name, bytes);
      if (!first) throw new Error('no data decoded');
      sheet = first;
    } catch (e) {
      return { problem: 'the file cannot be read as Parquet: ' + (e instanceof Error ? e.message : String(e)) };
    }
    if (sheet.headers.length === 0) return { problem: 'the file has no columns' };
    const { raw, faultColumns } = await stageDecoded(engine, sheet);
    const unit: StagedUnit = { label: name, table: tableOfFile(name), raw, headers: sheet.headers, faultColumns, rowFaults: false };
    if (sheet.nested && sheet.nested.length > 0) {
      const longest = Math.max(0, ...sheet.nested.map((f) => f.values.length));
      const nestedRaw = raw + '_nested';
      await engine.createTextTable(
        nestedRaw,
        sheet.nested.map((f, i) => ({
          name: 'n' + i,
          values: Array.from({ length: longest }, (_, r) => f.values[r] ?? null)
        }))
      );
      unit.nested = { raw: nestedRaw, headers: sheet.nested.map((f) => f.name) };
    }
    return { units: [unit] };
  }
  // an XLSX workbook is a zip archive: refuse anything else rather than let the reader guess a format
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    return { problem: 'the file is not an XLSX workbook' };
  }
  const bomb = zipBombProblem(bytes);
  if (bomb) return { problem: bomb };
  let sheets;
  try {
    sheets = await decode('xlsx', name, bytes);
  } catch (e) {
    return { problem: 'the file cannot be read as an XLSX workbook: ' + (e instanceof Error ? e.message : String(e)) };
  }
  const units: StagedUnit[] = [];
  for (const s of sheets) {
    const { raw, faultColumns } = await stageDecoded(engine, s);
    units.push({
      label: `${name} [${s.sheet}]`,
      table: tableOfSheet(s.sheet),
      raw,
      headers: s.headers,
      faultColumns,
      rowFaults: false
    });
  }
  if (units.length === 0) return { problem: 'the workbook has no sheets' };
  return { units };
}

export async function dropStaged(engine: Engine, units: readonly StagedUnit[]): Promise<void> {
  for (const u of units) {
    await engine.exec(`DROP TABLE IF EXISTS ${ident(u.raw)}`);
    if (u.nested) await engine.exec(`DROP TABLE IF EXISTS ${ident(u.nested.raw)}`);
  }
}

/** Drop only the nested-values table of units (once the privacy guard has read it). */
export async function dropNested(engine: Engine, units: readonly StagedUnit[]): Promise<void> {
  for (const u of units) if (u.nested) await engine.exec(`DROP TABLE IF EXISTS ${ident(u.nested.raw)}`);
}
