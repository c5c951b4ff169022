/** Node only: gathering import sources from `--from` paths, and the passphrase file. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { InputFile } from '../ingest/index';
import { isImportCandidate } from './import-files';

export interface GatheredSources {
  files: InputFile[];
  /** names given or found that an import does not read */
  notUsed: string[];
  /** paths that do not exist */
  missing: string[];
}

/** Each `.xml`, `.xlsx`, `.xlsm` given or in a given folder (not recursive), in name order. */
export function gatherSources(paths: string[]): GatheredSources {
  const out: GatheredSources = { files: [], notUsed: [], missing: [] };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.missing.push(p);
      continue;
    }
    const names = st.isDirectory()
      ? readdirSync(p)
          .filter((n) => !n.startsWith('.') && statSync(join(p, n)).isFile())
          .sort()
          .map((n) => join(p, n))
      : [p];
    for (const f of names) {
      if (isImportCandidate(f)) out.files.push({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) });
      else out.notUsed.push(basename(f));
    }
  }
  return out;
}

/** The passphrase file's text; throws with a plain message when it cannot be read. */
export function readPassphraseFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read the passphrase file ${path}`);
  }
}
