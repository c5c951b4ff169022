/**
 * Browser only: the /data import (census XML, Annex A workbooks, contract files beside them) run in
 * a Web Worker of its own (import-worker.ts), so reading, minimising and pseudonymising tens of
 * megabytes does not freeze the page. One worker per import, closed when it answers: the
 * passphrase and the key made from it live only in that worker and only for that import, and are
 * never logged. The files go to the worker as File objects (read there); the contract files and
 * imported parts come back as bytes, transferred.
 */
import type { InputFile } from '../ingest/index';
import type { ImportReport } from './types';

export interface ImportRequest {
  files: File[];
  passphraseText: string;
  today: string;
  contacts: boolean;
}

export interface BrowserImport {
  /** the census and Annex A files among those chosen (none: nothing was imported) */
  sourceNames: string[];
  /** what to load: the contract files chosen with them, then the imported parts */
  files: InputFile[];
  /** the imported parts' file names (`referrals.census.csv`), as saved */
  parts: string[];
  report: ImportReport | null;
  /** the latest event date in the imported tables (a kept extract's as-of date) */
  asOf: string | null;
}

export type ImportReply =
  | ({ ok: true } & BrowserImport)
  | { ok: false; passphrase: boolean; message: string };

/** Raised for a passphrase the import refuses (empty), with its message. */
export class WorkerPassphraseError extends Error {}

export function importInWorker(req: ImportRequest): Promise<BrowserImport> {
  return new Promise<BrowserImport>((resolve, reject) => {
    const w = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    const done = () => w.terminate();
    w.onmessage = (ev: MessageEvent<ImportReply>) => {
      done();
      const r = ev.data;
      if (r.ok) resolve({ sourceNames: r.sourceNames, files: r.files, parts: r.parts, report: r.report, asOf: r.asOf });
      else reject(r.passphrase ? new WorkerPassphraseError(r.message) : new Error(r.message));
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      done();
      reject(new Error(`the import worker failed: ${ev.message || 'it could not run'}`));
    };
    w.onmessageerror = () => {
      done();
      reject(new Error('the import worker failed: its answer could not be read'));
    };
    w.postMessage(req);
  });
}
