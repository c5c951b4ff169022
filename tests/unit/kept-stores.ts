/** In-memory stand-ins for the origin-private file system and localStorage (kept extracts' tests). */
import type { DirHandle, FileHandle, MarkStore } from '../../src/lib/imports/kept-extracts';

/** An in-memory stand-in for the origin-private file system. */
export class MemDir implements DirHandle {
  dirs = new Map<string, MemDir>();
  files = new Map<string, Uint8Array>();
  async getDirectoryHandle(name: string, opts?: { create?: boolean }): Promise<DirHandle> {
    let d = this.dirs.get(name);
    if (!d) {
      if (!opts?.create) throw new DOMException('not found', 'NotFoundError');
      this.dirs.set(name, (d = new MemDir()));
    }
    return d;
  }
  async getFileHandle(name: string, opts?: { create?: boolean }): Promise<FileHandle> {
    if (!this.files.has(name) && !opts?.create) throw new DOMException('not found', 'NotFoundError');
    return {
      getFile: async () => ({ arrayBuffer: async () => (this.files.get(name) ?? new Uint8Array()).slice().buffer }),
      createWritable: async () => {
        const chunks: Uint8Array[] = [];
        return {
          write: async (d: Uint8Array | string) => void chunks.push(typeof d === 'string' ? new TextEncoder().encode(d) : d),
          close: async () => void this.files.set(name, new Uint8Array(Buffer.concat(chunks)))
        };
      }
    };
  }
  async removeEntry(name: string): Promise<void> {
    this.dirs.delete(name);
    this.files.delete(name);
  }
  async *entries(): AsyncIterableIterator<[string, { kind: 'file' | 'directory' }]> {
    for (const k of this.dirs.keys()) yield [k, { kind: 'directory' }];
    for (const k of this.files.keys()) yield [k, { kind: 'file' }];
  }
}

/** An in-memory stand-in for localStorage. */
export class MemStore implements MarkStore {
  items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, String(v));
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
}
