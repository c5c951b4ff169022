/** Arguments of the board-pack command line (kept apart from the script so they can be tested). */
export const USAGE =
  'Usage: npm run board-pack -- --data DIR [--quarter "2024-25 Q3"] [--as-of YYYY-MM-DD] --out pack.pdf';

export class UsageError extends Error {}

export interface PackArgs {
  data: string;
  out: string;
  quarter?: string;
  asOf?: string;
  /** Also write the HTML the PDF was printed from (for checking and for the browser print view). */
  html?: string;
  help?: boolean;
}

const QUARTER_RE = /^\d{4}-\d{2} Q[1-4]$/;

export function parsePackArgs(argv: readonly string[]): PackArgs {
  const out: Partial<PackArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--help' || a === '-h') return { data: '', out: '', help: true };
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const take = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '--data':
        out.data = take();
        break;
      case '--out':
        out.out = take();
        break;
      case '--html':
        out.html = take();
        break;
      case '--quarter': {
        const q = take().trim();
        if (!QUARTER_RE.test(q)) throw new UsageError(`--quarter must be a quarter label like "2024-25 Q3", got "${q}".`);
        const fy = Number(q.slice(0, 4));
        if ((fy + 1) % 100 !== Number(q.slice(5, 7))) throw new UsageError(`--quarter "${q}" is not a financial year (e.g. 2024-25).`);
        out.quarter = q;
        break;
      }
      case '--as-of': {
        const v = take();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v + 'T00:00:00Z')) || new Date(v + 'T00:00:00Z').toISOString().slice(0, 10) !== v) {
          throw new UsageError(`--as-of must be a date written YYYY-MM-DD, got "${v}".`);
        }
        out.asOf = v;
        break;
      }
      default:
        throw new UsageError(`Unknown argument: ${a}`);
    }
  }
  if (!out.data) throw new UsageError('--data DIR is required.');
  if (!out.out) throw new UsageError('--out FILE is required.');
  return out as PackArgs;
}
