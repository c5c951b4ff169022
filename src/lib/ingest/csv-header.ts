/** Reading a CSV file's header row in JavaScript (the data rows are read by DuckDB). */

const HEAD_BYTES = 1 << 20;

export type CsvProblem = { problem: string };

/** Check the bytes look like UTF-8 CSV text and return the header fields, or the problem. */
export function readCsvHeader(bytes: Uint8Array): { headers: string[] } | CsvProblem {
  if (bytes.length === 0) return { problem: 'the file is empty' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'the file is encoded as UTF-16; save it as "CSV UTF-8" and load it again' };
  }
  const head = bytes.subarray(0, Math.min(bytes.length, HEAD_BYTES));
  let nuls = 0;
  for (let i = 0; i < Math.min(head.length, 4096); i++) if (head[i] === 0) nuls++;
  if (nuls > 0) {
    return {
      problem:
        nuls * 4 >= Math.min(head.length, 4096)
          ? 'the file looks encoded as UTF-16 (or is not text); save it as "CSV UTF-8" and load it again'
          : 'the file is not CSV text (it holds binary data)'
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return { problem: 'the file is not UTF-8 text (not a CSV export, or a different encoding); save it as "CSV UTF-8"' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { problem: 'the file is empty' };
  const headers = firstRecord(text);
  if (headers === null) return { problem: 'the header row is not valid CSV (an unclosed quote)' };
  if (headers.every((h) => h.trim() === '')) return { problem: 'the file has no header row' };
  return { headers };
}

/** Parse the first RFC 4180 record of `text` (comma separated, `"` quoting). */
function firstRecord(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  let field = '';
  for (;;) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    }
    while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
    out.push(field);
    field = '';
    if (i >= text.length || text[i] === '\n' || text[i] === '\r') return out;
    i++; // comma
  }
}
