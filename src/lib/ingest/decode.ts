/**
 * The one decoding code path for Parquet and XLSX files (hyparquet / @e965/xlsx via read-parquet.ts
 * and read-xlsx.ts), run in-process in Node and inside the decode worker in the browser. The
 * month-column rule is derived here from the contract, so nothing but data crosses to a worker.
 * Browser-safe: no node: imports.
 */
import { tableSpec } from '../contract/tables';
import { mapColumns, tableOfFile, tableOfSheet } from './names';
import { readParquet } from './read-parquet';
import { readXlsx, type XlsxSheet } from './read-xlsx';

export type DecodeFormat = 'parquet' | 'xlsx';

/** A decoded sheet; a Parquet file gives one, named after the file. */
export type DecodedFileSheet = XlsxSheet;

/** Decode a file's bytes into text sheets (in-process, or in a worker in the browser). */
export type Decode = (format: DecodeFormat, name: string, bytes: Uint8Array) => Promise<DecodedFileSheet[]>;

/** Whether a header of the named table maps to a month field (a date cell then gives its month). */
export function isMonthColumn(table: string, header: string): boolean {
  const spec = tableSpec(table);
  if (!spec) return false;
  const m = mapColumns(spec, [header]);
  const f = spec.fields.find((x) => m.fields.has(x.name));
  return f?.kind === 'month';
}

/** Decode in this thread. Decoding errors are thrown as they come from the reader. */
export const decodeInProcess: Decode = async (format, name, bytes) => {
  if (format === 'parquet') {
    const table = tableOfFile(name);
    const sheet = await readParquet(bytes, (h) => isMonthColumn(table, h));
    return [{ ...sheet, sheet: name }];
  }
  return readXlsx(bytes, (sheet, h) => isMonthColumn(tableOfSheet(sheet), h));
};

/** A request to the decode worker. */
export interface DecodeRequest {
  id: number;
  format: DecodeFormat;
  name: string;
  bytes: Uint8Array;
}

/** The decode worker's answer: the sheets, or the decoder's error message; ms = decoding time. */
export type DecodeReply =
  | { id: number; ok: true; sheets: DecodedFileSheet[]; ms: number }
  | { id: number; ok: false; message: string };

/** What the decode worker does with one request (kept here so it is testable without a worker). */
export async function answerDecodeRequest(req: DecodeRequest): Promise<DecodeReply> {
  const t0 = performance.now();
  try {
    const sheets = await decodeInProcess(req.format, req.name, req.bytes);
    return { id: req.id, ok: true, sheets, ms: performance.now() - t0 };
  } catch (e) {
    return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
