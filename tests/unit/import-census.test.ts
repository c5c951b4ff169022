import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles, type ImportResult } from '../../src/lib/imports';
import { parseXml, XmlError } from '../../src/lib/imports/xml-tree';
import { latestEventDate } from '../../src/lib/imports/table-builder';
import { expectedChildId, PASSPHRASE } from '../fixtures/imports/ids';

const dir = 'tests/fixtures/imports/';
const file = (n: string) => ({ name: n, bytes: new Uint8Array(readFileSync(dir + n)) });
const today = '2025-06-30';

/** A table's rows as CSV lines (without header), as written. */
function csvRows(r: ImportResult, name: string): string[] {
  const f = r.files.find((x) => x.name === name);
  if (!f) return [];
  return f.text.trimEnd().split('\n').slice(1);
}
function header(r: ImportResult, name: string): string {
  return r.files.find((x) => x.name === name)!.text.split('\n')[0]!;
}

describe('CIN census import: two years, hand-worked', async () => {
  const r = await importFiles([file('census-2025.xml'), file('census-2024.xml')], { passphraseText: PASSPHRASE + '\n', today });
  const A = expectedChildId('48213');
  const B = expectedChildId('AB12C');
  const D = expectedChildId('777');
  const byId = (rows: string[]) => [...rows].sort();

  it('writes children: birth month, sex, ethnicity group, disability, LEA as locality', () => {
    expect(header(r, 'children.csv')).toBe('child_id,birth_month,sex,ethnicity,disability,locality');
    expect(csvRows(r, 'children.csv')).toEqual(
      byId([
        `${A},2015-06,male,white,no,860`,
        // unborn in 2023-24, born in 2024-25: the latest file's birth date
        `${B},2024-04,unknown,unknown,unknown,860`,
        `${D},2010-01,female,asian,yes,860`
      ])
    );
  });

  it('writes one referral per episode in coverage; carried-over episodes give none', () => {
    expect(header(r, 'referrals.csv')).toBe('referral_id,child_id,referral_date,referrer_agency,neglect_concern,outcome');
    expect(csvRows(r, 'referrals.csv')).toEqual(
      byId([
        `${A}-R20230510,${A},2023-05-10,police,true,strategy`,
        `${A}-R20240902,${A},2024-09-02,health,true,assessment`,
        `${B}-R20240115,${B},2024-01-15,public,false,nfa`,
        `${B}-R20240701,${B},2024-07-01,early_help,false,other`,
        `${B}-R20240701-2,${B},2024-07-01,anonymous,false,`,
        `${D}-R20240220,${D},2024-02-20,unknown,false,`
      ])
    );
  });

  it('writes assessments with their referral (empty when carried over) and neglect at assessment', () => {
    expect(csvRows(r, 'assessments.csv')).toEqual(
      byId([
        `${A}-A20221205,${A},,2022-12-05,2023-01-20,false`,
        `${A}-A20230512,${A},${A}-R20230510,2023-05-12,2023-06-30,true`,
        `${A}-A20240903,${A},${A}-R20240902,2024-09-03,,`,
        `${A}-A20241001,${A},${A}-R20240902,2024-10-01,2024-11-01,true`
      ])
    );
  });

  it('writes child in need and protection episodes, merged across years, closure codes kept', () => {
    expect(header(r, 'episodes.csv')).toBe('episode_id,child_id,type,start_date,end_date,closure_code,neglect');
    expect(csvRows(r, 'episodes.csv')).toEqual(
      byId([
        `${A}-N20221201,${A},child_in_need,2022-12-01,2024-06-30,RC5,true`,
        `${A}-N20230510,${A},child_in_need,2023-05-10,2023-11-20,RC7,true`,
        `${A}-N20240902,${A},child_in_need,2024-09-02,,,true`,
        `${A}-P20230201,${A},child_protection,2023-02-01,2024-05-01,,true`,
        `${B}-N20240701,${B},child_in_need,2024-07-01,,,false`,
        `${D}-N20240220,${D},child_in_need,2024-02-20,,,false`
      ])
    );
  });

  it('reports each file and part: read = loaded + rejected, in ReferenceDate order', () => {
    expect(r.report.sources.map((s) => [s.file, s.kind, s.reference_date])).toEqual([
      ['census-2024.xml', 'cin_census', '2024-03-31'],
      ['census-2025.xml', 'cin_census', '2025-03-31']
    ]);
    expect(r.report.sources[0]!.parts).toEqual({
      Child: { read: 4, loaded: 3, rejected: 1 },
      CINdetails: { read: 6, loaded: 4, rejected: 2 },
      Assessments: { read: 4, loaded: 2, rejected: 2 },
      ChildProtectionPlans: { read: 1, loaded: 1, rejected: 0 }
    });
    expect(r.report.sources[1]!.parts).toEqual({
      Child: { read: 2, loaded: 2, rejected: 0 },
      CINdetails: { read: 4, loaded: 4, rejected: 0 },
      Assessments: { read: 2, loaded: 2, rejected: 0 },
      ChildProtectionPlans: { read: 1, loaded: 1, rejected: 0 }
    });
    expect(r.report.tables).toEqual({ children: 3, referrals: 6, assessments: 4, episodes: 6 });
    expect(r.report.fingerprint).toBe('315b3243');
    expect(r.report.passphrase_warning).toBeNull();
    expect(r.hadProblems).toBe(true);
  });

  it('names file, element, XML line and reason for each rejection; codes quoted, nothing else', () => {
    // lines checked with grep -n on the fixture: <Child> 103, <ReferralSource>XX 131, <Assessments> 136
    const rej = r.report.problems.filter((p) => p.effect === 'rejected');
    expect(rej).toEqual([
      { file: 'census-2024.xml', part: 'Child', row: 103, column: 'LAchildID', value: '', reason: expect.stringMatching(/LAchildID is missing/), effect: 'rejected' },
      { file: 'census-2024.xml', part: 'CINdetails', row: 131, column: 'ReferralSource', value: 'XX', reason: 'an unknown referral source code', effect: 'rejected' },
      { file: 'census-2024.xml', part: 'Assessments', row: 136, column: 'AssessmentActualStartDate', value: '', reason: 'AssessmentActualStartDate is missing', effect: 'rejected' }
    ]);
  });

  it('lists what the census cannot supply', () => {
    const nis = Object.fromEntries(r.report.not_in_source.map((e) => [`${e.table}.${e.field}`, e.measures]));
    expect(nis['referrals.decision_date']).toEqual(['decision_within_1wd', 'decision_wd', 'awaiting_decision', 'feedback_within_3wd']);
    expect(nis['referrals.feedback_date']).toEqual(['feedback_within_3wd']);
    expect(nis['episodes.closure_reason']).toEqual(['closure_without_change', 'closure_non_engagement']);
    expect(nis['assessments.neglect_identified']).toBeUndefined();
    expect(nis['children.imd_decile']).toEqual([]);
    expect(r.report.readings[0]).toMatch(/neglect: a reading/);
  });

  it('gives the as-of date a kept extract is labelled with: the latest event date (an authorisation, 2024-11-01)', () => {
    expect(latestEventDate(r.tables)).toBe('2024-11-01');
  });
});

describe('census files refused whole', () => {
  const xml = (s: string) => ({ name: 'x.xml', bytes: new TextEncoder().encode(s) });
  const run = async (s: string) =>
    (await importFiles([xml(s)], { passphraseText: PASSPHRASE, today })).report.problems.filter((p) => p.effect === 'refused');

  it('a census from another collection', async () => {
    const p = await run('<Message><Header><CollectionDetails><Collection>SchoolCensus</Collection><Year>2024</Year></CollectionDetails></Header></Message>');
    expect(p).toEqual([expect.objectContaining({ file: 'x.xml', row: 1, reason: expect.stringMatching(/another collection \('SchoolCensus'\)/) })]);
  });
  it('no period', async () => {
    const p = await run('<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header></Message>');
    expect(p[0]!.reason).toMatch(/neither a readable ReferenceDate nor a Year/);
  });
  it('XML that does not parse, with its line', async () => {
    const p = await run('<Message>\n<Header>\n</Heder>\n</Message>');
    expect(p[0]).toMatchObject({ row: 3, reason: expect.stringMatching(/does not parse \(line 3: end tag <\/heder> does not close <header>/) });
  });
  it('a root other than Message', async () => {
    const p = await run('<html><body/></html>');
    expect(p[0]!.reason).toMatch(/root element is <html>/);
  });
  it('Year alone gives 31 March', async () => {
    const r = await importFiles(
      [xml('<Message><Header><CollectionDetails><Collection>cin</Collection><Year>2024</Year></CollectionDetails></Header><Children/></Message>')],
      { passphraseText: PASSPHRASE, today }
    );
    expect(r.report.sources[0]!.reference_date).toBe('2024-03-31');
  });
});

describe('the XML reader', () => {
  it('keeps text only for named elements, lower-cases local names, tracks lines, decodes entities and CDATA', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a:Root xmlns:a="u">\n <Keep at="x>y">A &amp; B</Keep>\n <Drop>secret</Drop><Keep><![CDATA[<c>]]></Keep>\n</a:Root>', (n) => n === 'keep');
    expect(root.name).toBe('root');
    expect(root.kids.map((k) => [k.name, k.line, k.text])).toEqual([
      ['keep', 3, 'A & B'],
      ['drop', 4, ''],
      ['keep', 4, '<c>']
    ]);
  });
  it('throws XmlError naming the line of an unclosed element', () => {
    expect(() => parseXml('<a>\n<b>\n</a>', () => false)).toThrow(XmlError);
    expect(() => parseXml('<a>\n<b>', () => false)).toThrow(/line 2: <b> is never closed/);
  });
});
