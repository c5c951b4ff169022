/**
 * Every page of the dashboard: no accessibility violations by axe-core (WCAG 2.2 A and AA rules),
 * no console errors, no request off localhost, and a screenshot at 1280 and 768 px wide (saved under
 * test-results/screens/ to be looked at). Text from the data is shown as text, never as HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';

const PAGES = ['/', '/tools', '/referrals', '/response', '/closures', '/education', '/barriers', '/cumulative-harm', '/chronology', '/chronology?child=C000053', '/compare', '/national', '/national?la=E08000035', '/actions', '/board-pack', '/data', '/preparing', '/method'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function settled(page: Page) {
  await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('[role="status"] [aria-hidden="true"]').length === 0 || !document.body.innerText.includes('Loading…'), null, { timeout: 60_000 });
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-state]')].every((e) => e.getAttribute('data-state') !== 'loading'),
    null,
    { timeout: 60_000 }
  );
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('every page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    mkdirSync('test-results/screens', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const path of PAGES) {
    it(`${path} passes axe, logs no errors, stays on localhost, and is photographed`, async () => {
      const { page, consoleErrors, offsiteRequests } = await openPage(browser, path);
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
      const name = path === '/' ? 'overview' : path.slice(1);
      await page.screenshot({ path: `test-results/screens/${name}-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 768, height: 1000 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/screens/${name}-768.png`, fullPage: true });
      expect(consoleErrors).toEqual([]);
      expect(offsiteRequests).toEqual([]);
      await page.context().close();
    });
  }

  it('shows a locality named like HTML as text, in tables, filters and tooltips', async () => {
    const { page, consoleErrors } = await openPage(browser, '/data');
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    await page.setInputFiles('#files', ['tests/fixtures/xss/children.csv', 'tests/fixtures/xss/referrals.csv']);
    await page.waitForSelector('[data-table="children"]');
    await page.getByRole('link', { name: 'Referrals', exact: true }).click();
    await settled(page);
    const panel = page.locator('[data-metric="rereferral_12m"]');
    await panel.getByLabel('Break down by').selectOption('locality');
    await panel.locator('table[data-breakdown="locality"]').waitFor();
    await expect.poll(() => panel.locator('table[data-breakdown="locality"]').innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('#f-loc option').allTextContents()).toContain('<img src=x onerror=alert(1)>');
    // hover every point of the breakdown chart so its tooltip renders the group names
    const chart = panel.locator('.chart').nth(1);
    const box = (await chart.boundingBox())!;
    for (let x = box.x + 70; x < box.x + box.width - 20; x += 25) await page.mouse.move(x, box.y + box.height / 2);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(dialogs).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});

describe('charts on a question page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('are drawn on a canvas on screen, as SVG for print, and on a canvas again after', async () => {
    const { page, consoleErrors } = await openPage(browser, '/referrals');
    await settled(page);
    const chart = page.locator('[data-metric] .chart').first();
    await chart.locator('canvas').first().waitFor();
    expect(await chart.locator('svg').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    await chart.locator('svg').first().waitFor();
    expect(await chart.locator('canvas').count()).toBe(0);
    // the same chart, in vector form: its axis labels are text
    expect(await chart.locator('svg text').count()).toBeGreaterThan(5);
    await page.emulateMedia({ media: 'screen' });
    await chart.locator('canvas').first().waitFor();
    expect(await chart.locator('svg').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
