/**
 * One line never refuses a whole CSV file: ragged rows, a cell over 1 MB, stray quotes and mixed
 * line endings each give one rejected row (or none), and every line number is the physical line.
 * Asserted exactly on native DuckDB and on duckdb-wasm, which share this code path.
 */
import { describe, expect, it } from 'vitest';
import { bothEngines } from './both-engines';
import { loadExtract, type LoadReport } from '../../src/lib/ingest/index';
import { physicalLines, scanCsv } from '../../src/lib/ingest/csv-scan';

const H = 'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date';
const ok = (id: string) => `${id},C1,2024-01-05,police,yes,,,`;
const enc = (s: string) => new TextEncoder().encode(s);

const engines = bothEngines();

async function both(text: string): Promise<LoadReport> {
  const a = await loadExtract(engines.native, [{ name: 'referrals.csv', bytes: enc(text) }], { today: '2024-06-30' });
  const b = await loadExtract(engines.wasm, [{ name: 'referrals.csv', bytes: enc(text) }], { today: '2024-06-30' });
  expect(b).toEqual(a);
  return a;
}

const counts = (r: LoadReport) => {
  const t = r.tables.referrals!;
  return [t.read, t.loaded, t.rejected];
};
const entries = (r: LoadReport) => r.rejections.map((e) => [e.line, e.column, e.value, e.reason]);

describe('CSV lines', () => {
  it('a cell over 1 MB is one rejected row; a 3 MB cell too; the rest loads', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const justOver = 'y'.repeat(1024 * 1024 + 1);
    const r = await both(`${H}\n${ok('R1')}\nR2,C1,2024-01-05,police,yes,,"${big}",\nR3,C1,2024-01-05,police,yes,,${justOver},\n${ok('R4')}\n`);
    expect(counts(r)).toEqual([4, 2, 2]);
    expect(entries(r)).toEqual([
      [3, '(whole row)', '', 'a cell is too long to read (over 1 MB)'],
      [4, '(whole row)', '', 'a cell is too long to read (over 1 MB)']
    ]);
    expect(r.replaced).toBe(true);
  });

  it('counts blank lines and lines inside quoted fields (line 30 is reported as 30)', async () => {
    // lines 2-9: R1..R8; line 10 blank; lines 11-12: R9 with a quoted line break in outcome; lines
    // 13-29: R10..R26; line 30: R27 with a bad date
    const rows = [
      ...Array.from({ length: 8 }, (_, k) => ok(`R${k + 1}`)),
      '',
      'R9,C1,2024-01-05,police,yes,,"nfa\nreally",',
      ...Array.from({ length: 17 }, (_, k) => ok(`R${k + 10}`)),
      'R27,C1,bad,police,yes,,,'
    ];
    const r = await both(`${H}\n${rows.join('\n')}\n`);
    expect(counts(r)).toEqual([27, 26, 1]);
    expect(r.rejections.map((e) => [e.line, e.column])).toEqual([[30, 'referral_date']]);
    expect(r.warnings.map((e) => [e.line, e.column])).toEqual([[11, 'outcome']]);
  });

  it('reads CRLF, LF and CR line endings mixed in one file', async () => {
    const r = await both(`${H}\r\n${ok('R1')}\n${ok('R2')}\r${ok('R3')}\r\n${ok('R4')}`);
    expect(counts(r)).toEqual([4, 4, 0]);
    expect(r.refused).toEqual([]);
  });

  it('a regular file takes the fast path (no scan copy); an irregular one is scanned', () => {
    expect(scanCsv(enc(`${H}\n${ok('R1')}\n`), 8)).toEqual({ regular: true });
    const s = scanCsv(enc(`${H}\n${ok('R1')},\n\n${ok('R2')}\n`), 8);
    expect(s.regular).toBe(false);
    if (!s.regular) {
      expect(new TextDecoder().decode(s.clean)).toBe(`_nm_line,${H}\n4,${ok('R2')}\n`);
      expect(s.faults).toEqual([{ line: 2, reason: 'has 9 fields, the header has 8' }]);
    }
    expect(physicalLines(enc('a\r\nb\nc\rd'))).toBe(4);
    expect(physicalLines(enc('a\n'))).toBe(1);
  });

  it('rows read = loaded + rejected when every data row is broken: a failed load, the file not refused', async () => {
    const r = await both(`${H}\nR1,C1\nR2,C1,2024-01-05,police,yes,,,,,\n`);
    expect(counts(r)).toEqual([2, 0, 2]);
    expect(entries(r)).toEqual([
      [2, '(whole row)', '', 'has 2 fields, the header has 8'],
      [3, '(whole row)', '', 'has 10 fields, the header has 8']
    ]);
    expect(r.refused).toEqual([]);
    expect(r.replaced).toBe(false);
  });
});
