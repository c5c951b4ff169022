/**
 * "Keep on this computer" across visits, in chromium: an extract kept on /data reopens when the
 * site is opened again at any page, the status line naming it and its as-of date, and the figures
 * are the extract's, not the demo's; "Forget this extract" brings the demo back; a kept extract that
 * cannot be opened is said and the demo shown. "Remember on this device" stores the passphrase only
 * when ticked, and "Forget the passphrase" removes it. Each test has its own browser context, so
 * the private file system and storage start empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';
import { PASSPHRASE } from '../fixtures/imports/ids';
import { IN_USE_KEY } from '../../src/lib/imports/kept-extracts';
import { PASSPHRASE_KEY } from '../../src/lib/imports/remembered-passphrase';

const FIX = 'tests/fixtures/imports/';
const census = () => [
  { name: 'census-2024.xml', mimeType: 'text/xml', buffer: readFileSync(FIX + 'census-2024.xml') },
  { name: 'census-2025.xml', mimeType: 'text/xml', buffer: readFileSync(FIX + 'census-2025.xml') }
];

async function importCensus(page: Page, opts: { keep?: boolean; remember?: boolean; pass?: string }): Promise<void> {
  await page.setInputFiles('#import-files', census());
  if (opts.pass !== undefined) await page.fill('#import-pass', opts.pass);
  if (opts.keep) await page.check('#import-keep');
  if (opts.remember) await page.check('#import-remember');
  await page.click('text=Import and load');
  await page.waitForSelector('[data-testid="import-panel"][data-state="done"]', { timeout: 120_000 });
}

const statusLine = (page: Page) => page.getByTestId('status-line').innerText();

async function waitForStatus(page: Page, text: string): Promise<void> {
  await page
    .waitForFunction((t) => document.querySelector('[data-testid="status-line"]')?.textContent?.includes(t), text, { timeout: 120_000 })
    .catch(async (e: unknown) => {
      throw new Error(`status line never said '${text}': it says '${await statusLine(page)}'; ${String(e)}`);
    });
}

/** The overview's headline tiles as shown, once every figure is live (none prepared, none loading). */
async function overviewFigures(page: Page): Promise<string[]> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-tile]').length > 0 &&
      !document.body.innerText.includes('Loading…') &&
      [...document.querySelectorAll('[data-state]')].every((e) => e.getAttribute('data-state') !== 'loading') &&
      [...document.querySelectorAll('[data-prepared]')].every((e) => e.getAttribute('data-prepared') === 'false'),
    null,
    { timeout: 120_000 }
  );
  return page.locator('[data-tile]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-tile')}: ${(e as HTMLElement).innerText}`));
}

const storage = (page: Page) => page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));

describe('a kept extract across visits', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reopens at / with the status line naming it and its as-of date; forgotten, the demo is back', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/data');
    await importCensus(page, { keep: true, pass: PASSPHRASE });
    await page.getByTestId('kept-list').waitFor();
    // the census 2024-25's latest event is the assessment authorised on 2024-11-01
    await waitForStatus(page, 'Kept extract: import of 2 files, as of 2024-11-01 — kept on this computer.');
    const ids = Object.entries((await storage(page)).local);
    expect(ids).toHaveLength(1);
    expect(ids[0]![0]).toBe(IN_USE_KEY);
    await page.getByRole('navigation').getByRole('link', { name: 'Overview', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const extract = await overviewFigures(page);

    // the next visit, at the overview
    await page.goto(new URL('/', page.url()).href);
    await waitForStatus(page, 'Kept extract: import of 2 files, as of 2024-11-01 — kept on this computer.');
    expect(await overviewFigures(page)).toEqual(extract);

    // forgotten on /data: the next visit opens the demo, and says so
    await page.goto(new URL('/data', page.url()).href);
    await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached' });
    await page.getByRole('button', { name: 'Forget this extract' }).click();
    await page.waitForSelector('[data-testid="kept-list"]', { state: 'detached' });
    expect((await storage(page)).local).toEqual({});
    // this visit keeps the data loaded, but the status line no longer calls it kept
    expect(await statusLine(page)).not.toContain('kept on this computer');
    await page.goto(new URL('/', page.url()).href);
    await waitForStatus(page, 'Demo partnership:');
    const demo = await overviewFigures(page);
    expect(await statusLine(page)).not.toContain('Kept extract');
    expect(demo.length).toBeGreaterThan(0);
    expect(demo).not.toEqual(extract);
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  }, 400_000);

  it('a kept extract that is no longer stored: the status line says so and the demo is shown', async () => {
    const { page } = await openPage(browser, '/');
    await waitForStatus(page, 'Demo partnership:');
    await page.evaluate((k) => localStorage.setItem(k, 'xgone1'), IN_USE_KEY);
    await page.reload();
    await waitForStatus(page, 'The kept extract could not be opened: it is no longer stored in this browser. The demo partnership is shown instead. Demo partnership:');
    // the mark is cleared: the visit after opens the demo without a word
    expect((await storage(page)).local).toEqual({});
    await page.reload();
    await waitForStatus(page, 'Demo partnership:');
    expect(await statusLine(page)).not.toContain('could not be opened');
  }, 200_000);

  it('"Use the demo partnership" clears the mark: the next visit opens the demo', async () => {
    const { page } = await openPage(browser, '/data');
    await importCensus(page, { keep: true, pass: PASSPHRASE });
    await waitForStatus(page, 'Kept extract: import of 2 files');
    await page.click('text=Use the demo partnership');
    await waitForStatus(page, 'Demo partnership:');
    expect((await storage(page)).local).toEqual({});
    await page.reload();
    await waitForStatus(page, 'Demo partnership:');
    // still kept, and listed to be chosen again
    await page.getByTestId('kept-list').waitFor();
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await waitForStatus(page, 'Kept extract: import of 2 files, as of 2024-11-01');
    expect(Object.keys((await storage(page)).local)).toEqual([IN_USE_KEY]);
  }, 300_000);
});

describe('remember the passphrase on this device', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('unticked stores nothing; ticked stores only the passphrase and fills it next time; forget removes it', async () => {
    const { page } = await openPage(browser, '/data');
    expect(await page.isChecked('#import-remember')).toBe(false);
    await importCensus(page, { pass: PASSPHRASE });
    // (sessionStorage holds only SvelteKit's scroll positions)
    const after = await storage(page);
    expect(after.local).toEqual({});
    expect(JSON.stringify(after.session)).not.toContain(PASSPHRASE);

    await importCensus(page, { pass: PASSPHRASE, remember: true });
    expect((await storage(page)).local).toEqual({ [PASSPHRASE_KEY]: PASSPHRASE });
    await page.reload();
    await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached' });
    await expect.poll(() => page.inputValue('#import-pass')).toBe(PASSPHRASE);
    expect(await page.isChecked('#import-remember')).toBe(true);

    await page.getByRole('button', { name: 'Forget the passphrase' }).click();
    expect((await storage(page)).local).toEqual({});
    expect(await page.inputValue('#import-pass')).toBe('');
    expect(await page.isChecked('#import-remember')).toBe(false);
    await page.reload();
    await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached' });
    expect(await page.inputValue('#import-pass')).toBe('');
  }, 300_000);
});
