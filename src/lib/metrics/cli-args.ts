/** Arguments of the metrics command line (kept apart from the script so they can be tested). */
export const USAGE = 'Usage: npm run metrics -- --data DIR [--as-of YYYY-MM-DD] [--out FILE]';

export class UsageError extends Error {}

export interface MetricsArgs {
  data: string;
  asOf?: string;
  out?: string;
  help?: boolean;
}

export function parseMetricsArgs(argv: string[]): MetricsArgs {
  const out: Partial<MetricsArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { data: '', help: true };
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
      case '--as-of':
        out.asOf = take();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(out.asOf)) throw new UsageError(`--as-of must be YYYY-MM-DD, got "${out.asOf}".`);
        break;
      case '--out':
        out.out = take();
        break;
      default:
        throw new UsageError(`Unknown argument: ${a}`);
    }
  }
  if (!out.data) throw new UsageError('--data DIR is required.');
  return out as MetricsArgs;
}
