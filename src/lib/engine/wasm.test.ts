import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from './node';
import { createWasmNodeEngine } from './wasm-node';
import type { Engine } from './types';

/** Both engines must honour the same result convention, value for value. */
describe('wasm and native engines return identical plain rows', () => {
  let wasm: Engine;
  let native: Engine;
  beforeAll(async () => {
    [wasm, native] = await Promise.all([createWasmNodeEngine(), NodeEngine.create()]);
  });
  afterAll(async () => {
    await wasm.close();
    await native.close();
  });

  const sql =
    "SELECT 3::BIGINT AS n, 7::INTEGER AS i, 1.5::DECIMAL(4,2) AS d, 0.1::DOUBLE / 3 AS f, DATE '2024-02-29' AS day, NULL::VARCHAR AS x, true AS b, 'é<b>' AS s, ['a','b'] AS l, version() AS v";

  it('on a mixed-type row', async () => {
    const expected = [
      { n: 3, i: 7, d: 1.5, f: 0.1 / 3, day: '2024-02-29', x: null, b: true, s: 'é<b>', l: ['a', 'b'], v: 'v1.4.3' }
    ];
    expect(await native.query(sql)).toEqual(expected);
    expect(await wasm.query(sql)).toEqual(expected);
  });

  it('for text tables and registered CSV files', async () => {
    for (const e of [wasm, native]) {
      await e.createTextTable('t', [
        { name: 'a', values: ['1', null, 'x'] },
        { name: 'b c', values: ['p', 'q', null] }
      ]);
      expect(await e.query('SELECT count(*) AS n, count(a) AS na, count("b c") AS nb FROM t')).toEqual([
        { n: 3, na: 2, nb: 2 }
      ]);
      const path = await e.registerFile('x y.csv', new TextEncoder().encode('a,b\n1,2\n'));
      expect(await e.query(`SELECT * FROM read_csv('${path}', all_varchar=true)`)).toEqual([{ a: '1', b: '2' }]);
      await e.dropFile(path);
    }
  });
});
