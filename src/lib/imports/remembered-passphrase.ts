/**
 * "Remember on this device" (imports.md): the import passphrase kept in this origin's
 * localStorage, only when the user ticks it, so the field is filled next time; "Forget the
 * passphrase" removes it. Unticked, nothing is written. The store is passed in (tests use a Map).
 */
import type { MarkStore } from './kept-extracts';

export const PASSPHRASE_KEY = 'neglect-monitor:import-passphrase';

export function rememberedPassphrase(store: MarkStore | null): string | null {
  try {
    const v = store?.getItem(PASSPHRASE_KEY) ?? null;
    return v === '' ? null : v;
  } catch {
    return null;
  }
}

/** Remember the passphrase (remember ticked) or make sure none is kept (unticked). */
export function keepPassphrase(store: MarkStore | null, text: string, remember: boolean): void {
  try {
    if (remember && text !== '') store?.setItem(PASSPHRASE_KEY, text);
    else store?.removeItem(PASSPHRASE_KEY);
  } catch {
    // storage refused: nothing is remembered
  }
}

export function forgetPassphrase(store: MarkStore | null): void {
  keepPassphrase(store, '', false);
}
