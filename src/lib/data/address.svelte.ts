/**
 * The address a page's view state is read from and written to. A filter change rewrites the address
 * in place with SvelteKit's shallow routing (`replaceState`): no navigation, so no load, no scroll
 * bookkeeping and no new page props, only the view state's readers re-run. SvelteKit's `page.url`
 * stays the address of the last navigation; the query written since is kept in `page.state`, which
 * SvelteKit restores with the history entry (back and forward) and clears on the next navigation.
 * Read the address through `addressUrl()`, never `page.url`, wherever the view state matters.
 */
import { page } from '$app/state';
import { replaceState } from '$app/navigation';

/** The page's address with the view state written since the last navigation. */
export function addressUrl(): URL {
  const url = page.url;
  const search = page.state.search;
  if (search === undefined || search === url.search) return url;
  const shown = new URL(url);
  shown.search = search;
  return shown;
}

/** Show another view state of the same page (an `hrefOf` address on this path), in place. */
export function showAddress(href: string): void {
  const url = new URL(href, page.url);
  if (url.pathname !== page.url.pathname) throw new Error(`showAddress is for this page's own view state, not ${url.pathname}`);
  replaceState(url, { ...page.state, search: url.search });
}
