/**
 * The chronology in the browser: the hand-written family of tests/fixtures/chronology/ chosen on
 * /data, then /chronology: the id typed in the "Child id" field goes into the address, and each
 * record appears once, in date order, with its table, id, date and markers (worked out by hand in
 * src/lib/chronology/sql.test.ts). An unknown id says so; the publication view shows no child.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser';

const FILES = ['children', 'referrals', 'assessments', 'tool_uses', 'episodes', 'education'].map((t) => `tests/fixtures/chronology/${t}.csv`);

describe('chronology', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows one family's records in order, with markers, and says when an id is unknown", async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/data');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    await page.setInputFiles('#files', FILES);
    await page.waitForSelector('[data-table="education"]', { timeout: 60_000 });
    await page.getByRole('link', { name: 'Chronology', exact: true }).click();
    await page.getByLabel('Child id').fill('K1');
    await page.getByRole('button', { name: 'Show chronology' }).click();
    await page.waitForSelector('section[data-child="K1"][data-state="ready"]', { timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('child')).toBe('K1');
    const rows = await page.locator('ol.timeline > li').evaluateAll((els) =>
      els.map((el) =>
        [el.getAttribute('data-table'), el.getAttribute('data-id'), el.getAttribute('data-date'), [...el.querySelectorAll('[data-marker]')].map((m) => m.getAttribute('data-marker')).join('+') || '-'].join(' ')
      )
    );
    expect(rows).toEqual([
      'referrals R1 2023-01-09 nfa_remade_12m',
      'referrals R2 2023-03-06 rereferral_12m',
      'episodes E1 2023-03-10 closed_no_change_rereferred_12m',
      'referrals R3 2023-08-01 rereferral_12m+three_referrals_no_tool',
      'assessments A1 2023-08-02 -',
      'tool_uses T1 2023-09-01 -',
      'education D1 2023-10-02 -',
      'referrals R4 2024-01-15 rereferral_12m',
      'episodes E2 2024-01-15 -',
      'tool_uses T2 2024-02-15 -',
      'tool_uses T3 2024-03-01 -',
      'referrals R5 2024-06-03 rereferral_12m'
    ]);
    const r1 = await page.locator('li[data-id="R1"]').innerText();
    expect(r1).toContain('Decision 2023-01-10 (1 working day): no further action');
    expect(r1).toContain('Feedback to the referrer 2023-01-13 (4 working days)');
    expect(r1).toContain('age 5-9');
    const t2 = await page.locator('li[data-id="T2"]').innerText();
    expect(t2).toContain('change since T1');
    expect(t2).toMatch(/Physical care\s+3\s+-1 \(better\)/);
    expect(await page.locator('li[data-id="R5"]').innerText()).toContain('age 10-15');

    await page.getByLabel('Child id').fill('NOPE');
    await page.getByRole('button', { name: 'Show chronology' }).click();
    await page.waitForSelector('[data-unknown]', { timeout: 60_000 });
    expect(await page.locator('[data-unknown]').innerText()).toContain('NOPE');
    expect(new URL(page.url()).searchParams.get('child')).toBe('NOPE');

    await page.getByRole('switch').check();
    await page.waitForSelector('[data-withheld]');
    expect(await page.locator('ol.timeline').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
});
