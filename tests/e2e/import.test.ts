/**
 * The import on /data in chromium: census files and an Annex A workbook chosen with the file
 * chooser, a passphrase typed, the extract loaded; "Save anonymised extract" gives the same CSVs as
 * the command line's code path; planted personal values appear nowhere on the page, in storage or
 * in the address; "Keep on this computer" keeps the extract in the origin-private file system,
 * reopens it on the next visit and forgets it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launch, openPage } from './browser';
import { importFiles } from '../../src/lib/imports';
import { londonToday } from '../../src/lib/ingest/today';
import { annexAWorkbook, PLANTED } from '../fixtures/imports/annex-a';
import { PASSPHRASE } from '../fixtures/imports/ids';

const FIX = 'tests/fixtures/imports/';
const files = () => [
  { name: 'census-2024.xml', mimeType: 'text/xml', buffer: readFileSync(FIX + 'census-2024.xml') },
  { name: 'census-2025.xml', mimeType: 'text/xml', buffer: readFileSync(FIX + 'census-2025.xml') },
  { name: 'annex-a.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(annexAWorkbook()) }
];

async function runImport(page: Page, keep: boolean): Promise<void> {
  await page.setInputFiles('#import-files', files());
  await page.fill('#import-pass', PASSPHRASE);
  if (keep) await page.check('#import-keep');
  await page.click('text=Import and load');
  await page.waitForSelector('[data-testid="import-panel"][data-state="done"]', { timeout: 120_000 });
}

/** Everything a planted value could leak into: the page, storage, the address, the kept files. */
async function everywhere(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [document.documentElement.outerHTML, location.href, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    const walk = async (dir: FileSystemDirectoryHandle): Promise<void> => {
      for await (const [name, h] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        out.push(name);
        if (h.kind === 'file') out.push(await (await (h as FileSystemFileHandle).getFile()).text());
        else await walk(h as FileSystemDirectoryHandle);
      }
    };
    await walk(await navigator.storage.getDirectory());
    return out.join('\n');
  });
}

describe('import on /data', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports through the file chooser; saved files equal the command line path; nothing personal anywhere', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/data');
    await runImport(page, true);
    expect(await page.getByTestId('import-fingerprint').textContent()).toBe('315b3243');
    expect(await page.getByTestId('in-use').textContent()).toContain('import of 3 files');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.click('text=Save anonymised extract');
    for (let i = 0; i < 100 && downloads.length < 9; i++) await page.waitForTimeout(100);
    const saved = new Map<string, string>();
    for (const d of downloads) saved.set(d.suggestedFilename(), readFileSync((await d.path())!, 'utf8'));
    const mem = await importFiles(
      files().map((f) => ({ name: f.name, bytes: new Uint8Array(f.buffer) })),
      { passphraseText: PASSPHRASE, today: londonToday() }
    );
    expect([...saved.keys()].sort()).toEqual([...mem.files.map((f) => f.name), 'import-report.json'].sort());
    for (const f of mem.files) expect(saved.get(f.name)).toBe(f.text);
    const all = (await everywhere(page)) + [...saved.values()].join('\n');
    for (const v of [...Object.values(PLANTED), PASSPHRASE]) expect(all.includes(v), `'${v}' leaked`).toBe(false);
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);

    // a census records no decision or feedback dates and no closure reasons: those measures say
    // "Not in this source" on their page and tile, never 0 or "awaiting"
    await page.getByRole('link', { name: 'Response', exact: true }).first().click();
    await page.waitForURL(/\/response/);
    const nis = page.locator('[data-not-in-source="decision_within_1wd"]');
    await nis.waitFor({ timeout: 60_000 });
    expect(await nis.textContent()).toContain('Not in this source');
    expect(await nis.textContent()).toContain('referrals.decision_date');
    expect(await page.locator('[data-metric="awaiting_decision"]').getAttribute('data-state')).toBe('not-in-source');
    await page.getByRole('link', { name: 'Overview', exact: true }).first().click();
    await page.locator('[data-tile="decision_within_1wd"] [data-not-in-source]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-tile="decision_within_1wd"] [data-value]').count()).toBe(0);
    // and in the board pack: page 1's row and the measure's section, with no chart and no table
    await page.getByRole('link', { name: 'Board pack', exact: true }).first().click();
    await page.waitForURL(/\/board-pack/);
    const packRow = page.locator('.pack-doc tr[data-measure="decision_within_1wd"][data-not-in-source]');
    await packRow.waitFor({ timeout: 60_000 });
    expect(await packRow.textContent()).toContain('Not in this source');
    const packCard = page.locator('.pack-doc #m-awaiting_decision[data-not-in-source]');
    expect(await packCard.textContent()).toContain('does not record referrals.decision_date');
    expect(await packCard.locator('svg, table').count()).toBe(0);
    // back to /data by its address (a link named like 'Data' could be another one)
    await page.goto(new URL('/data', page.url()).href);

    // the next visit reopens the kept extract; "Forget this extract" removes it
    await page.reload();
    await page.waitForSelector('[data-testid="kept-list"] li', { timeout: 60_000 });
    await page
      .waitForFunction(() => document.querySelector('[data-testid="status-line"]')?.textContent?.includes('kept on this computer'), null, { timeout: 120_000 })
      .catch(async (e: unknown) => {
        const seen = await page.evaluate(() => ({
          status: document.querySelector('[data-testid="status-line"]')?.textContent,
          note: document.querySelector('[data-testid="kept-note"]')?.textContent,
          load: document.querySelector('[data-testid="load-status"]')?.textContent?.slice(0, 400)
        }));
        throw new Error(`not reopened: ${JSON.stringify(seen)}; console: ${consoleErrors.join(' | ')}; ${String(e)}`);
      });
    // census 2024-25 covers to 2025-03-31, so every Annex A row is covered by it: the latest event
    // is the census assessment authorised on 2024-11-01
    expect(await page.getByTestId('status-line').textContent()).toContain('Kept extract: import of 3 files, as of 2024-11-01 — kept on this computer.');
    expect(await page.getByTestId('in-use').textContent()).toBe('import of 3 files');
    await page.click('text=Forget this extract');
    await page.waitForSelector('[data-testid="kept-list"]', { state: 'detached' });
    // the kept folder is gone from the origin-private file system (the page still shows the load)
    const keptLeft = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const base = await root.getDirectoryHandle('kept-extracts');
      const names: string[] = [];
      for await (const [n] of (base as unknown as { entries(): AsyncIterable<[string, unknown]> }).entries()) names.push(n);
      return names;
    });
    expect(keptLeft).toEqual([]);
  }, 300_000);
});
