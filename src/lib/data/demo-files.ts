/**
 * The demo partnership's files, served by the app itself: Vite emits each CSV under data/demo as an
 * asset of the build, so the demo needs no server and no network beyond the page's own origin.
 */
import type { InputFile } from '$lib/ingest';

const urls = import.meta.glob('/data/demo/*.csv', { query: '?url', import: 'default', eager: true }) as Record<
  string,
  string
>;

export const DEMO_FILE_NAMES = Object.keys(urls).map((p) => p.split('/').pop()!);

export async function fetchDemoFiles(): Promise<InputFile[]> {
  return Promise.all(
    Object.entries(urls).map(async ([path, url]) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`The demo file ${path} could not be read (HTTP ${res.status}).`);
      return { name: path.split('/').pop()!, bytes: new Uint8Array(await res.arrayBuffer()) };
    })
  );
}
