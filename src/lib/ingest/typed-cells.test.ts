/**
 * Cells that are not text (Parquet, XLSX): whole numbers as integer text, dates and timestamps as
 * dates (a zoned timestamp by its Europe/London calendar date, an unzoned one by its own date),
 * booleans as bools, a date cell in a month field as its month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeEngine } from '../engine/node';
import { lit } from '../engine/types';
import { loadExtract } from './index';

let engine: NodeEngine;
let dir: string;
beforeAll(async () => {
  engine = await NodeEngine.create();
  dir = mkdtempSync(join(tmpdir(), 'nm-typed-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Parquet typed columns', () => {
  it('reads integers, dates, timestamps with and without zone, booleans and doubles', async () => {
    const ref = join(dir, 'referrals.parquet');
    const kids = join(dir, 'children.parquet');
    await engine.exec(`COPY (SELECT * FROM (VALUES
        (1001, CAST(42 AS BIGINT), DATE '2024-03-01', 'police', true, TIMESTAMP '2024-06-04 23:30:00', 'nfa', TIMESTAMPTZ '2024-06-04 23:30:00+00'),
        (1002, CAST(43 AS BIGINT), DATE '2024-03-02', '6', false, NULL, NULL, TIMESTAMPTZ '2024-03-04 23:30:00+00')
      ) t(referral_id, child_id, referral_date, referrer_agency, neglect_concern, decision_date, outcome, feedback_date))
      TO ${lit(ref)} (FORMAT parquet)`);
    await engine.exec(`COPY (SELECT 42 AS child_id, DATE '2015-04-17' AS birth_month, CAST(3.0 AS DOUBLE) AS imd_decile)
      TO ${lit(kids)} (FORMAT parquet)`);
    const report = await loadExtract(
      engine,
      [
        { name: 'referrals.parquet', bytes: new Uint8Array(readFileSync(ref)) },
        { name: 'children.parquet', bytes: new Uint8Array(readFileSync(kids)) }
      ],
      { today: '2024-06-30' }
    );
    expect(report.rejections).toEqual([]);
    // children holds child 42 only: row 2's child 43 is an unresolved reference (a warning)
    expect(report.warnings).toEqual([
      { file: 'referrals.parquet', line: 2, column: 'child_id', value: '43', reason: 'child_id not found in children' }
    ]);
    expect(report.tables.referrals?.loaded).toBe(2);
    expect(await engine.query('SELECT * FROM referrals ORDER BY referral_id')).toEqual([
      {
        referral_id: '1001', // never '1001.0'
        child_id: '42',
        referral_date: '2024-03-01',
        referrer_agency: 'police',
        neglect_concern: true,
        decision_date: '2024-06-04', // no zone: its own date
        outcome: 'nfa',
        feedback_date: '2024-06-05' // 23:30 UTC is 00:30 BST on 5 June in London
      },
      {
        referral_id: '1002',
        child_id: '43',
        referral_date: '2024-03-02',
        referrer_agency: 'police', // census code 6
        neglect_concern: false,
        decision_date: null,
        outcome: null,
        feedback_date: '2024-03-04' // GMT in March: 23:30 UTC is 23:30 in London
      }
    ]);
    // a date cell in a month field gives its month; 3.0 is the whole number 3
    expect(await engine.query('SELECT child_id, birth_month, imd_decile FROM children')).toEqual([
      { child_id: '42', birth_month: '2015-04-01', imd_decile: 3 }
    ]);
  });
});

describe('XLSX typed cells', () => {
  it('reads date cells by their own date, numbers as integer text and booleans', async () => {
    // Excel serial 45447 = 2024-06-04 (45382 = 2024-03-31, + 30 April + 31 May + 4 June = +65);
    // .979166 is 23:30, kept on the 4th (an Excel date has no zone)
    const ws: XLSX.WorkSheet = {
      '!ref': 'A1:E3',
      A1: { t: 's', v: 'referral_id' },
      B1: { t: 's', v: 'child_id' },
      C1: { t: 's', v: 'referral_date' },
      D1: { t: 's', v: 'referrer_agency' },
      E1: { t: 's', v: 'neglect_concern' },
      A2: { t: 'n', v: 1001 },
      B2: { t: 'n', v: 7 },
      C2: { t: 'n', v: 45447.979166, z: 'yyyy-mm-dd hh:mm' },
      D2: { t: 'n', v: 4 },
      E2: { t: 'b', v: true },
      A3: { t: 'n', v: 1001.5 },
      B3: { t: 's', v: 'C8' },
      C3: { t: 'n', v: 45382, z: 'dd/mm/yyyy' },
      D3: { t: 's', v: 'police' },
      E3: { t: 'b', v: false }
    };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Referrals');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x'], ['1']]), 'Sheet2');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
    const report = await loadExtract(engine, [{ name: 'extract.xlsx', bytes }], { today: '2024-06-30' });
    // a number that is not whole keeps its decimal text: 1001.5 is a valid id (a dot is allowed)
    expect(report.tables.referrals).toEqual({
      read: 2,
      loaded: 2,
      rejected: 0,
      warnings: {},
      parts: [{ file: 'extract.xlsx [Referrals]', read: 2, loaded: 2, rejected: 0, warnings: {}, recorded: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern'] }]
    });
    expect(report.unused).toEqual([{ file: 'extract.xlsx [Sheet2]', reason: "no table named 'sheet2' in the extract contract" }]);
    expect(await engine.query('SELECT * FROM referrals ORDER BY referral_date')).toEqual([
      {
        referral_id: '1001.5',
        child_id: 'C8',
        referral_date: '2024-03-31',
        referrer_agency: 'police',
        neglect_concern: false,
        decision_date: null,
        outcome: null,
        feedback_date: null
      },
      {
        referral_id: '1001',
        child_id: '7',
        referral_date: '2024-06-04',
        referrer_agency: 'housing', // census code 4
        neglect_concern: true,
        decision_date: null,
        outcome: null,
        feedback_date: null
      }
    ]);
  });
});
