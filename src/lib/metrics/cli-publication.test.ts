/**
 * `npm run metrics -- --publication` end to end on a small hand-worked extract: the publication form
 * of nfa_rate exactly, and every other row either the analyst's row or its "c" form.
 *
 * The extract: referrals only (so the dimensions are agency and neglect), January to March 2025,
 * every referral decided the day it was made with outcome nfa or advice, neglect_concern false.
 *
 *   month    police (refs, nfa)   health (refs, nfa)   all (refs, nfa)
 *   2025-01  10, 3                 -                    10, 3
 *   2025-02   8, 4                12, 6                 20, 10
 *   2025-03  15, 7                15, 8                 30, 15
 *   quarter  33, 14               27, 14                60, 28
 *
 * The last referral is on 2025-03-31, so the as-of date is 2025-03-31 and 2024-25 Q4 is complete.
 *
 * nfa_rate (numerator = nfa, denominator = referrals with an outcome), worked by hand:
 * Primary: January (3), January police (3), January neglect false (3), February police (4 and 8-4=4).
 * Secondary: relations are examined in the order of their first member (rows ordered by grain,
 * period, dimension, group: months first, overall before groups, health before police):
 *  1. quarter = Jan + Feb + Mar: January alone suppressed -> February (denominator 20 < 30).
 *  2. January = January police; 3. quarter police = Jan + Feb + Mar police; 4. January = January
 *     false: each already has two suppressed.
 *  5. quarter false = Jan + Feb + Mar false: January false alone -> February false (20 < 30).
 *  6. February = health + police: February (step 1) and February police: two, nothing to do.
 *  7. quarter health = Feb + Mar health: none suppressed. 8. February = February false: two.
 *  The rest (March's, the quarter's groups) have none; re-examining 1 and 5 finds two each. Done.
 * Shown: February health 6/12, all of March, all four quarter rows.
 * nfa_rereferred_12m counts the same nfa referrals (its denominator is nfa_rate's numerator), so its
 * rows are suppressed with nfa_rate's: none of its own is primary apart from those (no child is
 * referred twice, so its numerators are 0 and its primaries are the denominators 3, 3, 3 and 4).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { metricsDocumentSchema, publicationDocumentSchema } from '../contract/schemas';
import type { CliDocument, PublicationDocument } from './cli-document';
import type { MetricRow } from './types';

const ROOT = join(__dirname, '..', '..', '..');

/** [month, agency, referrals, of which nfa]. */
const PLAN: [string, string, number, number][] = [
  ['2025-01', 'police', 10, 3],
  ['2025-02', 'police', 8, 4],
  ['2025-02', 'health', 12, 6],
  ['2025-03', 'police', 15, 7],
  ['2025-03', 'health', 15, 8]
];

function writeExtract(dir: string): void {
  const lines = ['referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date'];
  let id = 0;
  for (const [month, agency, refs, nfa] of PLAN) {
    for (let k = 0; k < refs; k++) {
      id++;
      // Days 1..28 of the month; the very last referral on 2025-03-31 fixes the as-of date.
      const last = id === 60;
      const date = last ? '2025-03-31' : `${month}-${String(1 + (k % 28)).padStart(2, '0')}`;
      lines.push(`R${id},C${id},${date},${agency},false,${date},${k < nfa ? 'nfa' : 'advice'},`);
    }
  }
  writeFileSync(join(dir, 'referrals.csv'), lines.join('\n') + '\n');
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'metrics.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8'
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Cells = [number | 'c' | null, number | 'c' | null, string | null];
const key = (r: { metric: string; grain: string; period: string; dimension: string | null; group: string | null }): string =>
  [r.metric, r.grain, r.period, r.dimension ?? '', r.group ?? ''].join('|');

let analyst: CliDocument;
let pub: PublicationDocument;

beforeAll(() => {
  const tmp = mkdtempSync(join(tmpdir(), 'nm-pub-'));
  const data = join(tmp, 'extract');
  mkdirSync(data);
  writeExtract(data);
  const a = run(['--data', data, '--out', join(tmp, 'a.json')]);
  const p = run(['--data', data, '--publication', '--out', join(tmp, 'p.json')]);
  expect([a.status, a.stderr, p.status, p.stderr]).toEqual([0, '', 0, '']);
  analyst = JSON.parse(readFileSync(join(tmp, 'a.json'), 'utf8')) as CliDocument;
  pub = JSON.parse(readFileSync(join(tmp, 'p.json'), 'utf8')) as PublicationDocument;
}, 300_000);

describe('npm run metrics -- --publication', () => {
  it('is the same document shape, with the publication row schema', () => {
    expect(publicationDocumentSchema.safeParse(pub).error?.issues ?? []).toEqual([]);
    expect(metricsDocumentSchema.safeParse(analyst).error?.issues ?? []).toEqual([]);
    expect(Object.keys(pub)).toEqual(['as_of', 'tables', 'metrics', 'not_in_source']);
    expect(pub.as_of).toBe('2025-03-31');
    expect(pub.tables).toEqual({ referrals: { read: 60, loaded: 60, rejected: 0 } });
    expect(Object.keys(pub.metrics[0] ?? {})).toEqual([
      'metric', 'grain', 'period', 'dimension', 'group', 'numerator', 'denominator', 'value', 'p90', 'complete', 'partial', 'suppressed'
    ]);
  });

  it('nfa_rate: exactly the hand-worked publication form', () => {
    const got = new Map<string, Cells>();
    for (const r of pub.metrics.filter((m) => m.metric === 'nfa_rate')) {
      got.set(key(r).replace('nfa_rate|', ''), [r.numerator as number | 'c', r.denominator as number | 'c', r.suppressed]);
    }
    const P: Cells = ['c', 'c', 'primary'];
    const S: Cells = ['c', 'c', 'secondary'];
    const A = 'agency';
    const N = 'neglect';
    expect(Object.fromEntries(got)).toEqual({
      'month|2025-01||': P,
      [`month|2025-01|${A}|police`]: P,
      [`month|2025-01|${N}|false`]: P,
      'month|2025-02||': S,
      [`month|2025-02|${A}|police`]: P,
      [`month|2025-02|${A}|health`]: [6, 12, null],
      [`month|2025-02|${N}|false`]: S,
      'month|2025-03||': [15, 30, null],
      [`month|2025-03|${A}|police`]: [7, 15, null],
      [`month|2025-03|${A}|health`]: [8, 15, null],
      [`month|2025-03|${N}|false`]: [15, 30, null],
      'quarter|2024-25 Q4||': [28, 60, null],
      [`quarter|2024-25 Q4|${A}|police`]: [14, 33, null],
      [`quarter|2024-25 Q4|${A}|health`]: [14, 27, null],
      [`quarter|2024-25 Q4|${N}|false`]: [28, 60, null]
    });
    const twin = new Map(pub.metrics.filter((m) => m.metric === 'nfa_rereferred_12m').map((m) => [key(m).replace('nfa_rereferred_12m|', ''), m]));
    for (const [k, [, , state]] of got) expect([k, twin.get(k)?.suppressed === null]).toEqual([k, state === null]);
    const mar = pub.metrics.find((m) => key(m) === 'nfa_rate|month|2025-03||');
    expect(mar).toMatchObject({ value: 0.5, p90: null, complete: true, partial: false });
  });

  it('every row is present; a shown row is the analyst row, a suppressed one its "c" form', () => {
    expect(pub.metrics.map(key)).toEqual(analyst.metrics.map(key));
    pub.metrics.forEach((p, i) => {
      const a = analyst.metrics[i] as MetricRow;
      if (p.suppressed === null) expect(p).toEqual({ ...a, suppressed: null });
      else
        expect(p).toEqual({
          ...a,
          numerator: 'c',
          denominator: 'c',
          value: 'c',
          p90: p.metric === 'decision_wd' ? 'c' : null,
          suppressed: p.suppressed
        });
    });
    // decision_wd rests on the same referrals as nfa_rate's denominator: January (10) is shown.
    expect(pub.metrics.find((m) => key(m) === 'decision_wd|month|2025-01||')).toMatchObject({ denominator: 10, value: 0, suppressed: null });
  });
});
