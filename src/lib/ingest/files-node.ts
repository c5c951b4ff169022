/** Node only: read an extract folder into InputFiles (regular files, hidden files skipped, by name). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from './index';

export function readExtractDir(dir: string): InputFile[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && statSync(join(dir, n)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(dir, n))) }));
}
