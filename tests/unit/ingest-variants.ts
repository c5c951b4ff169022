/**
 * Test helper: the same bad-input rows as Parquet and XLSX. Parquet files are written by native
 * DuckDB (COPY ... TO, all columns VARCHAR, empty cells as NULL); XLSX by @e965/xlsx with text cells.
 */
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lit, type Engine } from '../../src/lib/engine/types';

export type Format = 'csv' | 'parquet' | 'xlsx';

/** Minimal RFC 4180 parser for the corpus files (comma, `"` quoting with `""`). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Write every CSV of `dir` as the given format into a new temporary folder; returns it. */
export async function convertDir(engine: Engine, dir: string, format: Exclude<Format, 'csv'>): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), `nm-corpus-${format}-`));
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    const stem = name.slice(0, -4);
    if (format === 'parquet') {
      await engine.exec(
        `COPY (SELECT * FROM read_csv(${lit(join(dir, name))}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"'))
         TO ${lit(join(out, stem + '.parquet'))} (FORMAT parquet)`
      );
    } else {
      const rows = parseCsv(readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, ''));
      const aoa = rows.map((r) => r.map((c) => (c === '' ? null : c)));
      const ws = XLSX.utils.aoa_to_sheet(aoa);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, stem.split('.')[0]!);
      writeFileSync(join(out, stem + '.xlsx'), new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' })));
    }
  }
  return out;
}

/** The report's name for a CSV file's rows in another format. */
export function labelIn(format: Format, csvName: string): string {
  const stem = csvName.replace(/\.csv$/, '');
  if (format === 'csv') return csvName;
  if (format === 'parquet') return stem + '.parquet';
  return `${stem}.xlsx [${stem.split('.')[0]}]`;
}

/** Line (row) number in another format: Parquet has no header row; XLSX keeps the sheet row. */
export function lineIn(format: Format, csvLine: number): number {
  return format === 'parquet' ? csvLine - 1 : csvLine;
}

/** Rewrite `x.csv line N` mentions inside a reason. */
export function reasonIn(format: Format, reason: string): string {
  return reason
    .replace(/([A-Za-z0-9_.]+\.csv) line (\d+)/g, (_m, f: string, n: string) => `${labelIn(format, f)} line ${lineIn(format, Number(n))}`)
    .replace(/of line (\d+)/g, (_m, n: string) => `of line ${lineIn(format, Number(n))}`);
}
