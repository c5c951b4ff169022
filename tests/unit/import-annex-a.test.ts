import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importFiles, type ImportResult } from '../../src/lib/imports';
import { annexAWorkbook } from '../fixtures/imports/annex-a';
import { expectedChildId, PASSPHRASE } from '../fixtures/imports/ids';

const today = '2025-06-30';
const rows = (r: ImportResult, name: string) => (r.files.find((x) => x.name === name)?.text.trimEnd().split('\n') ?? []);

describe('Annex A import, hand-worked', async () => {
  const r = await importFiles([{ name: 'annex-a.xlsx', bytes: annexAWorkbook() }], { passphraseText: PASSPHRASE, today });
  const X = expectedChildId('X100');
  const Y = expectedChildId('42');
  const sorted = (a: string[]) => [a[0]!, ...a.slice(1).sort()];

  it('children: fields from the first list giving them, no locality column', () => {
    expect(rows(r, 'children.csv')).toEqual(
      sorted(['child_id,birth_month,sex,ethnicity,disability', `${X},2015-04,male,white,no`, `${Y},2016-02,female,asian,yes`])
    );
  });

  it('referrals: sources by census code or words, outcomes from the window, neglect from List 7', () => {
    expect(rows(r, 'referrals.csv')).toEqual(
      sorted([
        'referral_id,child_id,referral_date,referrer_agency,neglect_concern,outcome',
        // List 5 enquiry 2024-05-03 no later than the first List 4 assessment 2024-05-06: strategy;
        // the List 7 neglect plan of 2024-07-01 starts in the window [2024-05-01, 2024-09-10)
        `${X}-R20240501,${X},2024-05-01,police,true,strategy`,
        `${X}-R20240910,${X},2024-09-10,public,false,nfa`,
        `${Y}-R20241101,${Y},2024-11-01,anonymous,false,assessment`
      ])
    );
  });

  it('assessments: referral the latest List 3 referral on or before the start; no neglect_identified column', () => {
    expect(rows(r, 'assessments.csv')).toEqual(
      sorted([
        'assessment_id,child_id,referral_id,start_date,completion_date',
        `${X}-A20240506,${X},${X}-R20240501,2024-05-06,2024-06-20`,
        // child id 42 as a number cell matches '0042' as text
        `${Y}-A20241103,${Y},${Y}-R20241101,2024-11-03,`
      ])
    );
  });

  it('episodes: List 6 unless RC8/RC9, neglect when a List 7 neglect plan starts within it; List 7', () => {
    expect(rows(r, 'episodes.csv')).toEqual(
      sorted([
        'episode_id,child_id,type,start_date,end_date,closure_code,neglect',
        `${X}-N20240520,${X},child_in_need,2024-05-20,2024-12-01,RC4,true`,
        `${X}-P20240701,${X},child_protection,2024-07-01,,,true`
      ])
    );
  });

  it('report: lists read = loaded + rejected, List 8 and the guidance sheet not used, List 1 not used without --contacts', () => {
    const s = r.report.sources[0]!;
    expect(s.kind).toBe('annex_a');
    expect(s.parts).toEqual({
      'List 3': { read: 5, loaded: 3, rejected: 2 },
      'List 4': { read: 2, loaded: 2, rejected: 0 },
      'List 5': { read: 1, loaded: 1, rejected: 0 },
      'List 6': { read: 2, loaded: 2, rejected: 0 },
      'List 7': { read: 1, loaded: 1, rejected: 0 }
    });
    expect(s.not_used).toEqual(['Guidance', 'List 1 (List 1 - Contacts)', 'List 8 (List 8 - Children in care)']);
    const rej = r.report.problems.filter((p) => p.effect === 'rejected');
    // sheet rows: title row 1, blank row 2, header row 3, data from row 4
    expect(rej).toEqual([
      { file: 'annex-a.xlsx', part: 'List 3', row: 7, column: 'date of referral', value: '', reason: 'the date is missing', effect: 'rejected' },
      { file: 'annex-a.xlsx', part: 'List 3', row: 8, column: 'child unique id', value: '', reason: 'the child id is missing', effect: 'rejected' }
    ]);
    const nis = Object.fromEntries(r.report.not_in_source.map((e) => [`${e.table}.${e.field}`, e.measures]));
    expect(nis['assessments.neglect_identified']).toEqual([
      'assessment_within_45wd (neglect breakdown)',
      'assessment_wd (neglect breakdown)',
      'assessments_open_over_45wd (neglect breakdown)',
      'tool_use_neglect_assessments'
    ]);
    expect(nis['children.locality']).toEqual([]);
  });

  it('with --contacts, List 1 contacts become -K referrals unless a List 3 referral that day', async () => {
    const c = await importFiles([{ name: 'annex-a.xlsx', bytes: annexAWorkbook() }], { passphraseText: PASSPHRASE, today, contacts: true });
    expect(rows(c, 'referrals.csv')).toContain(`${X}-K20240801,${X},2024-08-01,social_care,false,`);
    expect(rows(c, 'referrals.csv').filter((l) => l.includes('-K'))).toHaveLength(1);
    expect(c.report.problems.some((p) => p.part === 'List 1' && /same as List 3/.test(p.reason))).toBe(true);
  });

  it('a missing list is a report entry saying what it would supply; none of 3, 4, 6, 7 refuses the file', async () => {
    const m = await importFiles([{ name: 'a.xlsx', bytes: annexAWorkbook([3, 4, 6]) }], { passphraseText: PASSPHRASE, today });
    expect(m.report.problems).toContainEqual(expect.objectContaining({ part: 'List 7', reason: expect.stringMatching(/List 7 is missing: it would supply child_protection/) }));
    const none = await importFiles([{ name: 'b.xlsx', bytes: annexAWorkbook([1, 8]) }], { passphraseText: PASSPHRASE, today });
    expect(none.report.problems).toContainEqual(expect.objectContaining({ file: 'b.xlsx', effect: 'refused', reason: 'refused: it has none of Lists 3, 4, 6 and 7' }));
    expect(none.files).toEqual([]);
  });
});

describe('census and Annex A together', async () => {
  const census = (n: string) => ({ name: n, bytes: new Uint8Array(readFileSync('tests/fixtures/imports/' + n)) });
  const r = await importFiles([census('census-2024.xml'), { name: 'annex-a.xlsx', bytes: annexAWorkbook() }], { passphraseText: PASSPHRASE, today });
  const X = expectedChildId('X100');
  it('writes two parts; Annex A rows on or before the census ReferenceDate are covered by the census', () => {
    expect(r.files.map((f) => f.name).sort()).toEqual([
      'assessments.annex-a.csv',
      'assessments.census.csv',
      'children.annex-a.csv',
      'children.census.csv',
      'episodes.annex-a.csv',
      'episodes.census.csv',
      'referrals.annex-a.csv',
      'referrals.census.csv'
    ]);
    // every Annex A row is dated after 2024-03-31: none covered
    expect(rows(r, 'referrals.annex-a.csv')).toContain(`${X}-R20240501,${X},2024-05-01,police,true,strategy`);
    expect(r.report.problems.some((p) => /covered by the census/.test(p.reason))).toBe(false);
  });
  it('rows older than the census ReferenceDate are covered (loaded, not written)', async () => {
    const r2 = await importFiles([census('census-2025.xml'), { name: 'annex-a.xlsx', bytes: annexAWorkbook() }], { passphraseText: PASSPHRASE, today });
    expect(rows(r2, 'referrals.annex-a.csv')).toEqual([]);
    expect(r2.report.problems).toContainEqual(expect.objectContaining({ part: 'List 3', reason: expect.stringMatching(/^3 rows dated on or before 2025-03-31: covered by the census/) }));
    expect(r2.report.sources[1]!.parts['List 3']).toEqual({ read: 5, loaded: 3, rejected: 2 });
  });
});
