/**
 * The browser's edited action plan for the extract in use, shared by the action plan page and the
 * board pack page. It follows the extract: on a new extract it reads that extract's edits (if any)
 * from localStorage; saving writes them there; reset forgets them so the extract's plan shows again.
 * `edited` is null while there are no edits (the extract's own plan applies).
 */
import type { ExtractInfo } from '../data/session.svelte';
import { clearEditedPlan, loadEditedPlan, planKey, saveEditedPlan } from './store';
import type { ActionRecord } from './types';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

class EditedPlan {
  key = $state<string | null>(null);
  edited = $state<ActionRecord[] | null>(null);
  /** A message when the browser refused to keep the edits. */
  problem = $state<string | null>(null);

  /** Follow the extract in use (call from an effect). */
  follow(extract: ExtractInfo | null): void {
    const key = extract ? planKey(extract.files) : null;
    if (key === this.key) return;
    this.key = key;
    const s = storage();
    this.edited = key && s ? loadEditedPlan(s, key) : null;
    this.problem = null;
  }

  /** The plan to show: the edits, else the extract's. */
  current(base: readonly ActionRecord[] | null): ActionRecord[] | null {
    return this.edited ?? (base ? [...base] : null);
  }

  save(actions: readonly ActionRecord[]): void {
    const s = storage();
    this.edited = actions.map((a) => ({ ...a }));
    if (!this.key || !s) {
      this.problem = 'This browser offers no storage: the edits last until the page is closed.';
      return;
    }
    this.problem = saveEditedPlan(s, this.key, actions);
  }

  reset(): void {
    const s = storage();
    if (this.key && s) clearEditedPlan(s, this.key);
    this.edited = null;
    this.problem = null;
  }
}

export const editedPlan = new EditedPlan();
