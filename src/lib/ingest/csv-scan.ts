/**
 * One pass over a CSV file's bytes (RFC 4180: comma, `"` quoting) that finds what DuckDB's reader
 * cannot take line by line: rows with more or fewer fields than the header, a cell over 1 MB, a
 * stray quote, mixed CRLF / LF / CR line endings, and anything that makes a row's physical line
 * differ from its position (blank lines, line breaks inside quoted fields).
 *
 * When none of that is found the file is `regular`: DuckDB reads the bytes as they are and a row's
 * line is its position + 1. Otherwise the scan gives a cleaned copy (header and readable rows, each
 * ended by LF), the physical line of each of those rows, and one fault per unreadable row. Line
 * numbers are physical lines of the file, 1 = the first line of the header.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Longest cell read (bytes); a longer one makes its row a rejected row. */
export const CELL_MAX = 1 << 20;
/** Longest row read (bytes; DuckDB's own line limit is 2 MB). */
export const ROW_MAX = 2_000_000;

export interface CsvFault {
  line: number;
  reason: string;
}

export type CsvScan =
  | { regular: true }
  /** clean: `_nm_line,` + header, then `<line>,` + each readable row, each ended by LF */
  | { regular: false; clean: Uint8Array; rows: number; faults: CsvFault[] };

/**
 * Physical lines of a text (LF, CRLF or CR each end one; an unterminated last line counts). When a
 * CSV reader gives one row fewer than this, every row sat on one line and none was skipped.
 */
export function physicalLines(bytes: Uint8Array): number {
  let lines = 0;
  let i = -1;
  while ((i = bytes.indexOf(LF, i + 1)) !== -1) lines++;
  i = -1;
  while ((i = bytes.indexOf(CR, i + 1)) !== -1) if (bytes[i + 1] !== LF) lines++;
  const last = bytes[bytes.length - 1];
  if (bytes.length > 0 && last !== LF && last !== CR) lines++;
  return lines;
}

/**
 * Scan `bytes` (a UTF-8 CSV whose header has `headerFields` fields). Never throws on bad rows: each
 * becomes a fault with its reason.
 */
export function scanCsv(bytes: Uint8Array, headerFields: number): CsvScan {
  const n = bytes.length;
  const start = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

  // Records: [begin, end) byte ranges of each record's text (without its line ending), its first
  // physical line, and its fault (null when readable). Kept as growing typed arrays only once the
  // file turns out irregular; until then only counters.
  let regular = true;
  let line = 1; // physical line of the current position
  let terminators = 0; // bit 1 = LF, 2 = CRLF, 4 = CR
  const begins: number[] = [];
  const ends: number[] = [];
  const firstLines: number[] = [];
  const faults: (string | null)[] = [];
  let recordIndex = 0;

  let i = start;
  while (i < n) {
    const recBegin = i;
    const recLine = line;
    let fields = 1;
    let fault: string | null = null;
    let cellBegin = i;
    let multiLine = false;
    let quoted = false;
    let closedQuote = false;
    // one record
    for (;;) {
      if (i >= n) break;
      const b = bytes[i]!;
      if (quoted) {
        if (b === QUOTE) {
          if (i + 1 < n && bytes[i + 1] === QUOTE) {
            i += 2;
            continue;
          }
          quoted = false;
          closedQuote = true;
          i++;
          continue;
        }
        if (b === LF) {
          line++;
          multiLine = true;
        } else if (b === CR) {
          if (i + 1 < n && bytes[i + 1] === LF) i++;
          line++;
          multiLine = true;
        }
        i++;
        continue;
      }
      if (b === COMMA) {
        if (i - cellBegin > CELL_MAX && fault === null) fault = 'a cell is too long to read (over 1 MB)';
        fields++;
        i++;
        cellBegin = i;
        closedQuote = false;
        continue;
      }
      if (b === LF || b === CR) break;
      if (b === QUOTE) {
        if (i === cellBegin) {
          quoted = true;
        } else if (fault === null) {
          fault = closedQuote ? 'a character after a closing quote (")' : 'a stray quote (") in a cell that does not begin with one';
        }
        i++;
        continue;
      }
      if (closedQuote && fault === null) fault = 'a character after a closing quote (")';
      i++;
    }
    const recEnd = i;
    if (quoted && fault === null) fault = 'a quote (") opened on this line is never closed';
    if (recEnd - cellBegin > CELL_MAX && fault === null) fault = 'a cell is too long to read (over 1 MB)';
    if (recEnd - recBegin > ROW_MAX && fault === null) fault = 'the line is too long to read (over 2 MB)';
    // line ending
    if (i < n) {
      if (bytes[i] === CR) {
        if (i + 1 < n && bytes[i + 1] === LF) {
          terminators |= 2;
          i += 2;
        } else {
          terminators |= 4;
          i++;
        }
      } else {
        terminators |= 1;
        i++;
      }
      line++;
    }
    const blank = recEnd === recBegin;
    if (!blank && fault === null && recordIndex > 0 && fields !== headerFields) {
      fault = `has ${fields} field${fields === 1 ? '' : 's'}, the header has ${headerFields}`;
    }
    if (regular && (blank || multiLine || fault !== null || (terminators & (terminators - 1)) !== 0)) {
      regular = false;
    }
    if (!blank) {
      begins.push(recBegin);
      ends.push(recEnd);
      firstLines.push(recLine);
      faults.push(recordIndex === 0 ? null : fault);
      recordIndex++;
    }
  }
  if (regular) return { regular: true };

  // cleaned copy: header and readable rows, each ended by LF and led by its physical line
  const enc = new TextEncoder();
  const prefixes: Uint8Array[] = [];
  let size = 0;
  let good = 0;
  for (let r = 0; r < begins.length; r++) {
    if (faults[r] !== null) continue;
    const prefix = enc.encode(r === 0 ? '_nm_line,' : `${firstLines[r]},`);
    prefixes[r] = prefix;
    size += prefix.length + ends[r]! - begins[r]! + 1;
    if (r > 0) good++;
  }
  const clean = new Uint8Array(size);
  const out: CsvFault[] = [];
  let at = 0;
  for (let r = 0; r < begins.length; r++) {
    const f = faults[r];
    if (f !== null && f !== undefined) {
      out.push({ line: firstLines[r]!, reason: f });
      continue;
    }
    clean.set(prefixes[r]!, at);
    at += prefixes[r]!.length;
    clean.set(bytes.subarray(begins[r]!, ends[r]!), at);
    at += ends[r]! - begins[r]!;
    clean[at++] = LF;
  }
  return { regular: false, clean, rows: good, faults: out };
}
