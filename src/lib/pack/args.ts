/** Arguments of the board-pack command line (kept apart from the script so they can be tested). */
export const USAGE =
  'Usage: npm run board-pack -- --data DIR [--partnership NAME] [--quarter "2024-25 Q3"] [--as-of YYYY-MM-DD] --out pack.pdf';

import { basename, resolve } from 'node:path';
import { readFlags, UsageError } from '../cli/flags';

export { UsageError };

export interface PackArgs {
  data: string;
  out: string;
  /** The partnership named on page 1 (default: the data folder's name). */
  partnership: string;
  quarter?: string;
  asOf?: string;
  /** Also write the HTML the PDF was printed from (for checking and for the browser print view). */
  html?: string;
  help?: boolean;
}

const QUARTER_RE = /^\d{4}-\d{2} Q[1-4]$/;

export function parsePackArgs(argv: readonly string[]): PackArgs {
  const f = readFlags(argv, { '--data': 'value', '--out': 'value', '--html': 'value', '--quarter': 'value', '--as-of': 'value', '--partnership': 'value' });
  if (f.help) return { data: '', out: '', partnership: '', help: true };
  const data = f.values.get('--data') ?? '';
  const out: PackArgs = { data, out: f.values.get('--out') ?? '', partnership: data ? basename(resolve(data)) : '' };
  const html = f.values.get('--html');
  if (html !== undefined) out.html = html;
  const partnership = f.values.get('--partnership');
  if (partnership !== undefined) {
    const p = partnership.trim();
    if (p === '' || p.length > 120) throw new UsageError('--partnership must be a name of 1 to 120 characters.');
    out.partnership = p;
  }
  const quarter = f.values.get('--quarter');
  if (quarter !== undefined) {
    const q = quarter.trim();
    if (!QUARTER_RE.test(q)) throw new UsageError(`--quarter must be a quarter label like "2024-25 Q3", got "${q}".`);
    const fy = Number(q.slice(0, 4));
    if ((fy + 1) % 100 !== Number(q.slice(5, 7))) throw new UsageError(`--quarter "${q}" is not a financial year (e.g. 2024-25).`);
    out.quarter = q;
  }
  const v = f.values.get('--as-of');
  if (v !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v + 'T00:00:00Z')) || new Date(v + 'T00:00:00Z').toISOString().slice(0, 10) !== v) {
      throw new UsageError(`--as-of must be a date written YYYY-MM-DD, got "${v}".`);
    }
    out.asOf = v;
  }
  if (!out.data) throw new UsageError('--data DIR is required.');
  if (!out.out) throw new UsageError('--out FILE is required.');
  return out;
}
