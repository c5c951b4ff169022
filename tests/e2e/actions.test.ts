/**
 * The action plan in the browser, end to end against the built site in Debian's chromium:
 * - overdue marking on a hand-made extract (as-of date 2024-09-30, worked out below);
 * - an edit kept in localStorage across a reload, for this extract only (another extract's plan is
 *   its own), and the reset back to the extract's plan;
 * - validation messages; the exported actions.csv loads back through the loader with the edit;
 * - the browser board pack shows the edited action's title, and prints without the site's chrome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, openPage } from './browser';
import { NodeEngine } from '../../src/lib/engine/node';
import { loadExtract } from '../../src/lib/ingest';
import { extractPlan } from '../../src/lib/present/queries';
import { readExtractDir } from '../../src/lib/ingest/files-node';
import { buildPack } from '../../src/lib/pack/build';
import { PRODUCT_VERSION } from '../../src/lib/version';

/**
 * Hand-made extract. Referral dates: 2024-05-01 and 2024-09-30, so the as-of date is 2024-09-30
 * (the latest event date; nothing from actions counts).
 * Actions and whether each is overdue (not complete and due BEFORE 2024-09-30):
 *   F1 due 2024-06-30 on_track     -> overdue (before the as-of date, not complete)
 *   F2 due 2024-09-30 on_track     -> not overdue (due ON the as-of date is not before it)
 *   F3 due 2024-01-01 complete     -> not overdue (complete)
 *   F4 due 2024-09-29 at_risk      -> overdue (one day before)
 *   F5 due 2030-01-01 not_started  -> not overdue (ahead)
 */
const REFERRALS =
  'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome\n' +
  'R1,C1,2024-05-01,police,true,2024-05-01,nfa\n' +
  'R2,C2,2024-09-30,health,true,2024-09-30,assessment\n';
const ACTIONS =
  'action_id,title,owner_agency,due_date,status,completed_date,metric_id,target\n' +
  'F1,Fixture action one,police,2024-06-30,on_track,,nfa_rate,0.1\n' +
  'F2,Fixture action two,health,2024-09-30,on_track,,,\n' +
  'F3,Fixture action three,education,2024-01-01,complete,2024-02-01,,\n' +
  'F4,Fixture action four,social_care,2024-09-29,at_risk,,,\n' +
  'F5,Fixture action five,housing,2030-01-01,not_started,,,\n';

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

async function waitForPlan(page: Page): Promise<void> {
  await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
  await page.waitForSelector('tr[data-action]', { timeout: 90_000 });
}

async function overdueMarks(page: Page): Promise<Record<string, string>> {
  return page.$$eval('tr[data-action]', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-action') ?? '', tr.getAttribute('data-overdue') ?? '']))
  );
}

async function loadFixture(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  const status = page.getByTestId('load-status');
  await status.waitFor();
  const before = Number((await status.getAttribute('data-loads')) ?? 0);
  await page.setInputFiles('#files', [file('referrals.csv', REFERRALS), file('actions.csv', ACTIONS)]);
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="load-status"]')?.getAttribute('data-loads')) > n,
    before,
    { timeout: 90_000 }
  );
  await page.getByRole('link', { name: 'Actions', exact: true }).click();
  await page.waitForSelector('tr[data-action="F1"]', { timeout: 60_000 });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 A/AA violations on the page as it is now (as tests/e2e/pages.test.ts runs it). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const EDITED = '=Edited in e2e: "step-down", plans & <b>reviews</b>';

describe('action plan', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('marks overdue actions against the as-of date', async () => {
    const { page, consoleErrors } = await openPage(browser, '/actions');
    await waitForPlan(page);
    await loadFixture(page);
    expect(await overdueMarks(page)).toEqual({ F1: 'yes', F2: 'no', F3: 'no', F4: 'yes', F5: 'no' });
    await expect.poll(() => page.locator('tr[data-action="F1"]').innerText()).toContain('overdue');
    expect(await page.locator('tr[data-action="F2"]').innerText()).not.toContain('overdue');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keeps an edit across a reload for this extract only, exports it, prints it, and resets', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/actions');
    await waitForPlan(page);
    const row = page.locator('tr[data-action="ACT03"]');
    expect(await row.innerText()).toContain('Use a neglect tool in every assessment where neglect is identified');

    // a title over 200 characters is refused with a message, nothing saved
    await page.getByRole('button', { name: 'Edit action ACT03' }).click();
    const title = page.getByLabel('Title (at most 200 characters)');
    await title.fill('y'.repeat(201));
    await page.getByLabel('Target (optional)').fill('sixty');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#err-title').innerText()).toBe('The title is 201 characters: at most 200.');
    expect(await page.locator('#err-target').innerText()).toContain('must be a number');
    expect(await page.locator('[data-edited]').getAttribute('data-edited')).toBe('no');

    // a valid edit, with a due date far after the as-of date: the as-of date does not move
    const asOfBefore = await page.locator('[data-edited]').getAttribute('data-as-of');
    expect(asOfBefore).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await title.fill(EDITED);
    await page.getByLabel('Due date').fill('2031-12-31');
    await page.getByLabel('Target (optional)').fill('0.65');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.locator('.title').innerText()).toBe(EDITED);
    expect(await row.innerText()).toContain('65.0%'); // target 0.65 of a rate, shown as a percentage
    expect(await page.locator('[data-edited]').getAttribute('data-as-of')).toBe(asOfBefore);

    // still there after a reload
    await page.reload();
    await waitForPlan(page);
    await expect.poll(() => page.locator('tr[data-action="ACT03"] .title').innerText(), { timeout: 30_000 }).toBe(EDITED);
    expect(await page.locator('[data-edited]').getAttribute('data-edited')).toBe('yes');

    // exported actions.csv loads back through the loader with the edit and every other action
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export actions.csv' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const engine = await NodeEngine.create();
    try {
      const demoReferrals = readFileSync('data/demo/referrals.csv');
      const report = await loadExtract(engine, [
        { name: 'referrals.csv', bytes: new Uint8Array(demoReferrals) },
        { name: 'actions.csv', bytes: new TextEncoder().encode(csv) }
      ]);
      expect(report.tables.actions?.rejected).toBe(0);
      const back = await extractPlan(engine);
      const act03 = back?.find((a) => a.action_id === 'ACT03');
      expect(act03).toMatchObject({ title: EDITED, target: 0.65, owner_agency: 'social_care', status: 'at_risk', due_date: '2031-12-31' });
      const demoIds = readFileSync('data/demo/actions.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
      expect(back?.map((a) => a.action_id).sort()).toEqual([...demoIds].sort());
    } finally {
      await engine.close();
    }

    // the browser board pack shows the edited title (escaped: as text, not markup)
    await page.getByRole('link', { name: 'Board pack', exact: true }).click();
    await page.waitForSelector('.pack-doc #s-actions', { timeout: 120_000 });
    expect(await page.locator('.pack-doc #s-actions').innerText()).toContain(EDITED);
    expect(await page.locator('.pack-doc b').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('footer.foot').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    expect(await page.locator('.pack-doc h1').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // another extract does not see the demo's edit
    await loadFixture(page);
    expect(await page.locator('tr[data-action="ACT03"]').count()).toBe(0);
    expect(await page.locator('[data-edited]').getAttribute('data-edited')).toBe('no');

    // back on the demo (a reload loads it again): the edit is there; reset brings the extract's plan back
    await page.goto(page.url());
    await waitForPlan(page);
    await expect.poll(() => page.locator('tr[data-action="ACT03"] .title').innerText(), { timeout: 30_000 }).toBe(EDITED);
    await page.getByRole('button', { name: "Reset to the extract's plan" }).click();
    await expect
      .poll(() => page.locator('tr[data-action="ACT03"] .title').innerText())
      .toBe('Use a neglect tool in every assessment where neglect is identified');
    await page.reload();
    await waitForPlan(page);
    expect(await page.locator('tr[data-action="ACT03"] .title').innerText()).toBe('Use a neglect tool in every assessment where neglect is identified');

    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
    await page.context().close();
  });

  it('the browser pack of the demo reads as the command line pack, for the default and a chosen quarter', async () => {
    const { page, consoleErrors } = await openPage(browser, '/board-pack');
    await page.waitForSelector('.pack-doc #s-actions', { timeout: 120_000 });
    // Demo as-of 2026-03-31 = last day of 2025-26 Q4, so that quarter has ended and is the default.
    expect(await page.locator('.pack-doc').getAttribute('data-quarter')).toBe('2025-26 Q4');
    expect(await page.locator('.pack-doc').getAttribute('data-as-of')).toBe('2026-03-31');
    const engine = await NodeEngine.create();
    const files = readExtractDir('data/demo');
    const sections = ['.cover', '#s-summary', '#s-actions', '#s-quality', '#s-reproducibility', '#s-response', '#s-localities'];
    const textOf = (p: Page) => p.evaluate((sels) => sels.map((s) => (document.querySelector(`.pack-doc ${s}, body > ${s}`) as HTMLElement | null)?.innerText ?? `missing ${s}`), sections);
    try {
      for (const quarter of ['2025-26 Q4', '2025-26 Q2']) {
        if (quarter !== '2025-26 Q4') {
          await page.getByLabel('Quarter').selectOption(quarter);
          await expect.poll(() => page.locator('.pack-doc').getAttribute('data-quarter')).toBe(quarter);
        }
        const cli = await buildPack(engine, files, { partnership: 'Demo partnership', quarter, version: PRODUCT_VERSION, html: { chart: () => '' } });
        const other = await page.context().newPage();
        await other.setContent(cli.html);
        const expected = await textOf(other);
        await other.close();
        // the charts are drawn in the browser (the command line's were left out above): there, then set aside
        expect(await page.locator('.pack-doc #s-response svg').count()).toBeGreaterThan(0);
        await page.evaluate(() => document.querySelectorAll('.pack-doc svg').forEach((el) => el.remove()));
        expect(await textOf(page)).toEqual(expected);
      }
    } finally {
      await engine.close();
    }
    expect(consoleErrors).toEqual([]);
    await page.context().close();
    // two packs built in the browser and two on the command line, each with its locality breakdowns
  }, 240_000);

  it('adds and closes an action', async () => {
    const { page, consoleErrors } = await openPage(browser, '/actions');
    await waitForPlan(page);
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action id').fill('ACT03'); // already used
    await page.getByLabel('Title (at most 200 characters)').fill('A new action');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('#err-action_id').innerText()).toBe('Another action already has the id ACT03.');
    expect(await page.locator('#err-owner_agency').innerText()).toBe('Choose the owning agency.');
    expect(await page.locator('#err-due_date').innerText()).toBe('Give a due date.');
    expect(await axeViolations(page)).toEqual([]); // the form with its messages is accessible too
    expect(await page.getByLabel('Action id').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-action_id'); // focus on the first field to correct
    await page.getByLabel('Action id').fill('NEW1');
    await page.getByLabel('Owner agency').selectOption('housing');
    await page.getByLabel('Due date').fill('2020-01-31');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.locator('tr[data-action="NEW1"]');
    await row.waitFor();
    expect(await row.getAttribute('data-overdue')).toBe('yes'); // due 2020-01-31, long before the demo's as-of date
    await page.getByRole('button', { name: 'Close action NEW1 as complete' }).click();
    await expect.poll(() => row.getAttribute('data-overdue')).toBe('no');
    expect(await row.innerText()).toContain('complete');
    await page.getByRole('button', { name: "Reset to the extract's plan" }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
