/**
 * The board pack of an extract whose source does not record some fields (imports.md "What the
 * sources cannot supply"): those measures say "Not in this source", naming field, source and the
 * contract file that would supply it, on page 1, in the summary and in their section; no chart, no
 * table, never 0 or "awaiting".
 *
 * 1. The synthetic CIN census fixtures (two years) imported as the browser and `npm run import` do:
 *    the census has no decision or feedback dates and no closure reasons, so decision_within_1wd,
 *    decision_wd, awaiting_decision, feedback_within_3wd, closure_without_change and
 *    closure_non_engagement are not in this source; re-referrals (outcome, referral dates) are.
 * 2. A contract extract whose children.csv has no locality column: no locality breakdown.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import type { InputFile } from '../ingest';
import { importFiles } from '../imports';
import { buildPack, type BuiltPack } from './build';
import { PASSPHRASE } from '../../../tests/fixtures/imports/ids';

const enc = new TextEncoder();
const NOT_RECORDED = ['decision_within_1wd', 'decision_wd', 'awaiting_decision', 'feedback_within_3wd', 'closure_without_change', 'closure_non_engagement'];

let engine: NodeEngine;
let pack: BuiltPack;

beforeAll(async () => {
  const dir = 'tests/fixtures/imports/';
  const xml = (n: string) => ({ name: n, bytes: new Uint8Array(readFileSync(dir + n)) });
  const imported = await importFiles([xml('census-2024.xml'), xml('census-2025.xml')], { passphraseText: PASSPHRASE, today: '2025-06-30' });
  const files: InputFile[] = imported.files.map((f) => ({ name: f.name, bytes: enc.encode(f.text) }));
  engine = await NodeEngine.create();
  pack = await buildPack(engine, files, {
    partnership: 'Northshire',
    source: 'the CIN census import',
    version: '9.9.9',
    today: '2025-06-30',
    html: { chart: () => '<svg data-test="chart"></svg>' }
  });
});
afterAll(async () => {
  await engine.close();
});

describe('board pack of a census import', () => {
  it('page 1: decisions and feedback and closures without change say Not in this source, never a figure', () => {
    const tiles = Object.fromEntries(pack.model.tiles.map((t) => [t.id, t]));
    expect(tiles.decision_within_1wd!.latest).toBe('Not in this source');
    expect(tiles.decision_within_1wd!.notInSource).toBe(
      'Not in this source: the CIN census import does not record referrals.decision_date, so this measure cannot be worked out (it is not zero). ' +
        'A contract file referrals.csv with that column would supply it.'
    );
    expect(tiles.feedback_within_3wd!.notInSource).toMatch(/does not record referrals\.decision_date or referrals\.feedback_date/);
    expect(tiles.closure_without_change!.notInSource).toMatch(/does not record episodes\.closure_reason.*episodes\.csv with that column/);
    for (const id of ['decision_within_1wd', 'feedback_within_3wd', 'closure_without_change']) {
      expect(tiles[id]!.variation).toBeNull();
      expect(tiles[id]!.period).toBeNull();
    }
    // re-referrals stand on fields the census supplies
    expect(tiles.rereferral_12m!.notInSource).toBeNull();
    const cover = pack.html.slice(0, pack.html.indexOf('id="s-summary"'));
    const row = /<tr data-measure="decision_within_1wd"[^>]*>(.*?)<\/tr>/.exec(cover)![1]!;
    expect(row).toContain('Not in this source');
    expect(row).not.toMatch(/\d+\.\d%|>0</);
  });

  it('each such measure: the words, and no chart, no table, no headline', () => {
    const metrics = pack.model.sections.flatMap((s) => s.metrics);
    for (const id of NOT_RECORDED) {
      const m = metrics.find((x) => x.id === id)!;
      expect(m.notInSource, id).toMatch(/^Not in this source: the CIN census import does not record /);
      expect([m.chart, m.headline, m.table]).toEqual([null, null, []]);
      const start = pack.html.indexOf(`id="m-${id}"`);
      const art = pack.html.slice(start, pack.html.indexOf('</article>', start));
      expect(art).toContain('Not in this source');
      expect(art).not.toContain('<svg');
      expect(art).not.toContain('<table');
    }
    // a measure the census does record keeps its figures
    expect(metrics.find((x) => x.id === 'rereferral_12m')!.notInSource).toBeNull();
  });

  it('the summary lists them under "Not in this source", and nowhere else', () => {
    const s = pack.model.summary;
    expect(s.notInSource.map((l) => l.split(':')[0])).toEqual([
      'Decisions within 1 working day',
      'Working days to decision',
      'Referrals awaiting a decision',
      'Feedback to professional referrers within 3 working days',
      'Help closed without change',
      'Help closed for non-engagement'
    ]);
    const judged = [...s.improved, ...s.worse, ...s.watch, ...s.steady, ...s.unjudged].join('\n');
    expect(judged).not.toMatch(/Decisions within 1 working day|Referrals awaiting a decision|Help closed without change/);
    expect(pack.html).toContain('<h3 class="steady">Not in this source</h3>');
  });

  it('no locality table for a measure not in this source', () => {
    expect(pack.model.localities.map((l) => l.id)).not.toContain('decision_within_1wd');
    expect(pack.model.localities.map((l) => l.id)).toContain('rereferral_12m');
  });
});

describe('a children table with no locality column', () => {
  it('gives no locality breakdown, and says which file would supply it', async () => {
    const files: InputFile[] = [
      {
        name: 'referrals.csv',
        bytes: enc.encode(
          'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome\n' +
            'R1,C1,2024-05-01,police,false,2024-05-01,nfa\nR2,C2,2024-08-01,police,false,2024-08-01,assessment\n'
        )
      },
      { name: 'children.csv', bytes: enc.encode('child_id,birth_month,sex\nC1,2015-01,female\nC2,2016-01,male\n') }
    ];
    const e2 = await NodeEngine.create();
    try {
      const p = await buildPack(e2, files, { partnership: 'P', version: '1', today: '2025-01-01', html: { chart: () => '' } });
      const re = p.model.localities.find((l) => l.id === 'rereferral_12m')!;
      expect(re.rows).toEqual([]);
      expect(re.empty).toBe('No locality breakdown: P does not record children.locality. A contract file children.csv with that column would supply it.');
      // decision dates are recorded here: the decision measure stands
      expect(p.model.tiles.find((t) => t.id === 'decision_within_1wd')!.notInSource).toBeNull();
    } finally {
      await e2.close();
    }
  });
});

describe('a measure only some rows record', () => {
  it('says "Based on N of M" beside its figures', async () => {
    // referrals.a.csv records decision_date (R1 within 1 wd, R2 not: 1 May -> 7 May is 3 wd, 6 May a bank holiday);
    // referrals.b.csv (R3) does not: decision_within_1wd is 1 of 2, based on 2 of 3 referrals
    const files: InputFile[] = [
      {
        name: 'referrals.a.csv',
        bytes: enc.encode('referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome\nR1,C1,2024-05-01,police,false,2024-05-01,nfa\nR2,C2,2024-05-01,police,false,2024-05-07,nfa\n')
      },
      { name: 'referrals.b.csv', bytes: enc.encode('referral_id,child_id,referral_date,referrer_agency,neglect_concern,outcome\nR3,C3,2024-05-01,police,false,nfa\n') }
    ];
    const e2 = await NodeEngine.create();
    try {
      const p = await buildPack(e2, files, { partnership: 'P', version: '1', today: '2025-01-01', quarter: '2024-25 Q1', html: { chart: () => '' } });
      const m = p.model.sections.flatMap((s) => s.metrics).find((x) => x.id === 'decision_within_1wd')!;
      expect(m.notInSource).toBeNull();
      expect(m.basedOn).toBe("Based on 2 of 3 referrals: the others' files do not record referrals.decision_date.");
      expect(p.model.sections.flatMap((s) => s.metrics).find((x) => x.id === 'nfa_rate')!.basedOn).toBeNull();
      expect(p.html).toContain('Based on 2 of 3 referrals');
    } finally {
      await e2.close();
    }
  });
});
