/**
 * prepare builds each table's prepared relation only when a question needs it (the first page after
 * a load waits for no other table's), and never lets a relation built at one as-of date answer at
 * another: the demo extract, natively.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { loadExtract } from '../ingest';
import { readExtractDir } from '../ingest/files-node';
import { computeMetrics } from './compute';

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
  await loadExtract(engine, readExtractDir('data/demo'));
}, 60_000);
afterAll(() => engine.close());

const prepared = async (): Promise<string[]> =>
  (
    await engine.query<{ t: string }>(
      `SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN ('_nm_ref', '_nm_asm', '_nm_tool', '_nm_epi', '_nm_edu') ORDER BY t`
    )
  ).map((r) => r.t);

/** A table's oid: a table made again (CREATE OR REPLACE) gets a new one. */
const oidOf = async (name: string): Promise<number> =>
  Number((await engine.query<{ o: number }>(`SELECT table_oid AS o FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '${name}'`))[0]?.o);

const tools = { ids: ['tool_uses'], grains: ['quarter' as const], breakdowns: false as const };

describe('prepare builds only the relations a question reads', () => {
  it('a referrals measure builds only _nm_ref; a tool measure then adds _nm_tool, leaving _nm_ref as built', async () => {
    await computeMetrics(engine, { ids: ['rereferral_12m'], grains: ['quarter'], breakdowns: false });
    expect(await prepared()).toEqual(['_nm_ref']);
    const refOid = await oidOf('_nm_ref');
    await computeMetrics(engine, tools);
    expect(await prepared()).toEqual(['_nm_ref', '_nm_tool']);
    // the referrals' relation (the costliest) is not built again for the tool measure
    expect(await oidOf('_nm_ref')).toBe(refOid);
  });

  it('a relation built at another as-of date is rebuilt, never read (same rows as a fresh engine)', async () => {
    // built at 2024-06-30 by a tool measure, then the as-of moves with a referrals measure only
    const early = await computeMetrics(engine, { ...tools, asOf: '2024-06-30' });
    await computeMetrics(engine, { ids: ['rereferral_12m'], grains: ['quarter'], breakdowns: false });
    const latest = await computeMetrics(engine, tools);
    const fresh = await NodeEngine.create();
    try {
      await loadExtract(fresh, readExtractDir('data/demo'));
      expect(latest).toEqual(await computeMetrics(fresh, tools));
      expect(latest.metrics.length).toBeGreaterThan(early.metrics.length);
    } finally {
      await fresh.close();
    }
  });
});
