/** Arguments of the metrics command line (kept apart from the script so they can be tested). */
export const USAGE = 'Usage: npm run metrics -- --data DIR [--as-of YYYY-MM-DD] [--out FILE] [--publication] [--passphrase-file F]';

import { readFlags, UsageError } from '../cli/flags';

export { UsageError };

export interface MetricsArgs {
  data: string;
  asOf?: string;
  out?: string;
  /** Write the publication form (suppressed) instead of the analyst's true values. */
  publication?: boolean;
  /** needed when --data holds census or Annex A files (imported in memory) */
  passphraseFile?: string;
  help?: boolean;
}

export function parseMetricsArgs(argv: string[]): MetricsArgs {
  const f = readFlags(argv, { '--data': 'value', '--as-of': 'value', '--out': 'value', '--publication': 'switch', '--passphrase-file': 'value' });
  if (f.help) return { data: '', help: true };
  const asOf = f.values.get('--as-of');
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of must be YYYY-MM-DD, got "${asOf}".`);
  const data = f.values.get('--data');
  if (!data) throw new UsageError('--data DIR is required.');
  return {
    data,
    asOf,
    out: f.values.get('--out'),
    publication: f.switches.has('--publication') || undefined,
    passphraseFile: f.values.get('--passphrase-file')
  };
}
