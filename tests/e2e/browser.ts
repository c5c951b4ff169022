/**
 * Debian's chromium driven by playwright-core (Playwright's own browser download does not work
 * here). Every page opened through `openPage` records console errors and any request that leaves
 * localhost, so each test can assert there were none.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/lib/node/chromium';

export const CHROMIUM = CHROMIUM_PATH;

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS]
  });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  offsiteRequests: string[];
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function openPage(browser: Browser, path = '/', opts: { blockWasm?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const offsiteRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:' || url.protocol === 'blob:';
    if (!local) {
      offsiteRequests.push(url.href);
      return route.abort();
    }
    if (opts.blockWasm && url.pathname.endsWith('.wasm')) return route.abort();
    return route.continue();
  });
  await page.goto(baseUrl() + path);
  // prerendered controls exist before the app wires them up: act only once it has
  await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached', timeout: 60_000 });
  return { page, consoleErrors, offsiteRequests };
}
