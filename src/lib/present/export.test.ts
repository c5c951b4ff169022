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
