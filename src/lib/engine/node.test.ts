import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from './node';

describe('NodeEngine', () => {
  let engine: NodeEngine;
  beforeAll(async () => {
    engine = await NodeEngine.create();
  });
  afterAll(() => engine.close());

  it('returns plain values by the shared result convention', async () => {
    const rows = await engine.query(
      "SELECT 3::BIGINT AS n, 1.5::DECIMAL(4,2) AS d, DATE '2024-02-29' AS day, NULL AS x, true AS b, [1,2] AS l"
    );
    expect(rows).toEqual([{ n: 3, d: 1.5, day: '2024-02-29', x: null, b: true, l: [1, 2] }]);
  });

  it('creates text tables and reads registered CSV files', async () => {
    await engine.createTextTable('t', [
      { name: 'a', values: ['1', null, 'x'] },
      { name: 'b', values: ['p', 'q', null] }
    ]);
    expect(await engine.query('SELECT count(*) AS n, count(a) AS na, count(b) AS nb FROM t')).toEqual([
      { n: 3, na: 2, nb: 2 }
    ]);
    const path = await engine.registerFile('x.csv', new TextEncoder().encode('a,b\n1,2\n'));
    expect(await engine.query(`SELECT * FROM read_csv('${path}', all_varchar=true)`)).toEqual([{ a: '1', b: '2' }]);
    await engine.dropFile(path);
  });
});
