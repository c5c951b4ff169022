/**
 * The board pack command line end to end: the demo extract printed to PDF in Debian's chromium.
 * The PDF is checked from its bytes in plain JavaScript (no PDF tool needed): page objects counted,
 * every page's MediaBox A4 portrait (595.92 x 842.88 points, as chromium writes A4). The text is
 * checked on the HTML the same run printed (--html). Exit codes: 2 on misuse, 1 for a quarter not in
 * the data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/lib/pack/model';
import { HEADLINES } from '../../src/lib/present/headlines';
import { metricById } from '../../src/lib/metrics/registry';

const TSX = join('node_modules', '.bin', 'tsx');

function run(args: string[]) {
  return spawnSync(TSX, ['scripts/board-pack.ts', ...args], { encoding: 'utf8', timeout: 90_000 });
}

let dir: string;
let pdf: Buffer;
let html: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'board-pack-'));
  const r = run(['--data', 'data/demo', '--out', join(dir, 'pack.pdf'), '--html', join(dir, 'pack.html')]);
  expect(r.status, r.stderr).toBe(0);
  pdf = readFileSync(join(dir, 'pack.pdf'));
  html = readFileSync(join(dir, 'pack.html'), 'utf8');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('board pack PDF from the demo data', () => {
  it('is a PDF of more than 5 A4 portrait pages', () => {
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // Page objects: "/Type /Page" not followed by "s" (that is the /Pages tree node).
    const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    expect(pages.length).toBeGreaterThan(5);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(boxes.length).toBe(pages.length);
    for (const b of boxes) {
      const [x0, y0, w, h] = b.slice(1, 5).map(Number) as [number, number, number, number];
      expect([x0, y0]).toEqual([0, 0]);
      // A4 = 210 x 297 mm = 595.3 x 841.9 points; chromium rounds to whole CSS pixels: 595.92 x 842.88.
      expect(Math.abs(w - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(h - 841.9)).toBeLessThan(1.5);
      expect(h).toBeGreaterThan(w); // portrait
    }
  });

  it('prints the cover, the headline tiles, every question and the appendices', () => {
    expect(html).toContain('<h1>Neglect Monitor: partnership board pack</h1>');
    // Demo as-of 2026-03-31 = last day of 2025-26 Q4, so that quarter has ended and is the default.
    expect(html).toContain('<strong>Quarter:</strong> 2025-26 Q4');
    expect(html).toContain('<strong>Data as of:</strong> 2026-03-31');
    for (const id of HEADLINES) expect(html).toContain(`<h3>${metricById(id)!.title}</h3>`);
    for (const s of SECTIONS) expect(html).toContain(`<h2>${s.title}</h2>`);
    for (const t of ['Action plan status', 'Data quality', 'Definitions', 'Reproducibility']) expect(html).toContain(`<h2>${t}</h2>`);
    expect(html).toMatch(/Special cause variation|Common cause variation/);
    // Charts are inline vector SVG, one per measure with data (all 26 tables are in the demo).
    expect((html.match(/<svg /g) ?? []).length).toBe(26);
  });
});

describe('board pack command line misuse', () => {
  it('exits 2 with the usage on misuse', () => {
    const r = run(['--data', 'data/demo']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: npm run board-pack');
    expect(run(['--data', 'data/demo', '--out', join(dir, 'x.pdf'), '--quarter', 'Q3']).status).toBe(2);
  });
  it('exits 1 when the quarter is not in the data', () => {
    const r = run(['--data', 'data/demo', '--out', join(dir, 'y.pdf'), '--quarter', '2030-31 Q1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('2030-31 Q1');
  });
});
