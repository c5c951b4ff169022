/**
 * /compare on the demo partnership: every locality on the funnel with its limits and band, the method
 * stated, one SPC chart per locality; /national: the setting in the address and Leeds's published
 * figures (read off data/dfe by eye) beside England, with the OGL attribution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser';

describe('compare and national', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('/compare puts the four demo localities on a funnel and draws one SPC chart each', async () => {
    const { page, consoleErrors } = await openPage(browser, '/compare');
    await page.waitForSelector('section[data-compare="rereferral_12m"][data-state="ready"]', { timeout: 90_000 });
    await page.waitForSelector('table[data-funnel] tbody tr');
    // Central, North, South and the children with no locality ("unknown")
    const groups = await page.locator('table[data-funnel] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
    expect(groups.sort()).toEqual(['Central', 'North', 'South', 'unknown']);
    for (const band of await page.locator('table[data-funnel] [data-band]').allInnerTexts())
      expect(['within 95%', 'above 95%', 'below 95%', 'above 99.8%', 'below 99.8%']).toContain(band);
    expect(await page.locator('details.method').innerText()).toContain('Method');
    await page.locator('details.method summary').click();
    expect(await page.locator('details.method').innerText()).toContain('z = 1.959964 (95%) and z = 3.090232');
    expect(await page.locator('[data-multiple]').count()).toBe(4);
    expect(consoleErrors).toEqual([]);
  });

  it('/national shows the chosen authority beside its region and England, and where it sits', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/national');
    await page.waitForSelector('[data-national="rereferral_share"]');
    await page.getByLabel("The partnership's local authority").selectOption({ label: 'Leeds' });
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForSelector('li[data-la="E08000035"]');
    expect(new URL(page.url()).searchParams.getAll('la')).toEqual(['E08000035']);
    const cell = (figure: string, area: string, year: number) => page.locator(`[data-national="${figure}"] td[data-area="${area}"][data-year="${year}"]`).innerText();
    // Leeds 2022-23: 28% re-referred, 14.6% NFA, 642 per 10,000; England 22.4%, 7.1%, 544.5; Yorkshire and The Humber 22.1%
    expect(await cell('rereferral_share', 'E08000035', 2023)).toBe('28.0%');
    expect(await cell('nfa_share', 'E08000035', 2023)).toBe('14.6%');
    expect(await cell('rate', 'E08000035', 2023)).toBe('642.0');
    expect(await cell('rereferral_share', 'E92000001', 2023)).toBe('22.4%');
    expect(await cell('rereferral_share', 'E12000003', 2023)).toBe('22.1%');
    expect(await page.locator('[data-national="rereferral_share"] [data-position="E08000035"]').innerText()).toMatch(/Leeds: 28\.0%, \d+(st|nd|rd|th) lowest of \d+\./);
    expect(await page.locator('[data-attribution]').innerText()).toContain('Open Government Licence v3.0');
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
});
