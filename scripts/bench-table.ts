/**
 * The one table `npm run bench` ends with: every figure of issue 15, the browser beside native
 * DuckDB on the same files in the same run, their ratio and the goal. Sections add rows as they
 * measure; a section not run leaves its rows out.
 */
export interface Figure {
  /** Issue 15 item (1-5). */
  item: number;
  measure: string;
  browser?: string;
  native?: string;
  /** browser / native, when both are times of the same work. */
  ratio?: number;
  goal: string;
}

const FIGURES: Figure[] = [];

export function addFigure(f: Figure): void {
  FIGURES.push(f);
}

export const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-GB')} ms` : 'n/a');
export const mb = (x: number): string => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-GB')} MB` : 'n/a');

export function printFigures(): void {
  if (FIGURES.length === 0) return;
  const rows = [...FIGURES].sort((a, b) => a.item - b.item);
  console.log('\nNeglect Monitor: issues 13 and 15, every figure (one run; browser = headless chromium, duckdb-wasm)\n');
  console.log('| # | measure | browser | native DuckDB | ratio | goal |');
  console.log('|---|---|---|---|---|---|');
  for (const f of rows) {
    const ratio = f.ratio === undefined || !Number.isFinite(f.ratio) ? '' : `${f.ratio.toFixed(2)}x`;
    console.log(`| ${f.item} | ${f.measure} | ${f.browser ?? ''} | ${f.native ?? ''} | ${ratio} | ${f.goal} |`);
  }
}
