/**
 * Browser only: decode Parquet and XLSX files in one reused Web Worker (decode-worker.ts), so a big
 * workbook does not freeze the page. The bytes are copied and the copy transferred (the caller's
 * bytes stay usable). A decoding error rejects with the decoder's own message (as in-process
 * decoding would throw it); a failure of the worker itself rejects, naming the file, and the next
 * call starts a fresh worker. Each decode done in the worker leaves a performance mark
 * `nm-decode-worker` with detail { file, ms }.
 */
import type { Decode, DecodeReply, DecodeRequest, DecodedFileSheet } from './decode';

interface Pending {
  name: string;
  resolve: (sheets: DecodedFileSheet[]) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(w: Worker, why: string): void {
  if (worker === w) worker = null;
  w.terminate();
  for (const [id, p] of pending) {
    pending.delete(id);
    p.reject(new Error(`the decode worker failed while reading ${p.name}: ${why}`));
  }
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (ev: MessageEvent<DecodeReply>) => {
    const reply = ev.data;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) {
      performance.mark('nm-decode-worker', { detail: { file: p.name, ms: reply.ms } });
      p.resolve(reply.sheets);
    } else {
      p.reject(new Error(reply.message));
    }
  };
  w.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    failAll(w, ev.message || 'the worker could not run');
  };
  w.onmessageerror = () => failAll(w, 'its answer could not be read');
  worker = w;
  return w;
}

export const decodeInWorker: Decode = (format, name, bytes) =>
  new Promise<DecodedFileSheet[]>((resolve, reject) => {
    const id = ++nextId;
    const copy = bytes.slice();
    const req: DecodeRequest = { id, format, name, bytes: copy };
    pending.set(id, { name, resolve, reject });
    try {
      theWorker().postMessage(req, [copy.buffer]);
    } catch (e) {
      pending.delete(id);
      reject(new Error(`the decode worker failed while reading ${name}: ${e instanceof Error ? e.message : String(e)}`));
    }
  });
