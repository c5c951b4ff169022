import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { NodeEngine, largeExtractOptions } from './node';

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

describe('NodeEngine for large extracts', () => {
  it('uses every core, a memory limit and a private spill folder removed on close', async () => {
    const opts = largeExtractOptions();
    expect(opts.spill).toBe(true);
    expect(opts.threads).toBeGreaterThanOrEqual(1);
    expect(opts.memoryLimit).toMatch(/^\d+GB$/);
    const engine = await NodeEngine.create({ threads: 2, memoryLimit: '64MB', spill: true });
    const s = await engine.query(
      `SELECT current_setting('threads') AS t, current_setting('temp_directory') AS dir, current_setting('memory_limit') AS m`
    );
    expect(s[0]!.t).toBe(2);
    const dir = String(s[0]!.dir);
    expect(dir).toContain('neglect-monitor-spill-');
    expect(existsSync(dir)).toBe(true);
    // A sort larger than 64 MB (3M rows of 8 + ~20 bytes) completes by spilling.
    const r = await engine.query(
      `SELECT count(*) AS n, max(k) AS k FROM (SELECT i, 'key-' || (i * 7919 % 3000000) AS k FROM range(3000000) t(i) ORDER BY k)`
    );
    expect(r[0]!.n).toBe(3000000);
    await engine.close();
    expect(existsSync(dir)).toBe(false);
  });
});
