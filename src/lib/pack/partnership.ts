/**
 * The partnership a board pack is for: a setting kept per extract in the browser (localStorage, keyed
 * by the extract's files and their SHA-256s, like the edited action plan), by default the extract's
 * name: "Demo partnership" for the demo, the file's name without its extension for one file, the
 * load's label otherwise. The command line takes --partnership, by default the data folder's name.
 */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'nm:pack-partnership:v1:';
export const MAX_PARTNERSHIP = 120;

export function defaultPartnership(extract: { source: 'demo' | 'files'; label: string }): string {
  if (extract.source === 'demo') return 'Demo partnership';
  return extract.label.replace(/\.(csv|xlsx|parquet)$/i, '') || 'Partnership';
}

export function partnershipKey(files: readonly { name: string; sha256: string }[]): string {
  const parts = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((f) => `${f.name}=${f.sha256}`);
  return PREFIX + parts.join('|');
}

/** The stored name for an extract, or null (none stored, unreadable, or empty). */
export function loadPartnership(store: KeyValueStore | null, key: string): string | null {
  try {
    const v = store?.getItem(key)?.trim() ?? '';
    return v === '' ? null : v.slice(0, MAX_PARTNERSHIP);
  } catch {
    return null;
  }
}

/** Stores the name (an empty name forgets it, so the default applies). Returns a problem, or null. */
export function savePartnership(store: KeyValueStore | null, key: string, name: string): string | null {
  if (!store) return 'This browser offers no storage: the name lasts until the page is closed.';
  try {
    const v = name.trim().slice(0, MAX_PARTNERSHIP);
    if (v === '') store.removeItem(key);
    else store.setItem(key, v);
    return null;
  } catch {
    return 'The browser refused to keep the name: it lasts until the page is closed.';
  }
}
