/**
 * Audit trail: "show the rows" lists exactly the ids counted in a point's numerator and denominator,
 * on a hand-worked fixture and, for sampled demo points, exactly as many as the point's numbers.
 * In the publication view the ids are not offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launch, openPage } from './browser';

async function ready(panel: Locator) {
  await panel.and(panel.page().locator('[data-state="ready"]')).waitFor({ timeout: 60_000 });
}

async function showRows(page: Page, metric: string, period: string) {
  const panel = page.locator(`[data-metric="${metric}"]`);
  await ready(panel);
  await panel.getByRole('tab', { name: 'Table' }).click();
  // months are named as a board reads them: 2024-11 is "Nov 2024"
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  const label = m ? `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1]} ${m[1]}` : period;
  await panel.getByRole('button', { name: `Show the rows for ${label}` }).click();
  const audit = panel.locator(`[data-audit="${period}"]`);
  await audit.locator('[data-ids="denominator"]').waitFor({ timeout: 60_000 });
  const ids = async (kind: string) => {
    const el = audit.locator(`[data-ids="${kind}"]`);
    if ((await el.count()) === 0) return [];
    const t = (await el.innerText()).trim();
    return t === 'none' ? [] : t.split(', ');
  };
  return { panel, numerator: await ids('numerator'), denominator: await ids('denominator') };
}

describe('show the rows', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the hand-worked ids of a point', async () => {
    const { page, consoleErrors } = await openPage(browser, '/data');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    await page.setInputFiles('#files', ['referrals.csv', 'tool_uses.csv', 'training.csv'].map((f) => `tests/fixtures/overview/${f}`));
    await page.waitForSelector('[data-table="referrals"]');
    await page.getByRole('link', { name: 'Referrals', exact: true }).click();
    await page.selectOption('#f-grain', 'quarter');
    // 2023-24 Q2 re-referrals: R04 (C1, after R01) and R06 (C2, after R02) of R04, R05, R06
    const q2 = await showRows(page, 'rereferral_12m', '2023-24 Q2');
    expect(q2.numerator).toEqual(['R04', 'R06']);
    expect(q2.denominator).toEqual(['R04', 'R05', 'R06']);
    // 2023-24 Q3: R08 (C5, same day as R07, later by id) of R07, R08
    const q3 = await showRows(page, 'rereferral_12m', '2023-24 Q3');
    expect(q3.numerator).toEqual(['R08']);
    expect(q3.denominator).toEqual(['R07', 'R08']);
    // each id opens its child's chronology; the rows download with their children and dates
    const audit = q3.panel.locator('[data-audit="2023-24 Q3"]');
    const [download] = await Promise.all([page.waitForEvent('download'), audit.getByRole('button', { name: 'Download these rows (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toBe('\uFEFFmetric,period,item_id,child_id,date,in_numerator\r\nrereferral_12m,2023-24 Q3,R07,C5,2023-10-02,false\r\nrereferral_12m,2023-24 Q3,R08,C5,2023-10-02,true\r\n');
    await audit.locator('[data-ids="numerator"] a').click();
    await page.waitForSelector('section[data-child="C5"][data-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('ol.timeline > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['R07', 'R08', 'T4']);
    expect(consoleErrors).toEqual([]);
  });

  it('gives as many ids as the numbers on sampled demo points, and none in the publication view', async () => {
    const { page, consoleErrors } = await openPage(browser, '/response?grain=quarter');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    for (const period of ['2023-24 Q2', '2025-26 Q1']) {
      // quarters here; the month view is the default and is sampled below
      const { panel, numerator, denominator } = await showRows(page, 'decision_within_1wd', period);
      const row = panel.locator(`tr[data-period="${period}"] td.num`);
      const [num, den] = (await row.allInnerTexts()).map((t) => Number(t.replaceAll(',', '')));
      expect(numerator.length).toBe(num);
      expect(denominator.length).toBe(den);
      expect(new Set(denominator).size).toBe(den);
      expect(numerator.every((id) => denominator.includes(id))).toBe(true);
    }
    await page.selectOption('#f-grain', 'month');
    {
      const { panel, numerator, denominator } = await showRows(page, 'decision_within_1wd', '2024-11');
      const [num, den] = (await panel.locator('tr[data-period="2024-11"] td.num').allInnerTexts()).map((t) => Number(t.replaceAll(',', '')));
      expect([numerator.length, denominator.length]).toEqual([num, den]);
    }
    await page.getByRole('switch').check();
    const panel = page.locator('[data-metric="decision_within_1wd"]');
    await expect.poll(() => panel.getByRole('button', { name: /Show the rows/ }).count()).toBe(0);
    expect(await panel.locator('[data-audit]').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
