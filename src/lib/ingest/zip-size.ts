/**
 * The size a zip archive (an XLSX workbook) claims it unzips to, read from its central directory
 * without unzipping anything: a guard against zip bombs before the workbook is decoded.
 */

/** Total uncompressed bytes of all entries, or null when no central directory is found. */
export function unzippedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let end = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > n || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    // a Zip64 entry (size 0xFFFFFFFF) is over 4 GB
    total += size === 0xffffffff ? 2 ** 32 : size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/** Largest unzipped workbook read at all (bytes). */
export const UNZIPPED_MAX = 1024 * 1024 * 1024;
/** A workbook over this unzipped size (bytes) must not expand more than RATIO_MAX times. */
export const UNZIPPED_LARGE = 100 * 1024 * 1024;
export const RATIO_MAX = 100;

/** The refusal for a workbook that unzips to too much, or null. */
export function zipBombProblem(bytes: Uint8Array): string | null {
  const size = unzippedSize(bytes);
  if (size === null) return null;
  const ratio = size / Math.max(1, bytes.length);
  if (size > UNZIPPED_MAX || (size > UNZIPPED_LARGE && ratio > RATIO_MAX)) {
    const mb = Math.round(size / (1024 * 1024)).toLocaleString('en-GB');
    return `the workbook unzips to ${mb} MB, ${Math.round(ratio).toLocaleString('en-GB')} times its own size, which is too large to read safely (a zip bomb?); save its sheets as CSV files and load those`;
  }
  return null;
}
