import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { ensureDaysTable } from './days-sql';
import { quarterLabelSql } from './periods';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
  await ensureDaysTable(engine);
});
afterAll(async () => engine.close());

async function wd(a: string, b: string): Promise<number> {
  const r = await engine.query(
    `SELECT y.cum - x.cum AS n FROM _nm_days x, _nm_days y WHERE x.d = DATE '${a}' AND y.d = DATE '${b}'`
  );
  return Number(r[0]?.n);
}

describe('_nm_days', () => {
  it('covers 2000-01-01 .. 2036-12-31', async () => {
    const r = await engine.query(`SELECT min(d) AS lo, max(d) AS hi, count(*) AS n FROM _nm_days`);
    expect(r[0]).toEqual({ lo: '2000-01-01', hi: '2036-12-31', n: 13515 });
  });
  it('marks bank holidays and moved days', async () => {
    const r = await engine.query(
      `SELECT strftime(d, '%Y-%m-%d') AS d, is_workday FROM _nm_days WHERE d IN ('2021-12-27','2021-12-28','2022-06-02','2022-06-03','2022-09-19','2023-05-08','2024-03-29','2024-04-01','2020-05-08','2012-06-04','2012-06-05','2002-06-03','2002-06-04','2011-04-29','2020-05-04','2022-05-30','2012-05-28','2002-05-27') ORDER BY d`
    );
    const off = r.filter((x) => !x.is_workday).map((x) => x.d);
    const on = r.filter((x) => x.is_workday).map((x) => x.d);
    expect(off).toEqual(['2002-06-03', '2002-06-04', '2011-04-29', '2012-06-04', '2012-06-05', '2020-05-08',
      '2021-12-27', '2021-12-28', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08', '2024-03-29', '2024-04-01']);
    expect(on).toEqual(['2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30']);
  });
  it('gives wd by differences of cum', async () => {
    expect(await wd('2024-03-28', '2024-04-02')).toBe(1); // Easter 2024: only Tue 2 Apr counts
    expect(await wd('2023-05-05', '2023-05-09')).toBe(1); // Fri -> Tue, Mon 8 May coronation: only 9th
    expect(await wd('2024-01-01', '2024-01-01')).toBe(0);
    // 2024-01-01 (Mon, holiday) -> 2024-01-31: 23 weekdays Jan 2..31 (Tue 2 .. Wed 31) = 22 ... worked out:
    // January 2024 has 23 weekdays (Mon 1 .. Wed 31); excluding the 1st (a < d) leaves 22.
    expect(await wd('2024-01-01', '2024-01-31')).toBe(22);
  });
  it('labels quarters in SQL like in TypeScript', async () => {
    const r = await engine.query(`SELECT ${quarterLabelSql("DATE '2026-02-10'")} AS a, ${quarterLabelSql("DATE '2025-04-01'")} AS b`);
    expect(r[0]).toEqual({ a: '2025-26 Q4', b: '2025-26 Q1' });
  });
});
