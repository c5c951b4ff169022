/**
 * "Keep on this computer": an anonymised, validated extract (its contract files only; never a
 * census, workbook or passphrase) stored in the browser's origin-private file system, one folder
 * per extract under `kept-extracts/`, with `meta.json` naming it. Listed, reopened and forgotten
 * here; the store is passed in, so tests use an in-memory one.
 */
import type { InputFile } from '../ingest/index';

export interface KeptMeta {
  id: string;
  label: string;
  /** the extract's as-of date when known (YYYY-MM-DD) */
  asOf: string | null;
  /** when it was kept (ISO date-time) */
  keptAt: string;
  files: string[];
}

/** The part of FileSystemDirectoryHandle used here. */
export interface DirHandle {
  getDirectoryHandle(name: string, opts?: { create?: boolean }): Promise<DirHandle>;
  getFileHandle(name: string, opts?: { create?: boolean }): Promise<FileHandle>;
  removeEntry(name: string, opts?: { recursive?: boolean }): Promise<void>;
  entries(): AsyncIterableIterator<[string, { kind: 'file' | 'directory' }]>;
}
export interface FileHandle {
  getFile(): Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>;
  createWritable(): Promise<{ write(data: Uint8Array | string): Promise<void>; close(): Promise<void> }>;
}

const ROOT = 'kept-extracts';
const META = 'meta.json';

/** The origin-private file system's root, or null where the browser has none. */
export async function opfsRoot(): Promise<DirHandle | null> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage || typeof storage.getDirectory !== 'function') return null;
  return (await storage.getDirectory()) as unknown as DirHandle;
}

/** Only contract files may be kept: CSV or Parquet, never an import source or a report of one. */
export function keepable(f: InputFile): boolean {
  return /\.(csv|parquet)$/i.test(f.name) && !/[\\/]/.test(f.name);
}

async function writeFile(dir: DirHandle, name: string, data: Uint8Array | string): Promise<void> {
  const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
  await w.write(data);
  await w.close();
}

async function readBytes(dir: DirHandle, name: string): Promise<Uint8Array> {
  return new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
}

/** Keep an extract's files; returns its meta. Files that are not contract files are refused. */
export async function keepExtract(
  root: DirHandle,
  files: InputFile[],
  label: string,
  asOf: string | null,
  now: Date = new Date()
): Promise<KeptMeta> {
  const bad = files.filter((f) => !keepable(f));
  if (bad.length > 0) throw new Error(`Only contract files are kept, not ${bad.map((f) => f.name).join(', ')}`);
  const id = `x${now.getTime().toString(36)}`;
  const dir = await (await root.getDirectoryHandle(ROOT, { create: true })).getDirectoryHandle(id, { create: true });
  for (const f of files) await writeFile(dir, f.name, f.bytes);
  const meta: KeptMeta = { id, label, asOf, keptAt: now.toISOString(), files: files.map((f) => f.name) };
  await writeFile(dir, META, JSON.stringify(meta));
  return meta;
}

/** Kept extracts, newest first. */
export async function listKept(root: DirHandle): Promise<KeptMeta[]> {
  let base: DirHandle;
  try {
    base = await root.getDirectoryHandle(ROOT);
  } catch {
    return [];
  }
  const out: KeptMeta[] = [];
  for await (const [name, h] of base.entries()) {
    if (h.kind !== 'directory') continue;
    try {
      const dir = await base.getDirectoryHandle(name);
      out.push(JSON.parse(new TextDecoder().decode(await readBytes(dir, META))) as KeptMeta);
    } catch {
      // a half-written folder (the tab closed while keeping): not listed
    }
  }
  return out.sort((a, b) => (a.keptAt < b.keptAt ? 1 : a.keptAt > b.keptAt ? -1 : 0));
}

/** A kept extract's files, to load again. */
export async function openKept(root: DirHandle, id: string): Promise<{ meta: KeptMeta; files: InputFile[] }> {
  const dir = await (await root.getDirectoryHandle(ROOT)).getDirectoryHandle(id);
  const meta = JSON.parse(new TextDecoder().decode(await readBytes(dir, META))) as KeptMeta;
  const files: InputFile[] = [];
  for (const name of meta.files) files.push({ name, bytes: await readBytes(dir, name) });
  return { meta, files };
}

/** "Forget this extract": its folder removed. */
export async function forgetKept(root: DirHandle, id: string): Promise<void> {
  await (await root.getDirectoryHandle(ROOT)).removeEntry(id, { recursive: true });
}

/** The part of the Web Storage API used for the in-use mark (localStorage in the browser). */
export interface MarkStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage key of the kept extract in use: its id only, never any of its data. */
export const IN_USE_KEY = 'neglect-monitor:kept-extract-in-use';

/** This origin's localStorage, or null where it is missing or refused (private modes, workers). */
export function browserStore(): MarkStore | null {
  try {
    return (globalThis as { localStorage?: MarkStore }).localStorage ?? null;
  } catch {
    return null;
  }
}

/** The id of the kept extract in use (reopened on the next visit), or null. */
export function keptInUse(store: MarkStore | null): string | null {
  try {
    const id = store?.getItem(IN_USE_KEY) ?? null;
    return id && /^x[0-9a-z]+$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** Mark a kept extract as in use (null: none, the next visit opens the demo). */
export function markKeptInUse(store: MarkStore | null, id: string | null): void {
  try {
    if (id === null) store?.removeItem(IN_USE_KEY);
    else store?.setItem(IN_USE_KEY, id);
  } catch {
    // storage refused: the next visit opens the demo, and the status line says so
  }
}
