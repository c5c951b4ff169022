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
  // walk the flattened schema tree: top-level children of the root, skipping nested descendants
  let i = 1;
  for (let c = 0; c < (root?.num_children ?? 0); c++) {
    const el = schema[i];
    if (!el) break;
    headers.push(el.name);
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
  return { headers, columns, lines: rows.map((_, r) => r + 1) };
}

/** Index after the subtree rooted at schema[i]. */
function skip(schema: { num_children?: number }[], i: number): number {
  const n = schema[i]?.num_children ?? 0;
  let j = i + 1;
  for (let k = 0; k < n; k++) j = skip(schema, j);
  return j;
}
