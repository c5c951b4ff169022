/**
 * Browser Web Worker running one /data import (created by import-in-worker.ts): reads the chosen
 * files, imports the census and Annex A files among them beside the contract files
 * (beside-contract.ts), answers once and closes, dropping the passphrase and its key.
 */
import { importBesideContract, splitFiles } from './beside-contract';
import type { ImportReply, ImportRequest } from './import-in-worker';
import { PassphraseError } from './pseudonym';
import { latestEventDate } from './table-builder';

interface WorkerScope {
  onmessage: ((ev: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply, transfer?: Transferable[]): void;
  close(): void;
}

const scope = self as unknown as WorkerScope;

async function run(req: ImportRequest): Promise<{ reply: ImportReply; transfer: Transferable[] }> {
  const read = await Promise.all(req.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const split = splitFiles(read);
  const sourceNames = split.sources.map((f) => f.name);
  if (sourceNames.length === 0) {
    return { reply: { ok: true, sourceNames, files: [], parts: [], report: null, asOf: null }, transfer: [] };
  }
  const b = await importBesideContract(split, req.passphraseText, { today: req.today, contacts: req.contacts });
  const tables = b.imported?.tables ?? [];
  const parts = tables.map((t) => `${t.table}.${t.part}.csv`);
  return {
    reply: { ok: true, sourceNames, files: b.files, parts, report: b.imported?.report ?? null, asOf: latestEventDate(tables) },
    transfer: [...new Set(b.files.map((f) => f.bytes.buffer))]
  };
}

scope.onmessage = (ev) => {
  void run(ev.data)
    .then(
      ({ reply, transfer }) => scope.postMessage(reply, transfer),
      (e: unknown) =>
        scope.postMessage({
          ok: false,
          passphrase: e instanceof PassphraseError,
          message: e instanceof PassphraseError ? e.message : `The import failed: ${e instanceof Error ? e.message : String(e)}`
        })
    )
    .finally(() => scope.close());
};
