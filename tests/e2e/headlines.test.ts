/**
 * Machine-checkable agreement (issue 11, item 2): every headline number on screen carries
 * data-measure, data-period and data-value, and on the overview, every question page and /actions
 * the headline of a measure is the same and is the latest complete quarter, exactly as the command
 * line's JSON (`npm run metrics`, computed here on native DuckDB from the same files) gives it. Run on
 * the demo and on a fixture loaded through /data's file chooser, each page reached by the navigation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage } from './browser';
import { NodeEngine } from '../../src/lib/engine/node';
import { loadExtract } from '../../src/lib/ingest';
import { computeMetrics } from '../../src/lib/metrics/compute';
import { cliDocument } from '../../src/lib/metrics/cli-document';
import { SECTIONS } from '../../src/lib/views/sections';

interface Shown {
  page: string;
  measure: string;
  period: string;
  value: string;
}

/**
 * metrics.md "The headline of a measure", read straight off the CLI's JSON: per measure, the overall
 * quarterly row with the greatest period among those with complete true and partial false; its value
 * as JSON prints it.
 */
async function cliHeadlines(dir: string, names?: string[]): Promise<Map<string, { period: string; value: string }>> {
  const engine = await NodeEngine.create();
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv') && (!names || names.includes(f)))
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
    const report = await loadExtract(engine, files);
    const doc = JSON.parse(JSON.stringify(cliDocument(await computeMetrics(engine), report.tables))) as {
      metrics: { metric: string; grain: string; period: string; dimension: string | null; value: number | null; complete: boolean; partial: boolean }[];
    };
    const out = new Map<string, { period: string; value: string }>();
    for (const r of doc.metrics) {
      if (r.grain !== 'quarter' || r.dimension !== null || !r.complete || r.partial) continue;
      const have = out.get(r.metric);
      if (!have || r.period > have.period) out.set(r.metric, { period: r.period, value: JSON.stringify(r.value) });
    }
    return out;
  } finally {
    await engine.close();
  }
}

/** Waits until nothing on the page is loading, then reads every element that carries data-value. */
async function headlinesOn(page: Page, name: string): Promise<Shown[]> {
  await page.waitForFunction(
    () =>
      !document.body.innerText.includes('Loading…') &&
      [...document.querySelectorAll('[data-state]')].every((e) => e.getAttribute('data-state') !== 'loading') &&
      [...document.querySelectorAll('[data-prepared]')].every((e) => e.getAttribute('data-prepared') === 'false'),
    null,
    { timeout: 90_000 }
  );
  const shown = await page.locator('[data-value]').evaluateAll((els) =>
    els.map((e) => ({
      measure: e.getAttribute('data-measure') ?? '',
      period: e.getAttribute('data-period') ?? '',
      value: e.getAttribute('data-value') ?? ''
    }))
  );
  return shown.map((s) => ({ page: name, ...s }));
}

async function visitAll(page: Page): Promise<Shown[]> {
  const all: Shown[] = [];
  for (const nav of ['Overview', ...SECTIONS.map((s) => s.nav), 'Actions']) {
    await page.getByRole('navigation').getByRole('link', { name: nav, exact: true }).click();
    await page.waitForURL((u) => u.pathname === (nav === 'Overview' ? '/' : nav === 'Actions' ? '/actions' : SECTIONS.find((s) => s.nav === nav)!.path));
    all.push(...(await headlinesOn(page, nav)));
  }
  return all;
}

function check(shown: Shown[], expected: Map<string, { period: string; value: string }>): void {
  // every element carrying data-value names its measure and period
  for (const s of shown) expect(s.measure, JSON.stringify(s)).not.toBe('');
  // each one is the command line's headline of that measure (so all of a measure's agree)
  const got = shown.map((s) => `${s.page} ${s.measure} ${s.period} ${s.value}`);
  const want = shown.map((s) => {
    const e = expected.get(s.measure);
    return `${s.page} ${s.measure} ${e?.period ?? 'no complete quarter'} ${e?.value ?? ''}`;
  });
  expect(got).toEqual(want);
}

describe('headlines agree across pages and are the latest complete quarter', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on the demo', async () => {
    const expected = await cliHeadlines('data/demo');
    const { page, consoleErrors } = await openPage(browser, '/');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    const shown = await visitAll(page);
    check(shown, expected);
    // not vacuous: tiles, question pages and the action plan all show headlines
    const pages = new Set(shown.map((s) => s.page));
    for (const p of ['Overview', 'Referrals', 'Barriers', 'Actions']) expect(pages, p).toContain(p);
    // a measure shown on the overview, its question page and the plan: rereferral_12m's headline
    expect(shown.filter((s) => s.measure === 'rereferral_12m').length).toBeGreaterThanOrEqual(2);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('on a fixture loaded through the file chooser', async () => {
    const dir = 'tests/fixtures/overview';
    const names = ['referrals.csv', 'tool_uses.csv', 'training.csv'];
    const expected = await cliHeadlines(dir, names);
    // Worked by hand (tests/fixtures/overview/README.md, as-of 2024-08-02, 2024-25 Q2 not over):
    // training coverage 2024-25 Q1 = 20/25 = 0.8; tool uses 2024-25 Q1 = 1 (T6).
    expect(expected.get('training_coverage')).toEqual({ period: '2024-25 Q1', value: '0.8' });
    expect(expected.get('tool_uses')).toEqual({ period: '2024-25 Q1', value: '1' });
    // re-referrals look back 12 months from 2023-04-03: no quarter up to 2024-25 Q1 is complete
    expect(expected.has('rereferral_12m')).toBe(false);

    const { page, consoleErrors } = await openPage(browser, '/data');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    await page.setInputFiles('#files', names.map((f) => join(dir, f)));
    await expect.poll(() => page.locator('[data-table="referrals"] [data-col="loaded"]').textContent(), { timeout: 60_000 }).toBe('12');
    const shown = await visitAll(page);
    check(shown, expected);
    const training = shown.filter((s) => s.measure === 'training_coverage');
    // the overview tile and the /barriers card
    expect(training.map((s) => s.page).sort()).toEqual(['Barriers', 'Overview']);
    expect(training.every((s) => s.value === '0.8' && s.period === '2024-25 Q1')).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe('filters are honoured everywhere or said not to apply', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on the overview, the question pages and their links', async () => {
    // the CLI's computation under the same filters: re-referrals take agency and neglect; training
    // coverage has an agency but no neglect flag
    const engine = await NodeEngine.create();
    const expected = new Map<string, { period: string; value: string }>();
    try {
      const files = readdirSync('data/demo')
        .filter((f) => f.endsWith('.csv'))
        .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join('data/demo', f))) }));
      await loadExtract(engine, files);
      for (const [id, filters] of [
        ['rereferral_12m', { agency: ['health'], neglect: true }],
        ['training_coverage', { agency: ['health'] }]
      ] as const) {
        const rows = (await computeMetrics(engine, { ids: [id], grains: ['quarter'], breakdowns: false, filters: { ...filters, agency: [...filters.agency] } })).metrics;
        const settled = rows.filter((r) => r.complete && !r.partial).sort((a, b) => (a.period < b.period ? -1 : 1)).at(-1)!;
        expected.set(id, { period: settled.period, value: JSON.stringify(settled.value) });
      }
    } finally {
      await engine.close();
    }
    const { page, consoleErrors } = await openPage(browser, '/?agency=health&neglect=1');
    await page.waitForSelector('[data-engine="ready"]', { timeout: 60_000 });
    const shown = await headlinesOn(page, 'Overview');
    const tile = (id: string) => shown.find((s) => s.measure === id);
    expect(tile('rereferral_12m')).toMatchObject(expected.get('rereferral_12m')!);
    expect(tile('training_coverage')).toMatchObject(expected.get('training_coverage')!);
    expect(await page.locator('[data-tile="training_coverage"] [data-not-applicable]').innerText()).toContain('neglect cases only');
    // a tile opens its page at the tile's grain with the same filters
    const href = await page.locator('[data-tile="rereferral_12m"] h3 a').getAttribute('href');
    expect(new URL(href!, 'http://x').searchParams.toString()).toBe('agency=health&neglect=1&grain=quarter');
    await page.locator('[data-tile="rereferral_12m"] h3 a').click();
    await page.waitForURL((u) => u.pathname === '/referrals');
    const onPage = (await headlinesOn(page, 'Referrals')).find((s) => s.measure === 'rereferral_12m');
    expect(onPage).toMatchObject(expected.get('rereferral_12m')!);
    expect(await page.locator('#f-grain').inputValue()).toBe('quarter');

    // a breakdown chosen is kept in the address
    await page.locator('[data-metric="rereferral_12m"]').getByLabel('Break down by').selectOption('agency');
    await page.waitForURL((u) => u.searchParams.getAll('by').includes('rereferral_12m:agency'));
    await page.locator('[data-metric="rereferral_12m"] table[data-breakdown="agency"]').waitFor({ timeout: 60_000 });

    // the CSV carries its context: measure, filters, grain, as-of, form, extract; named by them
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-metric="rereferral_12m"]').getByRole('button', { name: 'Download CSV' }).click()
    ]);
    expect(download.suggestedFilename()).toBe('rereferral_12m_quarter_health_neglect_2026-03-31.csv');
    const csv = readFileSync((await download.path())!, 'utf8').replace('\uFEFF', '').split('\r\n');
    expect(csv[0]).toBe('Measure,Re-referrals within 12 months (rereferral_12m)');
    expect(csv).toContain('Filters,agency Health; neglect cases only');
    expect(csv).toContain('Grain,financial-year quarter');
    expect(csv).toContain('Breakdown,Agency');
    expect(csv).toContain('As of,2026-03-31');
    expect(csv.find((l) => l.startsWith('Extract,'))).toMatch(/referrals\.csv sha256:[0-9a-f]{64}/);
    expect(csv).toContain('period,Agency,numerator,denominator,percentage,complete,partial,note');

    // barriers: quarters only, the month choice disabled and said so
    await page.getByRole('navigation').getByRole('link', { name: 'Barriers', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/barriers');
    expect(await page.locator('#f-grain option[value="month"]').isDisabled()).toBe(true);
    expect(await page.locator('#f-grain-note').innerText()).toContain('Quarters only');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
