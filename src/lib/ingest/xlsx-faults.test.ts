/**
 * Workbooks a library would not write, built by hand (tests/unit/xlsx-by-hand.ts): a stored
 * `dimension` that lies, the 1904 date system, formula cells with and without a saved value. Each
 * load report is asserted exactly, on native DuckDB and on duckdb-wasm (the same code path).
 */
import { describe, expect, it } from 'vitest';
import { loadExtract } from './index';
import { handXlsx, n, row, s } from '../../../tests/unit/xlsx-by-hand';
import { bothEngines } from '../../../tests/unit/both-engines';

const TODAY = { today: '2024-06-30' };
const HEAD = ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern', 'decision_date', 'outcome'];
const COLS = 'ABCDEFGHIJ';
const header = (extra: string[] = []) => row(1, ...[...HEAD, ...extra].map((h, i) => s(COLS[i] + '1', h)));
/** A referral row of text cells (date cells where a number is given). */
const ref = (r: number, cells: (string | number | null)[]) =>
  row(
    r,
    ...cells.flatMap((v, i) =>
      v === null ? [] : typeof v === 'number' ? [n(`${COLS[i]}${r}`, v, 1)] : [s(`${COLS[i]}${r}`, v)]
    )
  );

const both = bothEngines();
const engines = () => both.list();

describe('hand-written workbooks', () => {
  it('reads all 30 rows although the stored dimension claims A1:G3', async () => {
    const rows = Array.from({ length: 30 }, (_, k) => ref(k + 2, [`R${k + 1}`, `C${k + 1}`, '2024-01-05', 'police', 'yes', null, null]));
    const bytes = handXlsx([{ name: 'referrals', dimension: 'A1:G3', rows: header() + rows.join('') }]);
    for (const [, engine] of engines()) {
      const report = await loadExtract(engine, [{ name: 'book.xlsx', bytes }], TODAY);
      expect(report.tables.referrals).toMatchObject({ read: 30, loaded: 30, rejected: 0 });
      expect(report.replaced).toBe(true);
      expect(await engine.query('SELECT count(*) AS n, max(referral_id) AS last FROM referrals')).toEqual([
        { n: 30, last: 'R9' }
      ]);
    }
  });

  it('lets the privacy guard see a Surname column beyond the stored dimension', async () => {
    const bytes = handXlsx([
      {
        name: 'referrals',
        dimension: 'A1:G2',
        rows: header(['Surname']) + ref(2, ['R1', 'C1', '2024-01-05', 'police', 'yes', null, null, 'Smith'])
      }
    ]);
    for (const [, engine] of engines()) {
      const report = await loadExtract(engine, [{ name: 'book.xlsx', bytes }], TODAY);
      expect(report.refused).toEqual([
        {
          file: 'book.xlsx',
          reason:
            "book.xlsx [referrals] refused: column 'Surname' looks like a direct identifier ('surname'). Remove that column and export the file again; extracts must be anonymised."
        }
      ]);
      expect(report.replaced).toBe(false);
    }
  });

  it('gives the dates a 1904-system workbook shows', async () => {
    // serial 43830 in the 1904 system is 2024-01-01 (1462 days later than in the 1900 system: 2019-12-31)
    const bytes = handXlsx(
      [{ name: 'referrals', rows: header() + ref(2, ['R1', 'C1', 43830, 'police', 'yes', 43831, 'nfa']) }],
      { date1904: true }
    );
    for (const [, engine] of engines()) {
      const report = await loadExtract(engine, [{ name: 'mac.xlsx', bytes }], TODAY);
      expect(report.tables.referrals).toMatchObject({ read: 1, loaded: 1, rejected: 0 });
      expect(await engine.query('SELECT referral_date, decision_date FROM referrals')).toEqual([
        { referral_date: '2024-01-01', decision_date: '2024-01-02' }
      ]);
    }
  });

  it('reads a 1900-system serial as the 1900 system (the same cells without date1904)', async () => {
    const bytes = handXlsx([{ name: 'referrals', rows: header() + ref(2, ['R1', 'C1', 45292, 'police', 'yes', null, null]) }]);
    const report = await loadExtract(both.native, [{ name: 'pc.xlsx', bytes }], TODAY);
    expect(report.tables.referrals).toMatchObject({ read: 1, loaded: 1 });
    expect(await both.native.query('SELECT referral_date FROM referrals')).toEqual([{ referral_date: '2024-01-01' }]);
  });

  it('rejects a formula with no saved value (required or optional field), keeps a saved value', async () => {
    const rows =
      // row 2: required referrer_agency is a formula with no value -> rejected
      row(2, s('A2', 'R1'), s('B2', 'C1'), s('C2', '2024-01-05'), '<c r="D2"><f>LOWER("POLICE")</f></c>', s('E2', 'yes')) +
      // row 3: optional outcome and decision_date are formulas with no value -> rejected, two entries
      row(
        3,
        s('A3', 'R2'),
        s('B3', 'C2'),
        s('C3', '2024-01-05'),
        s('D3', 'police'),
        s('E3', 'yes'),
        '<c r="F3" s="1"><f>C3+1</f></c>',
        '<c r="G3" t="str"><f>IF(1,"nfa")</f></c>'
      ) +
      // row 4: a formula with its saved value loads as that value
      row(4, s('A4', 'R3'), s('B4', 'C3'), s('C4', '2024-01-05'), '<c r="D4" t="str"><f>"health"</f><v>health</v></c>', s('E4', 'no'));
    const bytes = handXlsx([{ name: 'referrals', rows: header() + rows }]);
    const reason = 'formula with no saved value: open and save the workbook in Excel';
    for (const [, engine] of engines()) {
      const report = await loadExtract(engine, [{ name: 'script.xlsx', bytes }], TODAY);
      expect(report.tables.referrals).toMatchObject({ read: 3, loaded: 1, rejected: 2 });
      expect(report.rejections).toEqual([
        { file: 'script.xlsx [referrals]', line: 2, column: 'referrer_agency', value: '', reason },
        { file: 'script.xlsx [referrals]', line: 3, column: 'decision_date', value: '', reason },
        { file: 'script.xlsx [referrals]', line: 3, column: 'outcome', value: '', reason }
      ]);
      expect(await engine.query('SELECT referral_id, referrer_agency FROM referrals')).toEqual([
        { referral_id: 'R3', referrer_agency: 'health' }
      ]);
    }
  });
});

describe('a zip bomb', () => {
  it('is refused for its unzipped size before it is decoded, not for a missing header', async () => {
    // 10,000,000 empty rows of 12 bytes: 120,000,000 bytes of sheet XML that deflate to ~0.2 MB
    const bytes = handXlsx([{ name: 'referrals', rows: '<row r="1"/>'.repeat(10_000_000) }], { deflate: true });
    const unzipped = 120_000_000 + 1_500; // the sheet plus the small parts, within 1 MB
    expect(bytes.length).toBeLessThan(unzipped / 100);
    for (const [, engine] of engines()) {
      const report = await loadExtract(engine, [{ name: 'bomb.xlsx', bytes }], TODAY);
      expect(report.refused).toHaveLength(1);
      expect(report.refused[0]!.reason).toMatch(
        /^bomb\.xlsx refused: the workbook unzips to 11[45] MB, \d[\d,]* times its own size, which is too large to read safely \(a zip bomb\?\); save its sheets as CSV files and load those\.$/
      );
    }
  });
});
