/**
 * decodeInWorker's protocol against a stand-in Worker (Node has no Web Worker): the stand-in answers
 * each message with answerDecodeRequest, as decode-worker.ts does, and can be made to crash.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { answerDecodeRequest, type DecodeReply, type DecodeRequest } from './decode';

class FakeWorker {
  static made: FakeWorker[] = [];
  static crashNext = false;
  onmessage: ((ev: { data: DecodeReply }) => void) | null = null;
  onerror: ((ev: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  transfers: Transferable[][] = [];
  constructor(
    readonly url: URL,
    readonly opts: WorkerOptions
  ) {
    FakeWorker.made.push(this);
  }
  postMessage(req: DecodeRequest, transfer: Transferable[]): void {
    this.transfers.push(transfer);
    if (FakeWorker.crashNext) {
      FakeWorker.crashNext = false;
      setTimeout(() => this.onerror?.({ message: 'out of memory', preventDefault() {} }), 0);
      return;
    }
    void answerDecodeRequest(req).then((reply) => setTimeout(() => this.onmessage?.({ data: reply }), 0));
  }
  terminate(): void {
    this.terminated = true;
  }
}

function workbook(): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['training_id'], ['T1'], ['T2']]), 'training');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('decodeInWorker', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    FakeWorker.crashNext = false;
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
    performance.clearMarks('nm-decode-worker');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('decodes in one reused module worker, transferring a copy of the bytes, and marks each decode', async () => {
    const { decodeInWorker } = await import('./decode-in-worker');
    const bytes = workbook();
    const before = bytes.slice();
    const [a, b] = await Promise.all([decodeInWorker('xlsx', 'one.xlsx', bytes), decodeInWorker('xlsx', 'two.xlsx', bytes)]);
    // header training_id, rows 2 and 3 of the sheet
    expect(a).toEqual([{ sheet: 'training', headers: ['training_id'], columns: [['T1', 'T2']], lines: [2, 3] }]);
    expect(b).toEqual(a);
    expect(FakeWorker.made.length).toBe(1);
    const w = FakeWorker.made[0]!;
    expect(w.opts).toEqual({ type: 'module' });
    expect(w.url.pathname.endsWith('/decode-worker.ts')).toBe(true);
    // each message transfers one buffer, a copy: the caller's bytes are untouched
    expect(w.transfers.map((t) => t.length)).toEqual([1, 1]);
    expect(w.transfers[0]![0]).not.toBe(bytes.buffer);
    expect(bytes).toEqual(before);
    const marks = performance.getEntriesByName('nm-decode-worker') as PerformanceMark[];
    expect(marks.map((m) => (m.detail as { file: string }).file).sort()).toEqual(['one.xlsx', 'two.xlsx']);
  });

  it("rejects with the decoder's own message when the file cannot be decoded", async () => {
    const { decodeInWorker } = await import('./decode-in-worker');
    const bytes = new TextEncoder().encode('PAR1 junk PAR1');
    const expected = await answerDecodeRequest({ id: 0, format: 'parquet', name: 'x.parquet', bytes: bytes.slice() });
    if (expected.ok) throw new Error('junk decoded');
    await expect(decodeInWorker('parquet', 'x.parquet', bytes)).rejects.toThrow(expected.message);
    expect(FakeWorker.made.length).toBe(1);
    expect(FakeWorker.made[0]!.terminated).toBe(false);
  });

  it('rejects naming the file when the worker itself fails, and starts a fresh worker next time', async () => {
    const { decodeInWorker } = await import('./decode-in-worker');
    FakeWorker.crashNext = true;
    await expect(decodeInWorker('xlsx', 'big.xlsx', workbook())).rejects.toThrow(
      'the decode worker failed while reading big.xlsx: out of memory'
    );
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    const sheets = await decodeInWorker('xlsx', 'again.xlsx', workbook());
    expect(sheets[0]?.columns).toEqual([['T1', 'T2']]);
    expect(FakeWorker.made.length).toBe(2);
  });
});
