/**
 * A new extract gets a fresh engine. Loading files over the demo ends the demo's duckdb-wasm worker
 * (and all of its memory) before the load, since the demo can be made again: a failed load over it
 * makes the demo again on a fresh worker, still in use, with its filter cube. Over the user's own
 * files, the old worker is ended only once the new load has succeeded; a failed load ends the worker
 * it started and leaves the extract in use, and its engine, as they were. After each load the
 * session builds the filter cube of the extract in use (the `nm:cubeReady` mark). Workers are
 * counted by their script (duckdb-browser-*.worker.js).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { launch, openPage } from './browser';

async function chooseFiles(page: Page, files: string[]): Promise<void> {
  const before = Number((await page.getByTestId('load-status').getAttribute('data-loads')) ?? 0);
  await page.setInputFiles('#files', files);
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="load-status"]')?.getAttribute('data-loads')) > n,
    before,
    { timeout: 90_000 }
  );
}

const engines = (page: Page): string[] => page.workers().map((w) => w.url()).filter((u) => /duckdb-browser-[a-z]+\.worker/.test(u));

/** A cube attached after the latest successful load. */
async function cubeAfterLatestLoad(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const loads = performance.getEntriesByName('nm:loadValidated');
      const after = loads.length ? loads[loads.length - 1]!.startTime : 0;
      return performance.getEntriesByName('nm:cubeReady').some((m) => m.startTime > after);
    },
    null,
    { timeout: 120_000 }
  );
}

describe('engine reset when an extract is replaced', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('ends the old engine after a successful load, and the fresh one after a failed load', { timeout: 300_000 }, async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/data');
    await page.waitForFunction(() => performance.getEntriesByName('nm:demoLoaded').length > 0, null, { timeout: 120_000 });
    expect(engines(page)).toHaveLength(1);
    const demoLabel = await page.getByTestId('in-use').textContent();
    const firstDemo = page.workers().find((w) => engines(page).includes(w.url()))!;
    const firstDemoEnded = new Promise<void>((ok) => firstDemo.on('close', () => ok()));

    // A refused load over the demo: the demo's worker was ended for it, and the demo is made again.
    await chooseFiles(page, ['tests/fixtures/bad/22-postcode-column/referrals.csv']);
    expect(await page.getByTestId('load-status').getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId('still-in-use').textContent()).toBe(demoLabel);
    await firstDemoEnded;
    await expect.poll(() => engines(page).length).toBe(1);
    await cubeAfterLatestLoad(page);

    const demoEngine = page.workers().find((w) => engines(page).includes(w.url()))!;
    expect(demoEngine).not.toBe(firstDemo);
    const demoEnded = new Promise<void>((ok) => demoEngine.on('close', () => ok()));

    const good = 'tests/fixtures/overview';
    await chooseFiles(page, ['referrals.csv', 'tool_uses.csv', 'training.csv'].map((f) => join(good, f)));
    await expect.poll(() => page.getByTestId('in-use').textContent()).toBe('3 files');
    await demoEnded;
    await expect.poll(() => engines(page).length).toBe(1);
    await cubeAfterLatestLoad(page);

    // A load with only a refused file: the previous extract stays in use, on its own engine.
    const kept = page.workers().find((w) => engines(page).includes(w.url()))!;
    let keptEnded = false;
    kept.on('close', () => (keptEnded = true));
    await chooseFiles(page, ['tests/fixtures/bad/22-postcode-column/referrals.csv']);
    expect(await page.getByTestId('load-status').getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId('still-in-use').textContent()).toBe('3 files');
    await expect.poll(() => engines(page).length).toBe(1);
    expect(keptEnded).toBe(false);

    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
});
