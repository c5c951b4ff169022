/**
 * The foundation, end to end in Debian's chromium against the built static site: the demo loads in
 * the browser's DuckDB and the overview's four charts show numbers equal to native DuckDB's; a
 * hand-worked fixture loaded through the file chooser gives exactly the figures worked out below;
 * no console errors; no request leaves localhost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage } from './browser';
import { NodeEngine } from '../../src/lib/engine/node';
import { loadExtract } from '../../src/lib/ingest';
import { OVERVIEW_CHARTS } from '../../src/lib/views/overview';
import { chartRows } from '../../src/lib/present/queries';

type Cell = { period: string; group: string; value: string };

/** Read a chart card's Table tab: one entry per row, value as the exact number the page holds. */
async function tableOf(page: Page, chartId: string): Promise<Cell[]> {
  const card = page.locator(`[data-chart="${chartId}"]`);
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-chart="${id}"]`);
      return el?.getAttribute('data-prepared') === 'false' && el?.getAttribute('data-state') === 'ready';
    },
    chartId,
    { timeout: 60_000 }
  );
  await card.getByRole('tab', { name: 'Table' }).click();
  return card.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      period: tr.getAttribute('data-period') ?? '',
      group: tr.getAttribute('data-group') ?? '',
      value: tr.querySelector('[data-exact]')?.getAttribute('data-exact') ?? ''
    }))
  );
}

describe('overview', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the demo in the browser with the same numbers as native DuckDB', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });

    const engine = await NodeEngine.create();
    try {
      const dir = 'data/demo';
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
      await loadExtract(engine, files);
      for (const spec of OVERVIEW_CHARTS) {
        const native = (await chartRows(engine, spec)).rows;
        expect(native.length, spec.id).toBeGreaterThan(0);
        const shown = await tableOf(page, spec.id);
        expect(shown, spec.id).toEqual(
          native.map((r) => ({ period: r.period, group: r.group ?? '', value: r.value === null ? '' : String(r.value) }))
        );
      }
    } finally {
      await engine.close();
    }
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });

  it('computes the hand-worked fixture exactly in the browser', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, '/data');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    const dir = 'tests/fixtures/overview';
    await page.setInputFiles('#files', ['referrals.csv', 'tool_uses.csv', 'training.csv'].map((f) => join(dir, f)));
    await page.waitForSelector('[data-testid="load-report"] [data-table="referrals"]');
    await expect
      .poll(() => page.locator('[data-table="referrals"] [data-col="loaded"]').textContent())
      .toBe('12');
    await page.getByRole('link', { name: 'Overview' }).click();

    // Referrals by referrer agency (R03 'school' is education). Quarters run from 2023-24 Q1
    // (earliest referral 2023-04-03) to 2024-25 Q2 (as-of 2024-08-02, the latest date).
    //   2023-24 Q1: R01 police, R02 health, R03 education     2023-24 Q2: R04 police, R05 health, R06 social_care
    //   2023-24 Q3: R07 police, R08 health                    2023-24 Q4: R10 police, R12 education
    //   2024-25 Q1: R09 education                             2024-25 Q2: R11 health
    const byAgency = (await tableOf(page, 'referrals-by-agency')).map((c) => `${c.period} ${c.group} ${c.value}`);
    expect(byAgency.sort()).toEqual(
      [
        '2023-24 Q1 education 1', '2023-24 Q1 health 1', '2023-24 Q1 police 1',
        '2023-24 Q2 health 1', '2023-24 Q2 police 1', '2023-24 Q2 social_care 1',
        '2023-24 Q3 health 1', '2023-24 Q3 police 1',
        '2023-24 Q4 education 1', '2023-24 Q4 police 1',
        '2024-25 Q1 education 1',
        '2024-25 Q2 health 1'
      ].sort()
    );

    // Re-referrals within 12 months: an earlier referral of the same child dated on or after
    // 12 months before this one.
    //   Q1 23-24: none of R01 R02 R03 has an earlier referral          0/3 = 0
    //   Q2: R04 (C1, R01 2023-04-03), R06 (C2, R02); R05 first          2/3
    //   Q3: R08 (C5, R07 same day, earlier by id); R07 first           1/2
    //   Q4: R12 (C6, R10 2024-01-15); R10 first                        1/2
    //   Q1 24-25: R09 (C3, R03 2023-05-10 = exactly 12 months before)   1/1
    //   Q2 24-25: R11 (C4, R05 2023-08-01 < 2023-08-02 = 12m before)    0/1
    const rereferral = await tableOf(page, 'rereferrals');
    expect(rereferral).toEqual([
      { period: '2023-24 Q1', group: '', value: '0' },
      { period: '2023-24 Q2', group: '', value: String(2 / 3) },
      { period: '2023-24 Q3', group: '', value: '0.5' },
      { period: '2023-24 Q4', group: '', value: '0.5' },
      { period: '2024-25 Q1', group: '', value: '1' },
      { period: '2024-25 Q2', group: '', value: '0' }
    ]);

    // Tool uses by lead agency: T1 health + T2 social_care in Q1; T3 health + T4 education in Q3;
    // T5 social_care in Q4; T6 ('GCP' alias) early_help in 2024-25 Q1. No tool use in Q2 or 2024-25 Q2.
    const tools = (await tableOf(page, 'tool-uses-by-agency')).map((c) => `${c.period} ${c.group} ${c.value}`);
    expect(tools.sort()).toEqual(
      [
        '2023-24 Q1 health 1', '2023-24 Q1 social_care 1',
        '2023-24 Q3 education 1', '2023-24 Q3 health 1',
        '2023-24 Q4 social_care 1',
        '2024-25 Q1 early_help 1'
      ].sort()
    );

    // Training coverage = sum trained / sum in scope; 2022-23 Q4 is before the reported range.
    //   Q1 (2+5)/(10+20) = 7/30; Q2 (4+10)/30 = 14/30; Q3 (6+12)/30 = 0.6; Q4 8/10 = 0.8;
    //   2024-25 Q1 20/25 = 0.8; 2024-25 Q2 has no rows: value null.
    const training = await tableOf(page, 'training-coverage');
    expect(training).toEqual([
      { period: '2023-24 Q1', group: '', value: String(7 / 30) },
      { period: '2023-24 Q2', group: '', value: String(14 / 30) },
      { period: '2023-24 Q3', group: '', value: String(18 / 30) },
      { period: '2023-24 Q4', group: '', value: '0.8' },
      { period: '2024-25 Q1', group: '', value: '0.8' },
      { period: '2024-25 Q2', group: '', value: '' }
    ]);
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
});
