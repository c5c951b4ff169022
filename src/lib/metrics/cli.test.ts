/**
 * The command line end to end: CSV extract -> the shared ingestion -> metrics JSON, exit codes.
 * The CSV extract (tests/fixtures/metrics/extract) holds the referral fixture written in messy but
 * valid forms (UK dates, aliases, yes/no) plus one invalid row, so its numbers must equal the
 * hand-worked ones of referral-metrics.test.ts.
 */
import { metricsDocumentSchema } from '../contract/schemas';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliDocument } from './cli-document';
import { ndv, pick } from '../../../tests/fixtures/metrics/rows';

const ROOT = join(__dirname, '..', '..', '..');
const EXTRACT = join(ROOT, 'tests', 'fixtures', 'metrics', 'extract');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'metrics.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8'
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run metrics', () => {
  it('writes the JSON document with load counts and spec metrics only', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nm-cli-')), 'm.json');
    const r = run(['--data', EXTRACT, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as CliDocument;
    // the document has exactly the shape metrics.md specifies
    expect(metricsDocumentSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
    expect(Object.keys(doc)).toEqual(['as_of', 'tables', 'metrics', 'not_in_source']);
    // the fixture's files record every field the measures read
    expect(doc.not_in_source).toEqual([]);
    expect(doc.as_of).toBe('2024-05-20');
    // 13 rows read, 'BAD' (not a date) rejected
    expect(doc.tables.referrals).toEqual({ read: 13, loaded: 12, rejected: 1 });
    expect(doc.tables.children).toEqual({ read: 4, loaded: 4, rejected: 0 });
    expect(doc.metrics.some((m) => m.metric === 'referrals')).toBe(false);
    // same hand-worked numbers as referral-metrics.test.ts
    expect(ndv(pick(doc.metrics, 'rereferral_12m', 'quarter', '2023-24 Q4'))).toEqual([3, 4, 0.75]);
    expect(ndv(pick(doc.metrics, 'rereferral_12m', 'quarter', '2023-24 Q4', 'agency', 'public'))).toEqual([1, 1, 1]);
    expect(ndv(pick(doc.metrics, 'rereferral_12m', 'quarter', '2023-24 Q4', 'locality', 'South'))).toEqual([1, 2, 0.5]);
    expect(pick(doc.metrics, 'decision_wd', 'quarter', '2023-24 Q1')).toMatchObject({ value: 1.5, p90: 2 });
    expect(ndv(pick(doc.metrics, 'feedback_within_3wd', 'quarter', '2023-24 Q1'))).toEqual([3, 4, 0.75]);
  });
  it('exits 1 on a refused as-of date and 2 on misuse', () => {
    const late = run(['--data', EXTRACT, '--as-of', '2024-05-21']);
    expect(late.status).toBe(1);
    expect(late.stderr).toContain('after the latest date');
    expect(run([]).status).toBe(2);
    expect(run(['--data', join(EXTRACT, 'no-such-folder')]).status).toBe(2);
    expect(run(['--data', EXTRACT, '--as-of', 'yesterday']).status).toBe(2);
  });
});
