/** Decode a Parquet file in JavaScript (hyparquet; no DuckDB extension is ever fetched) into text columns. */
import { parquetMetadata, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetCellText } from './cells';

export interface DecodedSheet {
  headers: string[];
  /** one array per column, cell text or null */
  columns: (string | null)[][];
  /** row number of each row */
  lines: number[];
  /**
   * Cells that hold no readable value and must reject their field (an XLSX formula with no saved
   * value): per header index, one reason (or null) per row. Absent when there are none.
   */
  faults?: { column: number; reasons: (string | null)[] }[];
  /**
   * Parquet only: the leaf fields inside nested (struct / list) columns, by dotted path
   * (`person.nhs_number`), with every value they hold, for the privacy guard. Absent when none.
   */
  nested?: { name: string; values: (string | null)[] }[];
}

/**
 * Read all top-level columns of a Parquet file as cell text. `isMonthColumn` says which headers map
 * to a month field (a date cell then gives its month).
 */
export async function readParquet(
  bytes: Uint8Array,
  isMonthColumn: (header: string) => boolean
): Promise<DecodedSheet> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  const schema = metadata.schema;
  const root = schema[0];
  const headers: string[] = [];
  const zoned: boolean[] = [];
  const nestedPaths: string[] = [];
  // walk the flattened schema tree: top-level children of the root, skipping nested descendants
  let i = 1;
  for (let c = 0; c < (root?.num_children ?? 0); c++) {
    const el = schema[i];
    if (!el) break;
    headers.push(el.name);
    if ((el.num_children ?? 0) > 0) leafPaths(schema, i, '', nestedPaths);
    const lt = el.logical_type;
    zoned.push(
      lt?.type === 'TIMESTAMP'
        ? lt.isAdjustedToUTC
        : el.converted_type === 'TIMESTAMP_MILLIS' || el.converted_type === 'TIMESTAMP_MICROS'
    );
    i = skip(schema, i);
  }
  const rows = await new Promise<unknown[][]>((resolve, reject) => {
    parquetRead({ file, metadata, compressors, rowFormat: 'array', onComplete: (r) => resolve(r as unknown[][]) }).catch(
      reject
    );
  });
  const month = headers.map((h) => isMonthColumn(h));
  const columns = headers.map((_, c) =>
    rows.map((r) => parquetCellText(r[c], { zoned: zoned[c] ?? false, monthField: month[c] ?? false }))
  );
  const sheet: DecodedSheet = { headers, columns, lines: rows.map((_, r) => r + 1) };
  if (nestedPaths.length > 0) {
    const values = new Map<string, (string | null)[]>(nestedPaths.map((p) => [p, []]));
    headers.forEach((h, c) => {
      if (!nestedPaths.some((p) => p.startsWith(h + '.'))) return;
      for (const r of rows) collectLeaves(r[c], h, values);
    });
    sheet.nested = nestedPaths.map((name) => ({ name, values: values.get(name) ?? [] }));
  }
  return sheet;
}

/** Wrapper names of Parquet lists and maps, left out of a nested field's path. */
const WRAPPERS = new Set(['list', 'element', 'item', 'array', 'key_value']);

/** Dotted paths of the leaf fields under schema[i] (wrappers of lists and maps left out). */
function leafPaths(schema: { name: string; num_children?: number }[], i: number, prefix: string, out: string[]): number {
  const el = schema[i]!;
  const path = WRAPPERS.has(el.name) && prefix !== '' ? prefix : prefix === '' ? el.name : `${prefix}.${el.name}`;
  const n = el.num_children ?? 0;
  if (n === 0) {
    out.push(path);
    return i + 1;
  }
  let j = i + 1;
  for (let k = 0; k < n; k++) j = leafPaths(schema, j, path, out);
  return j;
}

/** Every leaf value of a decoded nested value, by dotted path (list elements share their path). */
function collectLeaves(v: unknown, path: string, out: Map<string, (string | null)[]>): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    for (const x of v) collectLeaves(x, path, out);
    return;
  }
  if (typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) collectLeaves(x, `${path}.${k}`, out);
    return;
  }
  out.get(path)?.push(parquetCellText(v));
}

/** Index after the subtree rooted at schema[i]. */
function skip(schema: { num_children?: number }[], i: number): number {
  const n = schema[i]?.num_children ?? 0;
  let j = i + 1;
  for (let k = 0; k < n; k++) j = skip(schema, j);
  return j;
}
