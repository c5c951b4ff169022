/**
 * The decode hook: loadExtract decodes Parquet/XLSX through opts.decode (default in-process), a
 * decoder's error becomes the file's refusal, and the worker's request handler (answerDecodeRequest)
 * decodes with the contract's month rule and reports errors as data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { NodeEngine } from '../engine/node';
import { answerDecodeRequest, decodeInProcess, type Decode } from './decode';
import { loadExtract } from './index';

const TODAY = { today: '2024-06-30' };
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);

function workbook(sheets: Record<string, unknown[][]>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('loadExtract with a decode hook', () => {
  let engine: NodeEngine;
  beforeEach(async () => {
    engine = await NodeEngine.create();
  });
  afterEach(async () => {
    await engine.close();
  });

  it('stages what the hook decodes, and calls it once per Parquet/XLSX file only', async () => {
    const calls: string[] = [];
    const decode: Decode = async (format, name) => {
      calls.push(`${format} ${name}`);
      // the hook's own data, not the bytes' (which are only a zip signature)
      return [
        {
          sheet: 'referrals',
          headers: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern'],
          columns: [
            ['R1', 'R2'],
            ['C1', 'C2'],
            ['2024-01-05', 'not a date'],
            ['police', 'health'],
            ['yes', 'no']
          ],
          lines: [2, 3]
        }
      ];
    };
    const csv = new TextEncoder().encode('quarter,agency,tool,staff_in_scope,staff_trained\n2024-25 Q1,police,gcp2,10,5\n');
    const report = await loadExtract(engine, [{ name: 'book.xlsx', bytes: ZIP }, { name: 'training.csv', bytes: csv }], {
      ...TODAY,
      decode
    });
    expect(calls).toEqual(['xlsx book.xlsx']); // the CSV goes to DuckDB, not to the hook
    // R1 valid; R2 'not a date' in the required referral_date -> rejected at line 3: 2 = 1 + 1
    expect(report.tables.referrals?.parts).toEqual([
      // the columns the file has: the fields its rows record (imports.md, 'not recorded')
      { file: 'book.xlsx [referrals]', read: 2, loaded: 1, rejected: 1, warnings: {}, recorded: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern'] }
    ]);
    expect(report.rejections.map((r) => [r.file, r.line, r.column])).toEqual([['book.xlsx [referrals]', 3, 'referral_date']]);
    expect(await engine.query('SELECT referral_id FROM referrals')).toEqual([{ referral_id: 'R1' }]);
  });

  it("turns the hook's error into the file's refusal, as an in-process decoding error would be", async () => {
    const decode: Decode = async () => {
      throw new Error('boom in the worker');
    };
    const pq = new TextEncoder().encode('PAR1xxxxxxxxPAR1'); // passes the magic check, reaches the hook
    const report = await loadExtract(engine, [{ name: 'referrals.parquet', bytes: pq }], { ...TODAY, decode });
    expect(report.refused).toEqual([
      { file: 'referrals.parquet', reason: 'referrals.parquet refused: the file cannot be read as Parquet: boom in the worker.' }
    ]);
    expect(report.replaced).toBe(false);
  });
});

describe('answerDecodeRequest (what the worker does)', () => {
  it('decodes a workbook with the month rule of the contract, per sheet', async () => {
    const bytes = workbook({
      children: [
        ['child_id', 'birth_month'],
        ['C1', '2015-04-17']
      ],
      referrals: [
        ['referral_id', 'referral_date'],
        ['R1', '2024-01-05']
      ]
    });
    const reply = await answerDecodeRequest({ id: 7, format: 'xlsx', name: 'b.xlsx', bytes });
    expect(reply.id).toBe(7);
    if (!reply.ok) throw new Error(reply.message);
    // text cells stay as typed; the month rule applies to date cells, so compare with a date cell:
    expect(reply.sheets.map((s) => [s.sheet, s.headers, s.columns, s.lines])).toEqual([
      ['children', ['child_id', 'birth_month'], [['C1'], ['2015-04-17']], [2]],
      ['referrals', ['referral_id', 'referral_date'], [['R1'], ['2024-01-05']], [2]]
    ]);
    expect(reply.ms).toBeGreaterThanOrEqual(0);
  });

  it('gives a month field a date cell as its month, and a date field the whole date', async () => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([
      ['child_id', 'Birth Month', 'registered'],
      ['C1', new Date(Date.UTC(2015, 3, 17)), new Date(Date.UTC(2015, 3, 17))]
    ], { cellDates: true });
    XLSX.utils.book_append_sheet(wb, ws, 'Children');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const reply = await answerDecodeRequest({ id: 1, format: 'xlsx', name: 'c.xlsx', bytes });
    if (!reply.ok) throw new Error(reply.message);
    // 'Birth Month' maps to children.birth_month (a month field) -> '2015-04'; 'registered' is no
    // contract field -> the date as written, 2015-04-17.
    expect(reply.sheets[0]?.columns).toEqual([['C1'], ['2015-04'], ['2015-04-17']]);
  });

  it('reports a decoding error as a message, the same one in-process decoding throws', async () => {
    const bytes = new TextEncoder().encode('PAR1 not really parquet PAR1');
    const inProcess = await decodeInProcess('parquet', 'referrals.parquet', bytes).then(
      () => 'no error',
      (e: Error) => e.message
    );
    const reply = await answerDecodeRequest({ id: 2, format: 'parquet', name: 'referrals.parquet', bytes });
    expect(reply).toEqual({ id: 2, ok: false, message: inProcess });
    expect(inProcess).not.toBe('no error');
  });
});
