/**
 * The board pack's model and HTML from a tiny extract whose figures are worked out by hand.
 * No chromium here (the printed PDF is tested in tests/e2e/board-pack.test.ts).
 *
 * Extract (as-of date = latest event date = 2024-09-30, so the default quarter is 2024-25 Q2, which
 * ends that day):
 * - 2024-25 Q1: 10 referrals on 2024-05-01 (children C01..C10, police), decided the same day;
 *   R01-R03 outcome nfa, R04-R10 assessment; R01 and R02 have feedback the same day.
 * - 2024-25 Q2: 20 referrals on 2024-08-01 (C11..C30) and one on 2024-09-30 (C31), decided the same
 *   day; R11-R20 nfa, the rest assessment; R11-R21 (11) have feedback the same day; R30's feedback
 *   date is not a date (a warning, read as none). R32 has neglect_concern "maybe": rejected.
 * - actions: one overdue action on nfa_rate with a title full of HTML.
 * - children: C01-C07 in North, C08-C09 in South; C10 and the Q2 children have no row (unknown).
 * - no tool_uses, assessments, episodes, education, training, barriers.
 * Partnership: "Northshire & <Co>" (escaped on page 1).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import type { InputFile } from '../ingest';
import { buildPack, type BuiltPack } from './build';
import { QuarterNotInDataError, SECTIONS } from './model';
import { latestEndedQuarter, periodWithin } from './quarter';
import { parsePackArgs, UsageError } from './args';

const enc = new TextEncoder();

function referralsCsv(): string {
  const lines = ['referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date'];
  const pad = (i: number) => String(i).padStart(2, '0');
  for (let i = 1; i <= 10; i++) {
    lines.push(`R${pad(i)},C${pad(i)},2024-05-01,police,false,2024-05-01,${i <= 3 ? 'nfa' : 'assessment'},${i <= 2 ? '2024-05-01' : ''}`);
  }
  for (let i = 11; i <= 31; i++) {
    const day = i === 31 ? '2024-09-30' : '2024-08-01';
    const feedback = i <= 21 ? day : i === 30 ? 'soon' : ''; // R30: an invalid optional date -> null + warning
    lines.push(`R${pad(i)},C${pad(i)},${day},police,false,${day},${i <= 20 ? 'nfa' : 'assessment'},${feedback}`);
  }
  lines.push('R32,C32,2024-08-01,police,maybe,2024-08-01,nfa,'); // invalid required bool -> rejected row
  return lines.join('\n') + '\n';
}

const ACTIONS_CSV =
  'action_id,title,owner_agency,due_date,status,completed_date,metric_id,target\n' +
  'A1,"Stop <b>assess & close</b>",social_care,2024-06-30,on_track,,nfa_rate,0.1\n';

function childrenCsv(): string {
  const lines = ['child_id,birth_month,sex,ethnicity,disability,imd_decile,locality'];
  for (let i = 1; i <= 9; i++) lines.push(`C0${i},2015-01,female,white,no,5,${i <= 7 ? 'North' : 'South'}`);
  return lines.join('\n') + '\n';
}

const files: InputFile[] = [
  { name: 'referrals.csv', bytes: enc.encode(referralsCsv()) },
  { name: 'actions.csv', bytes: enc.encode(ACTIONS_CSV) },
  { name: 'children.csv', bytes: enc.encode(childrenCsv()) }
];
const PARTNERSHIP = 'Northshire & <Co>';

/** The HTML of one metric's article. */
function article(html: string, id: string): string {
  const start = html.indexOf(`<article class="metric" id="m-${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</article>', start));
}

/** The cells of the table row for one quarter (or locality) inside a fragment, after the first cell. */
function rowCells(fragment: string, period: string): string[] {
  const m = new RegExp(`<tr(?: class="[a-z]+")?><td>${period}(?: <span class="small">[^<]*</span>)?</td>(.*?)</tr>`).exec(fragment);
  expect(m, `row ${period}`).not.toBeNull();
  return [...(m as RegExpExecArray)[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((x) => x[1]!);
}

let engine: NodeEngine;
let pack: BuiltPack;

beforeAll(async () => {
  engine = await NodeEngine.create();
  pack = await buildPack(engine, files, { partnership: PARTNERSHIP, version: '9.9.9', today: '2025-01-01', html: { chart: () => '<svg data-test="chart"></svg>' } });
});
afterAll(async () => {
  await engine.close();
});

describe('quarter choice', () => {
  it('takes the latest quarter that has ended by the as-of date', () => {
    expect(latestEndedQuarter('2024-09-30')).toBe('2024-25 Q2'); // Q2 ends 30 September: ended that day
    expect(latestEndedQuarter('2024-09-29')).toBe('2024-25 Q1');
    expect(latestEndedQuarter('2025-01-01')).toBe('2024-25 Q3'); // Q3 = October-December 2024
    expect(latestEndedQuarter('2025-03-31')).toBe('2024-25 Q4'); // Q4 = January-March 2025
    expect(latestEndedQuarter('2025-04-15')).toBe('2024-25 Q4');
  });
  it('keeps months and quarters that end by the quarter end', () => {
    expect(periodWithin('2024-06', '2024-25 Q1')).toBe(true);
    expect(periodWithin('2024-07', '2024-25 Q1')).toBe(false);
    expect(periodWithin('2024-25 Q2', '2024-25 Q1')).toBe(false);
  });
  it('the default pack reports 2024-25 Q2 as of 2024-09-30', () => {
    expect(pack.model.asOf).toBe('2024-09-30');
    expect(pack.model.quarter).toBe('2024-25 Q2');
  });
  it('refuses a quarter outside the reported periods', async () => {
    await expect(buildPack(engine, files, { partnership: 'P', version: 'x', today: '2025-01-01', quarter: '2024-25 Q3' })).rejects.toBeInstanceOf(QuarterNotInDataError);
    await expect(buildPack(engine, files, { partnership: 'P', version: 'x', today: '2025-01-01', quarter: '2023-24 Q4' })).rejects.toBeInstanceOf(QuarterNotInDataError);
  });
});

describe('suppression in the pack', () => {
  it('shows c, never the number, for a rate whose numerator is 1 to 5', () => {
    const a = article(pack.html, 'nfa_rate');
    // Q1: 3 nfa of 10 decided referrals -> numerator 3 is in 1..5: numerator, denominator, rate all c.
    expect(rowCells(a, '2024-25 Q1').slice(0, 3)).toEqual(['c', 'c', 'c']);
    expect(a).not.toContain('30.0%'); // 3 / 10
    // Q2: 10 nfa of 21 is not small itself, but September's 0 of 1 (21 - 20) is primary and the
    // publication form of the full row set (npm run metrics -- --publication, which the pack reads)
    // covers it through Q2's months and groups: Q2 is a secondary suppression, never 47.6%.
    expect(rowCells(a, '2024-25 Q2').slice(0, 3)).toEqual(['c', 'c', 'c']);
    expect(a).not.toContain('47.6%');
  });
  it('headlines the latest complete quarter, hides a suppressed one, and the suppressed month in the chart', () => {
    // feedback_within_3wd (follow-up 3 working days): Q2 ends on the as-of date 2024-09-30, so its
    // window is open: the headline is Q1, 2 of 10 (c); Q2, 11 of 21 = 52.4% (21 - 11 = 10), only "so far".
    const tile = pack.model.tiles.find((t) => t.id === 'feedback_within_3wd');
    expect(tile?.period).toBe('2024-25 Q1');
    expect(tile?.latest).toBe('c');
    expect(tile?.soFar).toEqual({ period: '2024-25 Q2', value: '52.4%' });
    expect(tile?.previous).toEqual({ period: '2023-24 Q4', text: 'c' });
    const m = pack.model.sections.flatMap((s) => s.metrics).find((x) => x.id === 'feedback_within_3wd');
    // Monthly chart: May 2024 holds the 10 Q1 referrals (2 with feedback): suppressed, a gap.
    expect(m?.chart?.hidden).toContain('2024-05');
    // Q2's months add up to Q2 (shown as "so far"): September holds 1 referral (21 - 20), primary;
    // August (10 of 20) is then the smallest other month of that relation (July has none, and a
    // month of size 0 is never the cover), so it is suppressed too (secondary).
    expect(m?.chart?.hidden).toEqual(['2024-05', '2024-08', '2024-09']);
    expect(article(pack.html, 'feedback_within_3wd')).not.toContain('20.0%'); // 2 / 10
  });
  it('shows zero (a zero count is not suppressed)', () => {
    // awaiting_decision at the end of Q1: every referral was decided the same day -> 0.
    expect(rowCells(article(pack.html, 'awaiting_decision'), '2024-25 Q1')[0]).toBe('0');
  });
});

describe('content', () => {
  it('has the cover, every section heading as a question, and the appendices', () => {
    const h = pack.html;
    expect(pack.model.partnership).toBe(PARTNERSHIP);
    expect(h).toContain('<h1>Northshire &amp; &lt;Co&gt;</h1>');
    expect(h).toContain('<strong>Quarter:</strong> 2024-25 Q2 (July to September 2024)');
    expect(h).toContain('<strong>Data as of:</strong> 30 September 2024 (2024-09-30)');
    for (const s of SECTIONS) expect(h).toContain(`<h2>${s.title.replaceAll("'", '&#39;')}</h2>`);
    const order = ['Executive summary', ...SECTIONS.map((s) => s.title.replaceAll("'", '&#39;')), 'Headline measures by locality', 'Action plan status', 'Data quality', 'Appendix: definitions', 'Reproducibility'];
    const at = order.map((t) => h.indexOf(`<h2>${t}</h2>`));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at); // in this order
  });
  it('says which file fills a missing table', () => {
    const tile = pack.model.tiles.find((t) => t.id === 'tool_use_multi_agency');
    expect(tile?.latest).toBe('no data');
    expect(tile?.missing).toContain('tool_uses.csv');
    expect(article(pack.html, 'tool_uses')).toContain('tool_uses.csv');
    expect(article(pack.html, 'education_first_action_5wd')).toContain('education.csv');
    expect(article(pack.html, 'training_coverage')).toContain('training.csv');
  });
  it('escapes text from the data and marks the overdue action with its measure and target', () => {
    expect(pack.html).toContain('Stop &lt;b&gt;assess &amp; close&lt;/b&gt;');
    expect(pack.html).not.toContain('<b>assess');
    const a = pack.model.actions?.[0];
    // due 2024-06-30 before the as-of date 2024-09-30 and not complete -> overdue
    expect(a).toMatchObject({ id: 'A1', overdue: true, latest: 'c', latestPeriod: '2024-25 Q2', target: '10.0%' });
  });
  it('reports the load and the files with their SHA-256', () => {
    const q = pack.model.quality.tables.find((t) => t.table === 'referrals');
    // 10 + 21 good rows + R32 rejected; R30's feedback_date is a warning; C10-C31 (22) have no child row
    expect(q).toMatchObject({
      read: 32, loaded: 31, rejected: 1, warnings: 23,
      warningColumns: [{ column: 'child_id', count: 22 }, { column: 'feedback_date', count: 1 }]
    });
    expect(pack.html).toContain('<td>child_id 22, feedback_date 1</td>');
    const sha = createHash('sha256').update(files[0]!.bytes).digest('hex');
    expect(pack.model.footer.files.find((f) => f.name === 'referrals.csv')?.sha256).toBe(sha);
    expect(pack.model.footer.rowsLoaded).toBe(41); // 31 referrals + 1 action + 9 children
    expect(pack.html).toContain(sha);
    expect(pack.html).toContain('version 9.9.9');
  });
  it('cuts reporting at the chosen quarter', async () => {
    const q1 = await buildPack(engine, files, { partnership: 'P', version: 'x', today: '2025-01-01', quarter: '2024-25 Q1', html: { chart: () => '' } });
    expect(q1.model.asOf).toBe('2024-09-30');
    expect(q1.html).not.toContain('<td>2024-25 Q2</td>');
    const m = q1.model.sections.flatMap((s) => s.metrics).find((x) => x.id === 'decision_within_1wd');
    expect(m?.table.map((r) => r.period)).toEqual(['2024-25 Q1']);
    expect(m?.table[0]?.value).toBe('100.0%'); // 10 of 10 decided the same day; 10 - 10 = 0 not small
  });
});

describe('locality tables', () => {
  it('shows each locality of a headline measure in its headline quarter, suppressed', () => {
    // decision_within_1wd (follow-up 1 working day): Q2 still open, headline Q1: 10 of 10 decided the
    // same day. North C01-C07: 7 of 7 (7 - 7 = 0: shown); South C08-C09: 2 of 2 (c); C10 has no
    // child row: unknown, 1 of 1 (c). Two suppressed in the breakdown: no secondary needed.
    const t = pack.model.localities.find((x) => x.id === 'decision_within_1wd');
    expect(t?.period).toBe('2024-25 Q1');
    expect(t?.rows).toEqual([
      { locality: 'North', numerator: '7', denominator: '7', value: '100.0%', p90: null },
      { locality: 'South', numerator: 'c', denominator: 'c', value: 'c', p90: null },
      { locality: 'unknown', numerator: 'c', denominator: 'c', value: 'c', p90: null }
    ]);
    expect(t?.total).toEqual({ locality: 'All localities', numerator: '10', denominator: '10', value: '100.0%', p90: null });
    const html = pack.html.slice(pack.html.indexOf('<div class="loc" id="l-decision_within_1wd">'));
    expect(rowCells(html, 'South')).toEqual(['c', 'c', 'c']);
    // a headline measure whose tables are missing gets no locality table
    expect(pack.model.localities.map((x) => x.id)).not.toContain('tool_use_multi_agency');
  });
});

describe('executive summary', () => {
  it('has its page after the cover, every line naming a measure with a value and quarter', () => {
    const s = pack.model.summary;
    const lines = [...s.improved, ...s.worse, ...s.watch, ...s.steady, ...s.unjudged];
    // one line per measure with data: the 8 referral measures of metrics.md
    expect(lines).toHaveLength(8);
    // decision_within_1wd: headline Q1 (see the locality tables); its 2 months are within trial limits
    expect(s.steady).toContain('Decisions within 1 working day: 100.0% in 2024-25 Q1. No real change.');
    // re-referrals need a 12-month follow-up: no quarter is complete, so no headline and no judgement
    expect(s.unjudged).toContain(
      'Re-referrals within 12 months: no complete quarter yet (so far 0.0% in 2024-25 Q2). Too few complete points to judge variation yet.'
    );
    expect(pack.html.indexOf('<h2>Executive summary</h2>')).toBeGreaterThan(pack.html.indexOf('<h1>'));
  });
});

describe('arguments', () => {
  it('parses and refuses misuse', () => {
    expect(parsePackArgs(['--data', 'd', '--quarter', '2024-25 Q3', '--as-of', '2025-01-31', '--out', 'p.pdf'])).toEqual({
      data: 'd', quarter: '2024-25 Q3', asOf: '2025-01-31', out: 'p.pdf', partnership: 'd'
    });
    // the partnership defaults to the data folder's name
    expect(parsePackArgs(['--data', 'data/demo/', '--out', 'p.pdf']).partnership).toBe('demo');
    expect(parsePackArgs(['--data', 'd', '--out', 'p.pdf', '--partnership', ' Northshire SCP '])).toEqual({ data: 'd', out: 'p.pdf', partnership: 'Northshire SCP' });
    expect(() => parsePackArgs(['--data', 'd', '--out', 'p', '--partnership', '  '])).toThrow(UsageError);
    expect(() => parsePackArgs(['--data', 'd'])).toThrow(UsageError);
    expect(() => parsePackArgs(['--out', 'p.pdf'])).toThrow(UsageError);
    expect(() => parsePackArgs(['--data', 'd', '--out', 'p', '--quarter', '2024 Q3'])).toThrow(UsageError);
    expect(() => parsePackArgs(['--data', 'd', '--out', 'p', '--quarter', '2024-26 Q3'])).toThrow(UsageError);
    expect(() => parsePackArgs(['--data', 'd', '--out', 'p', '--as-of', '2025-02-30'])).toThrow(UsageError);
    expect(() => parsePackArgs(['--data', 'd', '--out', 'p', '--bogus'])).toThrow(UsageError);
  });
});

describe('browser print view', () => {
  it('scopes the print CSS to the pack container and keeps the page size', async () => {
    const { scopedPrintCss } = await import('./print-css');
    const css = scopedPrintCss('.pack-doc');
    expect(css).toContain('@page { size: A4 portrait;');
    expect(css).toContain('.pack-doc { font-family: Arial'); // body -> the container
    expect(css).toContain('.pack-doc tr, .pack-doc td, .pack-doc th { break-inside: avoid;');
    expect(css).not.toMatch(/^body|^table|^h1/m); // nothing left unscoped
  });
  it('the body HTML is the document body without the document', async () => {
    const { packBodyHtml } = await import('./html');
    const body = packBodyHtml(pack.model, { chart: () => '<svg data-test="chart"></svg>' });
    expect(body).not.toContain('<html');
    expect(body).not.toContain('<style>');
    expect(pack.html).toContain(body);
  });
});
