/** Reading one text value as each kind of the contract, in SQL. Expected values by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { lit } from '../engine/types';
import type { FieldSpec } from '../contract/tables';
import { tableSpec } from '../contract/tables';
import { sqlCandidate, sqlError } from './sql-values';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(async () => {
  await engine.close();
});

const field = (table: string, name: string): FieldSpec => tableSpec(table)!.fields.find((f) => f.name === name)!;

async function read(f: FieldSpec, text: string, today = '2024-06-30') {
  const t = lit(text);
  const c = sqlCandidate(f, t);
  const [row] = await engine.query(
    `SELECT CAST(${c} AS VARCHAR) AS v, ${sqlError(f, t, `(${c})`, `DATE ${lit(today)}`)} AS e`
  );
  return [row!.v, row!.e];
}

describe('dates', () => {
  const date = field('referrals', 'referral_date');
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['1/3/2024', '2024-03-01'],
    ['01/03/2024', '2024-03-01'],
    ['1/3/2024 9:05', '2024-03-01'],
    ['2024-03-01T09:05', '2024-03-01'],
    ['2024-03-01 09:05:07', '2024-03-01'],
    ['2024-03-01T23:59:59.999Z', '2024-03-01'],
    ['2024-03-01T00:30:00+01:00', '2024-03-01'], // written date kept, no zone shift
    ['29/02/2024', '2024-02-29'],
    ['2000-01-01', '2000-01-01'],
    ['2024-06-30', '2024-06-30']
  ])('%s is %s', async (text, v) => {
    expect(await read(date, text)).toEqual([v, null]);
  });
  it.each([
    ['2024/03/01', 'not a date: use YYYY-MM-DD or DD/MM/YYYY'],
    ['1 March 2024', 'not a date: use YYYY-MM-DD or DD/MM/YYYY'],
    ['2024-03-01 9:05:07', 'not a date: use YYYY-MM-DD or DD/MM/YYYY'], // H:MM takes no seconds
    ['2024-03-01 24:00', 'not a date: use YYYY-MM-DD or DD/MM/YYYY'],
    ['20240301', 'not a date: use YYYY-MM-DD or DD/MM/YYYY'],
    ['29/02/2023', 'not a real calendar date'],
    ['2024-04-31', 'not a real calendar date'],
    ['1999-12-31', 'before 2000-01-01'],
    ['2024-07-01', 'after today (2024-06-30)']
  ])('%s is refused: %s', async (text, e) => {
    expect((await read(date, text))[1]).toBe(e);
  });
  it('an action due date may lie ahead', async () => {
    expect(await read(field('actions', 'due_date'), '2030-01-01')).toEqual(['2030-01-01', null]);
  });
});

describe('other kinds', () => {
  it('quarters: financial year labels, canonical form', async () => {
    const q = field('training', 'quarter');
    expect(await read(q, '2025-26 Q1')).toEqual(['2025-26 Q1', null]);
    expect(await read(q, '2025-26q4')).toEqual(['2025-26 Q4', null]);
    expect(await read(q, '1999-00 Q2')).toEqual(['1999-00 Q2', null]); // 1999 + 1 = 2000 -> '00'
    expect((await read(q, '2025-27 Q1'))[1]).toBe("not a financial-year quarter like '2025-26 Q1'");
    expect((await read(q, '2025-26 Q5'))[1]).toBe("not a financial-year quarter like '2025-26 Q1'");
  });
  it('ints: 3 and 3.0 are 3, 3.5 is not', async () => {
    const n = field('children', 'imd_decile');
    expect(await read(n, '3')).toEqual(['3', null]);
    expect(await read(n, '3.0')).toEqual(['3', null]);
    expect((await read(n, '3.5'))[1]).toBe('not a whole number from 1 to 10');
    expect((await read(n, '0'))[1]).toBe('not a whole number from 1 to 10');
    const s = field('training', 'staff_in_scope');
    expect((await read(s, '-1'))[1]).toBe('not a whole number, at least 0');
  });
  it('bools in any case', async () => {
    const b = field('referrals', 'neglect_concern');
    for (const t of ['TRUE', 'Yes', 'y', '1']) expect(await read(b, t)).toEqual(['true', null]);
    for (const t of ['False', 'NO', 'n', '0']) expect(await read(b, t)).toEqual(['false', null]);
  });
  it('birth months from 1990-01 to 12 months after today', async () => {
    const m = field('children', 'birth_month');
    expect(await read(m, '1990-01')).toEqual(['1990-01-01', null]);
    expect(await read(m, '2025-06', '2024-06-30')).toEqual(['2025-06-01', null]);
    expect((await read(m, '2025-07', '2024-06-30'))[1]).toBe('more than 12 months after today');
    expect((await read(m, '2024-13'))[1]).toBe('not a month: use YYYY-MM');
  });
  it('ids: 1 to 64 of A-Z a-z 0-9 _ - .', async () => {
    const id = field('referrals', 'referral_id');
    expect(await read(id, 'a-B_9.z')).toEqual(['a-B_9.z', null]);
    expect(await read(id, 'x'.repeat(64))).toEqual(['x'.repeat(64), null]);
    expect((await read(id, 'x'.repeat(65)))[1]).toMatch(/^not a valid id/);
    expect((await read(id, 'R/1'))[1]).toMatch(/^not a valid id/);
  });
  it('enums normalise like headers and take the listed aliases', async () => {
    expect(await read(field('education', 'status'), 'PTT')).toEqual(['part_time_timetable', null]);
    expect(await read(field('education', 'status'), 'Part-time Timetable')).toEqual(['part_time_timetable', null]);
    expect(await read(field('tool_uses', 'tool'), 'Graded-Care Profile')).toEqual(['gcp2', null]);
    expect(await read(field('children', 'disability'), 'N')).toEqual(['no', null]);
    expect((await read(field('episodes', 'closure_reason'), 'RC1'))[0]).toBeNull();
  });
  it('numbers', async () => {
    const n = field('actions', 'target');
    expect(await read(n, '0.25')).toEqual(['0.25', null]);
    expect(await read(n, '-3')).toEqual(['-3.0', null]);
    expect((await read(n, 'NaN'))[1]).toBe('not a number');
  });
});
