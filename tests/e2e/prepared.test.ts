/**
 * Figures before the engine: the overview shows the demo's prepared charts and headline tiles
 * (computed at build time by the same SQL on native DuckDB) at once; live results replace them and
 * are equal; and with the engine's wasm blocked, the prepared figures still show and the page says
 * live analysis is unavailable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser';
import type { ChartData } from '../../src/lib/views/chart-data';

const file = JSON.parse(readFileSync('src/lib/views/prepared.json', 'utf8')) as {
  charts: Record<string, ChartData>;
  tiles: { result: { rows: unknown[] } } | null;
};
const prepared = file.charts;

/** The headline tiles as shown: measure, period and value of each headline. */
function tilesShown(page: import('playwright-core').Page): Promise<string[][]> {
  return page
    .locator('[data-figure="tiles"] [data-value]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-measure') ?? '', e.getAttribute('data-period') ?? '', e.getAttribute('data-value') ?? '']));
}

describe('prepared overview', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows prepared charts and says so plainly when the engine cannot start', async () => {
    const { page, offsiteRequests } = await openPage(browser, '/', { blockWasm: true });
    await page.waitForSelector('[data-engine="failed"]', { timeout: 60_000 });
    await expect.poll(() => page.locator('[role="status"][data-engine="failed"]').innerText()).toContain('Live analysis is unavailable');
    const cards = page.locator('[data-chart]');
    expect(await cards.count()).toBe(4);
    for (const id of Object.keys(prepared)) {
      const card = page.locator(`[data-chart="${id}"]`);
      await expect.poll(() => card.getAttribute('data-state')).toBe('ready');
      expect(await card.getAttribute('data-prepared')).toBe('true');
      await card.locator('[data-rendered="true"]').waitFor();
    }
    // the headline tiles too, from the build-time rows
    expect(file.tiles?.result.rows.length ?? 0).toBeGreaterThan(0);
    const tiles = page.locator('[data-figure="tiles"]');
    expect(await tiles.getAttribute('data-prepared')).toBe('true');
    expect((await tilesShown(page)).length).toBeGreaterThan(5);
    expect(offsiteRequests).toEqual([]);
  });

  it('replaces the prepared tiles by the live ones, equal headline for headline', async () => {
    const { page: first } = await openPage(browser, '/', { blockWasm: true });
    await first.waitForSelector('[data-engine="failed"]', { timeout: 60_000 });
    const before = await tilesShown(first);
    const { page, consoleErrors } = await openPage(browser, '/');
    await page.waitForFunction(
      () => {
        const t = document.querySelector('[data-figure="tiles"]');
        return t?.getAttribute('data-prepared') === 'false' && t.getAttribute('data-state') === 'ready';
      },
      null,
      { timeout: 60_000 }
    );
    const live = await tilesShown(page);
    expect(live.length).toBeGreaterThan(5);
    expect(live).toEqual(before);
    expect(consoleErrors).toEqual([]);
  });

  it('replaces the prepared results by equal live ones', async () => {
    const { page, consoleErrors } = await openPage(browser, '/');
    for (const [id, data] of Object.entries(prepared)) {
      await page.waitForFunction(
        (c) => document.querySelector(`[data-chart="${c}"]`)?.getAttribute('data-prepared') === 'false',
        id,
        { timeout: 60_000 }
      );
      const card = page.locator(`[data-chart="${id}"]`);
      await card.getByRole('tab', { name: 'Table' }).click();
      const live = await card.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-period'), tr.getAttribute('data-group'), tr.querySelector('[data-exact]')?.getAttribute('data-exact')])
      );
      expect(live).toEqual(data.rows.map((r) => [r.period, r.group ?? '', r.value === null ? '' : String(r.value)]));
    }
    expect(consoleErrors).toEqual([]);
  });
});
