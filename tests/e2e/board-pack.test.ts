/**
 * The board pack command line end to end: the demo extract printed to PDF in Debian's chromium.
 * The PDF is checked from its bytes in plain JavaScript (pdf-text.ts): page objects counted (at most
 * 16 for the demo), every page's MediaBox A4 portrait, page 1's and page 2's text. Figures are
 * checked against the metric rows computed here independently of the pack (the metrics API on the
 * same files), with the headline rule and primary suppression written out in this test.
 * Exit codes: 2 on misuse, 1 for a quarter not in the data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/lib/pack/model';
import { HEADLINES } from '../../src/lib/present/headlines';
import { METRICS } from '../../src/lib/metrics/registry';
import { NodeEngine } from '../../src/lib/engine/node';
import { loadExtract } from '../../src/lib/ingest';
import { readExtractDir } from '../../src/lib/ingest/files-node';
import { computeMetrics, type MetricRow } from '../../src/lib/metrics/compute';
import { publicationForm, publicationLookup } from '../../src/lib/stats/suppression';
import { pdfPageTexts } from './pdf-text';

const TSX = join('node_modules', '.bin', 'tsx');
const PARTNERSHIP = 'Northshire Safeguarding Children Partnership';
const MEASURES = METRICS.filter((m) => !m.extra);

function run(args: string[]) {
  return spawnSync(TSX, ['scripts/board-pack.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

/** metrics.md "Suppression for publication", primary rule, on one row. */
function primary(r: MetricRow, unit: string): boolean {
  const small = (x: number | null) => x !== null && x >= 1 && x <= 5;
  if (unit === 'count') return small(r.value);
  if (unit === 'duration') return small(r.denominator);
  return small(r.numerator) || (r.numerator !== null && r.denominator !== null && small(r.denominator - r.numerator));
}

/** A value as the pack prints it: 21.0%, 1,234, 3 working days (the test's own formatting). */
function printed(v: number, unit: string): string {
  if (unit === 'rate') return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
  if (unit === 'count') return Math.round(v).toLocaleString('en-GB');
  const d = (Math.round(v * 10) / 10).toString();
  return `${d} working ${d === '1' ? 'day' : 'days'}`;
}

let dir: string;
let pdf: Buffer;
let pages: string[];
let html: string;
let stderr: string;
let rows: MetricRow[];
/** The publication form of the full row set, as `npm run metrics -- --publication` gives it. */
let published: (r: MetricRow) => boolean;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'board-pack-'));
  const r = run(['--data', 'data/demo', '--partnership', PARTNERSHIP, '--out', join(dir, 'pack.pdf'), '--html', join(dir, 'pack.html')]);
  expect(r.status, r.stderr).toBe(0);
  stderr = r.stderr;
  pdf = readFileSync(join(dir, 'pack.pdf'));
  pages = pdfPageTexts(pdf).map(flat);
  html = readFileSync(join(dir, 'pack.html'), 'utf8');
  // the same files through the metrics API, independently of the pack's code
  const engine = await NodeEngine.create();
  try {
    await loadExtract(engine, readExtractDir('data/demo'));
    rows = (await computeMetrics(engine, { breakdowns: ['locality'] })).metrics;
    const full = (await computeMetrics(engine, { includeExtra: true })).metrics;
    const find = publicationLookup(publicationForm(full));
    published = (r) => find(r)?.suppressed != null;
  } finally {
    await engine.close();
  }
}, 180_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The headline of a measure (metrics.md): its latest complete quarter up to 2025-26 Q4, overall. */
function headlineRow(id: string): MetricRow | undefined {
  return rows
    .filter((r) => r.metric === id && r.grain === 'quarter' && r.dimension === null && r.complete && !r.partial && r.period <= '2025-26 Q4')
    .sort((a, b) => (a.period < b.period ? 1 : -1))[0];
}

describe('board pack PDF from the demo data', () => {
  it('is at most 16 A4 portrait pages', () => {
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // Page objects: "/Type /Page" not followed by "s" (that is the /Pages tree node).
    const count = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThanOrEqual(16);
    expect(pages.length).toBe(count);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(boxes.length).toBe(count);
    for (const b of boxes) {
      const [x0, y0, w, h] = b.slice(1, 5).map(Number) as [number, number, number, number];
      expect([x0, y0]).toEqual([0, 0]);
      // A4 = 210 x 297 mm = 595.3 x 841.9 points; chromium rounds to whole CSS pixels: 595.92 x 842.88.
      expect(Math.abs(w - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(h - 841.9)).toBeLessThan(1.5);
      expect(h).toBeGreaterThan(w); // portrait
    }
  });

  it('names the partnership, the quarter and the as-of date on page 1', () => {
    const p1 = pages[0]!;
    expect(p1).toContain(PARTNERSHIP);
    // Demo as-of 2026-03-31 = last day of 2025-26 Q4, so that quarter has ended and is the default.
    expect(p1).toContain('Quarter: 2025-26 Q4 (January to March 2026)');
    expect(p1).toContain('Data as of: 31 March 2026 (2026-03-31)');
    expect(p1).toContain('Headline measures');
    expect(stderr).toContain(`Board pack of ${PARTNERSHIP} for 2025-26 Q4`);
  });

  it('has the executive summary on page 2: every measure once, with its headline value and quarter', () => {
    const p2 = pages[1]!;
    expect(p2).toMatch(/^Executive summary /);
    for (const h of ['Improved', 'Got worse', 'To watch', 'No real change']) expect(p2).toContain(` ${h} `);
    for (const def of MEASURES) {
      const h = headlineRow(def.id);
      expect(h, def.id).toBeDefined();
      // suppressed as the publication form says (primary, or secondary: a cover for another cell)
      expect(published(h!) || !primary(h!, def.unit), def.id).toBe(true);
      const value = published(h!) ? 'c (suppressed' : printed(h!.value as number, def.unit);
      expect(p2, def.id).toContain(`${def.title}: ${value}`);
      expect(p2, def.id).toContain(`${def.title}: ${value}${value.startsWith('c') ? ': too few children to publish)' : ''} in ${h!.period}.`);
    }
  });

  it('headlines the latest complete quarter: an open follow-up quarter only as so far', () => {
    // decision_within_1wd: 2025-26 Q4 ends on the as-of date, its 1-working-day follow-up is open
    const q4 = rows.find((r) => r.metric === 'decision_within_1wd' && r.grain === 'quarter' && r.dimension === null && r.period === '2025-26 Q4');
    expect(q4?.complete).toBe(false);
    const h = headlineRow('decision_within_1wd')!;
    expect(h.period).toBe('2025-26 Q3');
    expect(pages[0]).toContain(`Decisions within 1 working day ${printed(h.value!, 'rate')} 2025-26 Q3 so far ${printed(q4!.value!, 'rate')} in 2025-26 Q4 (not complete)`);
  });

  it('prints every measure with its chart, every question, the locality tables and the appendices', () => {
    const all = pages.join(' ');
    for (const def of MEASURES) expect(all, def.id).toContain(def.title);
    for (const s of SECTIONS) expect(html).toContain(`<h2>${s.title}</h2>`);
    for (const t of ['Executive summary', 'Headline measures by locality', 'Action plan status', 'Data quality', 'Appendix: definitions', 'Reproducibility']) {
      expect(all).toContain(t);
    }
    // Charts are inline vector SVG drawn at print size, one per measure (all tables are in the demo).
    expect((html.match(/<svg width="332" height="174"/g) ?? []).length).toBe(MEASURES.length);
    expect(html).toMatch(/Improving|No real change/);
  });

  it('shows c in the locality cells that rest on 1 to 5 children, and the value in the others', () => {
    let suppressed = 0;
    for (const id of HEADLINES) {
      const def = METRICS.find((m) => m.id === id)!;
      const h = headlineRow(id)!;
      const start = html.indexOf(`<div class="loc" id="l-${id}">`);
      expect(start, id).toBeGreaterThan(0);
      const table = html.slice(start, html.indexOf('</div>', start));
      const local = rows.filter((r) => r.metric === id && r.grain === 'quarter' && r.dimension === 'locality' && r.period === h.period);
      if (!def.dimensions.includes('locality')) {
        expect(local).toEqual([]);
        continue;
      }
      expect(table).toContain(`${def.title}, ${h.period}</caption>`);
      for (const r of local) {
        const row = new RegExp(`<tr><td>${r.group}</td>(.*?)</tr>`).exec(table);
        expect(row, `${id} ${r.group}`).not.toBeNull();
        const cells = [...row![1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
        if (published(r)) {
          expect(cells.every((c) => c === 'c'), `${id} ${r.group}`).toBe(true);
          suppressed++;
        } else {
          // shown, as in the publication form: the value as the metrics API gives it
          const v = def.unit === 'duration' ? printed(r.value!, 'duration').replace(/ working days?$/, '') : printed(r.value!, def.unit);
          expect(cells, `${id} ${r.group}`).toContain(v);
        }
      }
    }
    expect(suppressed).toBeGreaterThan(0); // the demo has small localities: "unknown"
  });
});

describe('board pack command line misuse', () => {
  it('exits 2 with the usage on misuse', () => {
    const r = run(['--data', 'data/demo']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: npm run board-pack');
    expect(run(['--data', 'data/demo', '--out', join(dir, 'x.pdf'), '--quarter', 'Q3']).status).toBe(2);
    expect(run(['--data', 'data/demo', '--out', join(dir, 'x.pdf'), '--partnership', ' ']).status).toBe(2);
  });
  it('exits 1 when the quarter is not in the data', () => {
    const r = run(['--data', 'data/demo', '--out', join(dir, 'y.pdf'), '--quarter', '2030-31 Q1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('2030-31 Q1');
  });
});
