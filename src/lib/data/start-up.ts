/**
 * What the app opens at start-up: the kept extract in use (kept-extracts.ts) when one is marked,
 * else the demo partnership. Only the localStorage mark is read when none is (no private file
 * system is touched), so the demo's start is not slowed. A kept extract that cannot be opened
 * (forgotten elsewhere, its files gone or unreadable, no longer valid) is said in the status line
 * and the demo is shown instead.
 */
import { browserStore, keptInUse, markKeptInUse, openKept, opfsRoot } from '$lib/imports/kept-extracts';
import { session } from './session.svelte';

/** Why a kept extract could not be opened, in the status line's words. */
async function openKeptExtract(id: string): Promise<string | null> {
  let opened;
  try {
    const root = await opfsRoot();
    if (!root) return 'this browser has no private storage for this site';
    opened = await openKept(root, id);
  } catch (e) {
    return e instanceof DOMException && e.name === 'NotFoundError'
      ? 'it is no longer stored in this browser'
      : 'its stored files could not be read';
  }
  const { meta, files } = opened;
  try {
    // labelled as when it was first loaded; the status line says it is kept and its as-of date
    const report = await session.load(files, 'files', meta.label, undefined, { id: meta.id, label: meta.label, asOf: meta.asOf });
    return report.replaced ? null : `“${meta.label}” did not pass validation (the load report on the Data page says why)`;
  } catch (e) {
    return `“${meta.label}” did not load: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Open the kept extract in use, else (none, or it cannot be opened) the demo partnership. */
export async function openAtStart(): Promise<void> {
  const store = browserStore();
  const id = keptInUse(store);
  if (id !== null) {
    const why = await openKeptExtract(id);
    if (why === null) return;
    markKeptInUse(store, null);
    session.notice = `The kept extract could not be opened: ${why}. The demo partnership is shown instead.`;
  }
  await session.loadDemo();
}
