/**
 * Before loading: will this extract fit in one browser tab? An estimate from the files' sizes, so
 * that an extract too large is refused at once, with the command-line route, instead of failing
 * minutes later when duckdb-wasm runs out of memory (its 32-bit WebAssembly memory tops out at 4 GiB,
 * and the tab needs room for the page besides).
 *
 * The ratio is measured, not guessed: `npm run bench` prints the tab's peak memory at 1M referrals
 * against the extract's CSV bytes (1.5 GB for 154 MB of CSV when this was written: about 10 bytes of
 * tab per byte of CSV). Update TAB_BYTES_PER_CSV_BYTE from the bench's figure when the ingest changes.
 */

/** Tab memory per byte of CSV (bench: peak tab memory at 1M referrals / CSV bytes). */
export const TAB_BYTES_PER_CSV_BYTE = 10;

/**
 * Bytes of CSV a file of each format stands for (compressed formats hold more rows per byte).
 * Parquet and XLSX are zip/snappy-compressed columns; their factors are estimates, to be measured.
 */
export const CSV_EQUIVALENT: Readonly<Record<string, number>> = { csv: 1, parquet: 5, xlsx: 6 };

/** What one tab can hold: duckdb-wasm's 4 GiB memory ceiling, less room for the page itself. */
export const TAB_BUDGET_BYTES = 3.5 * 1024 ** 3;

export const COMMAND_LINE_ROUTE = 'npm run metrics -- --data DIR';

export interface SizedFile {
  name: string;
  /** Size in bytes. */
  size: number;
}

export interface CapacityEstimate {
  /** Estimated peak tab memory for loading and using this extract. */
  estimatedBytes: number;
  budgetBytes: number;
  fits: boolean;
}

function format(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : 'csv';
}

export function estimateTabBytes(
  files: readonly SizedFile[],
  opts: { ratio?: number; budgetBytes?: number } = {}
): CapacityEstimate {
  const ratio = opts.ratio ?? TAB_BYTES_PER_CSV_BYTE;
  const budgetBytes = opts.budgetBytes ?? TAB_BUDGET_BYTES;
  const csvBytes = files.reduce((s, f) => s + f.size * (CSV_EQUIVALENT[format(f.name)] ?? 1), 0);
  const estimatedBytes = csvBytes * ratio;
  return { estimatedBytes, budgetBytes, fits: estimatedBytes <= budgetBytes };
}

const gb = (b: number): string => `${(b / 1024 ** 3).toFixed(1)} GB`;
const mb = (b: number): string => `${Math.round(b / 1024 ** 2)} MB`;

/**
 * null when the extract fits; otherwise the message to show instead of loading it, naming the
 * command-line route (which computes every metric on native DuckDB, spilling to disk).
 */
export function capacityRefusal(
  files: readonly SizedFile[],
  opts: { ratio?: number; budgetBytes?: number } = {}
): string | null {
  const est = estimateTabBytes(files, opts);
  if (est.fits) return null;
  const total = files.reduce((s, f) => s + f.size, 0);
  return (
    `This extract (${files.length} file${files.length === 1 ? '' : 's'}, ${mb(total)}) is too large for one browser tab: ` +
    `it would need about ${gb(est.estimatedBytes)} of memory, and a tab can hold about ${gb(est.budgetBytes)}. ` +
    `Nothing was loaded. Compute its measures on this computer instead with the command line: ` +
    `\`${COMMAND_LINE_ROUTE}\` (DIR = the folder holding the extract's files).`
  );
}
