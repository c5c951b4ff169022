/**
 * The action plan as edited in this browser, kept in localStorage per extract: the key is the
 * extract's identity (the SHA-256 of each of its files, with their names, in name order), so edits
 * made to the demo never show on another extract and come back whenever the same files are loaded.
 * Nothing here touches the engine or the extract: the extract's as-of date is never changed.
 * A stored plan that is unreadable or fails the contract's checks is ignored (the extract's plan
 * shows), never half-used.
 */
import type { ActionRecord } from './types';
import { draftOf, validateAction } from './validate';

/** The storage this needs (window.localStorage in the browser; a Map-backed stub in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'nm:action-plan:v1:';

/** The storage key of an extract: its files' names and SHA-256s, in code-point order of name. */
export function planKey(files: readonly { name: string; sha256: string }[]): string {
  const parts = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.name}=${f.sha256}`);
  return PREFIX + parts.join('|');
}

interface Stored {
  v: 1;
  savedAt: string;
  actions: ActionRecord[];
}

/** The edited plan for this extract, or null when there is none (or it cannot be trusted). */
export function loadEditedPlan(store: KeyValueStore, key: string): ActionRecord[] | null {
  let text: string | null;
  try {
    text = store.getItem(key);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const data = JSON.parse(text) as Partial<Stored>;
    if (data.v !== 1 || !Array.isArray(data.actions)) return null;
    const out: ActionRecord[] = [];
    const ids = new Set<string>();
    for (const raw of data.actions as unknown[]) {
      const a = raw as ActionRecord;
      // dates need not be "not after today" checks again at reading: a completion date kept from an
      // earlier day stays valid; only the shape and the contract's kinds are checked
      const checked = validateAction(draftOf(a), { otherIds: ids, today: '9999-12-31' });
      if (!checked.ok) return null;
      ids.add(checked.action.action_id);
      out.push(checked.action);
    }
    return out;
  } catch {
    return null;
  }
}

/** Keep the edited plan for this extract. Returns an error message when the browser refuses. */
export function saveEditedPlan(store: KeyValueStore, key: string, actions: readonly ActionRecord[], now = new Date()): string | null {
  const data: Stored = { v: 1, savedAt: now.toISOString(), actions: actions.map((a) => ({ ...a })) };
  try {
    store.setItem(key, JSON.stringify(data));
    return null;
  } catch (e) {
    return `This browser would not keep the edits (${e instanceof Error ? e.message : String(e)}).`;
  }
}

/** Forget the edits: the extract's own plan shows again. */
export function clearEditedPlan(store: KeyValueStore, key: string): void {
  try {
    store.removeItem(key);
  } catch {
    /* nothing kept, nothing to clear */
  }
}
