import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { MetricRow } from '$lib/metrics/types';
import { metricById } from '$lib/metrics/registry';
import { DEFAULT_VIEW } from '$lib/data/view-state';
import { presentMeasure } from './measure';
import { requestFor } from './request';
import { csvCell, exportName, measureCsv, neutralise, pageWorkbook, type ExportContext } from './export';

const def = metricById('rereferral_12m')!;
const rate = (period: string, numerator: number, denominator: number, extra: Partial<MetricRow> = {}): MetricRow => ({
  metric: 'rereferral_12m', grain: 'quarter', period, dimension: null, group: null, numerator, denominator,
  value: numerator / denominator, p90: null, complete: true, partial: false, ...extra
});
const rows = [rate('2024-25 Q1', 20, 100), rate('2024-25 Q2', 3, 40), rate('2024-25 Q3', 7, 30, { partial: true })];
const view = { ...DEFAULT_VIEW, grain: 'quarter' as const, locality: ['North'], neglect: true };
const ctx: ExportContext = {
  asOf: '2024-11-15',
  source: 'Demo partnership',
  files: [{ name: 'referrals.csv', sha256: 'ab12' }],
  filters: { locality: ['North'], agency: [], neglect: true, from: null, to: null }
};

describe('CSV download', () => {
  it('carries its context, then percentages beside numerator and denominator', () => {
    const pm = presentMeasure(def, rows, requestFor(def, { ...view, publication: true }, true));
    const lines = measureCsv(pm, ctx).replace('\uFEFF', '').split('\r\n');
    expect(lines.slice(0, 11)).toEqual([
      'Measure,Re-referrals within 12 months (rereferral_12m)',
      `Definition,${csvCell(def.definition)}`,
      'Filters,locality North; neglect cases only',
      'Grain,financial-year quarter',
      'As of,2024-11-15',
      'Form,"publication form: c = suppressed (rests on 1 to 5 children or items, or would let one be worked out)"',
      'Source,Demo partnership',
      'Extract,referrals.csv sha256:ab12',
      // Q2 3/40 is suppressed (numerator 3): the headline is c
      'Headline,c in 2024-25 Q2 (latest complete quarter)',
      '',
      'period,numerator,denominator,percentage,complete,partial,note'
    ]);
    // 20/100 = 20.0%; Q2 c; Q3 7/30 = 23.3% (not over)
    expect(lines.slice(11, 14)).toEqual([
      '2024-25 Q1,20,100,20,yes,no,',
      '2024-25 Q2,c,c,c,yes,no,suppressed (primary)',
      '2024-25 Q3,7,30,23.3,yes,yes,period not yet over'
    ]);
  });

  it('is named by measure, grain, filters, form and date', () => {
    expect(exportName('rereferral_12m', 'quarter', ctx, true, 'csv')).toBe('rereferral_12m_quarter_north_neglect_publication_2024-11-15.csv');
    expect(exportName('tools', null, { ...ctx, filters: { locality: [], agency: ['social_care'], neglect: false, from: '2024-25 Q1', to: null } }, false, 'xlsx')).toBe(
      'tools_social-care_from-2024-25-q1_2024-11-15.xlsx'
    );
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise('North')).toBe('North');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-2)).toBe('-2'); // a number stays a number
  });
});

describe('XLSX of a page', () => {
  it('has a sheet per measure and a notes sheet, with neutralised cells', async () => {
    const pm = presentMeasure(def, rows, requestFor(def, view, true));
    const bytes = await pageWorkbook('Are referrals re-made?', [pm], { ...ctx, source: '=cmd|x' });
    const wb = XLSX.read(bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['rereferral_12m', 'Notes']);
    const sheet = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['rereferral_12m']!, { header: 1 });
    expect(sheet[0]).toEqual(['Measure', 'Re-referrals within 12 months (rereferral_12m)']);
    const head = sheet.findIndex((r) => r[0] === 'period');
    expect(sheet[head + 2]).toEqual(['2024-25 Q2', 3, 40, 7.5, 'yes', 'no']); // 3/40 = 7.5%
    const notes = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Notes']!, { header: 1 });
    expect(notes.find((r) => r[0] === 'Source')?.[1]).toBe("'=cmd|x");
    expect(notes.at(-1)).toEqual(['rereferral_12m', 'Re-referrals within 12 months', '7.5%', '2024-25 Q2']);
  });
});

describe('a measure the source does not record (imports.md "What the sources cannot supply")', () => {
  // referrals from two files, neither with a decision_date column (as a CIN census import writes them);
  // assessments with no neglect_identified column; children with no locality column
  const report = {
    tables: {
      referrals: { read: 3, loaded: 3, rejected: 0, warnings: {}, parts: [
        { file: 'referrals.csv', read: 2, loaded: 2, rejected: 0, warnings: {}, recorded: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern', 'outcome'] },
        { file: 'referrals.more.csv', read: 1, loaded: 1, rejected: 0, warnings: {}, recorded: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern'] }
      ] },
      assessments: { read: 1, loaded: 1, rejected: 0, warnings: {}, parts: [
        { file: 'assessments.csv', read: 1, loaded: 1, rejected: 0, warnings: {}, recorded: ['assessment_id', 'child_id', 'start_date', 'completion_date'] }
      ] },
      children: { read: 1, loaded: 1, rejected: 0, warnings: {}, parts: [
        { file: 'children.csv', read: 1, loaded: 1, rejected: 0, warnings: {}, recorded: ['child_id', 'birth_month', 'sex', 'ethnicity', 'disability', 'imd_decile'] }
      ] }
    }
  };
  const nctx: ExportContext = { ...ctx, source: 'the CIN census import', filters: { locality: [], agency: [], neglect: false, from: null, to: null }, report };
  const plain = { ...DEFAULT_VIEW, grain: 'quarter' as const };
  // what the engine gives over rows with no decision date: 0 of 10 decided in time (the zero that must not be shown)
  const d1 = metricById('decision_within_1wd')!;
  const zeros: MetricRow[] = [{ ...rate('2024-25 Q1', 0, 10), metric: 'decision_within_1wd' }];
  const words =
    'the CIN census import does not record referrals.decision_date, so this measure cannot be worked out (it is not zero). ' +
    'A contract file referrals.csv with that column would supply it.';

  it('CSV: a "Not in this source" line naming field, source and file; no headline; no rows', () => {
    const pm = presentMeasure(d1, zeros, requestFor(d1, plain, true));
    const lines = measureCsv(pm, nctx).replace('\uFEFF', '').split('\r\n');
    expect(lines[2]).toBe(`Not in this source,${csvCell(words)}`);
    expect(lines.some((l) => l.startsWith('Headline'))).toBe(false);
    const head = lines.indexOf('period,numerator,denominator,percentage,complete,partial,note');
    expect(head).toBeGreaterThan(0);
    expect(lines.slice(head + 1)).toEqual(['']); // nothing after the header but the final line end
  });

  it('XLSX: the sheet says so and has no rows; the notes say Not in this source, not a headline', async () => {
    const pm = presentMeasure(d1, zeros, requestFor(d1, plain, true));
    const wb = XLSX.read(await pageWorkbook('Are decisions quick?', [pm], nctx), { type: 'array' });
    const sheet = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets['decision_within_1wd']!, { header: 1 });
    expect(sheet.find((r) => r[0] === 'Not in this source')?.[1]).toBe(words);
    expect(sheet.at(-1)?.[0]).toBe('period'); // the header is the last row
    const notes = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Notes']!, { header: 1 });
    expect(notes.at(-1)).toEqual(['decision_within_1wd', d1.title, 'Not in this source']);
  });

  it('a measure the source does record is unchanged (re-referrals from outcome and dates)', () => {
    const pm = presentMeasure(def, rows, requestFor(def, plain, true));
    const csv = measureCsv(pm, nctx);
    expect(csv).not.toContain('Not in this source');
    expect(csv).toContain('\r\n2024-25 Q1,20,100,20,yes,no,\r\n');
  });

  it('no breakdown by a field not recorded: neglect at assessment, locality; one that is recorded stays', async () => {
    const { unrecordedBreakdowns } = await import('./not-in-source');
    const a45 = metricById('assessment_within_45wd')!;
    const un = unrecordedBreakdowns(report, a45.id);
    expect(un).toEqual([
      { dimension: 'neglect', fields: ['assessments.neglect_identified'] },
      { dimension: 'locality', fields: ['children.locality'] }
    ]);
    const req = requestFor(a45, { ...plain, breakdown: { [a45.id]: 'neglect' } }, true, { unrecorded: un.map((u) => u.dimension) });
    expect(req.dimension).toBeNull();
    expect(req.dimensions).not.toContain('neglect');
    expect(req.dimensions).not.toContain('locality');
    expect(a45.dimensions).toContain('imd_quintile');
    expect(req.dimensions).toContain('imd_quintile');
    // asked for anyway (an old address), the download carries no breakdown rows and says why
    const forced = requestFor(a45, { ...plain, breakdown: { [a45.id]: 'neglect' } }, true);
    const brows: MetricRow[] = [
      { ...rate('2024-25 Q1', 1, 2), metric: a45.id },
      { ...rate('2024-25 Q1', 0, 2), metric: a45.id, dimension: 'neglect', group: 'false' }
    ];
    const lines = measureCsv(presentMeasure(a45, brows, forced), nctx).replace('\uFEFF', '').split('\r\n');
    expect(lines.find((l) => l.startsWith('Breakdown,'))).toMatch(/^Breakdown,"?Not in this source: the CIN census import does not record assessments\.neglect_identified, so there is no .* breakdown/);
    const head = lines.findIndex((l) => l.startsWith('period,'));
    expect(lines.slice(head + 1)).toEqual(['']);
  });
});

describe('a measure only some rows record', () => {
  it('CSV: a "Based on" line with N of M from the load report, then its rows', () => {
    const part = (file: string, loaded: number, recorded: string[]) => ({ file, read: loaded, loaded, rejected: 0, warnings: {}, recorded });
    const base = ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern', 'outcome'];
    const report = {
      tables: {
        referrals: { read: 6, loaded: 6, rejected: 0, warnings: {}, parts: [part('referrals.a.csv', 4, [...base, 'decision_date']), part('referrals.b.csv', 2, base)] }
      }
    };
    const d1 = metricById('decision_within_1wd')!;
    const pm = presentMeasure(d1, [{ ...rate('2024-25 Q1', 3, 4), metric: 'decision_within_1wd' }], requestFor(d1, { ...DEFAULT_VIEW, grain: 'quarter' }, false));
    const lines = measureCsv(pm, { ...ctx, report }).replace('\uFEFF', '').split('\r\n');
    expect(lines).toContain(`Based on,4 of 6 referrals: the others' files do not record referrals.decision_date.`);
    expect(lines).not.toContain('Not in this source');
    expect(lines.at(-2)).toBe('2024-25 Q1,3,4,75,yes,no,');
  });
});
