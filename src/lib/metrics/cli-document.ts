/** The command line's JSON document (metrics.md, "Command-line output"): spec metrics only. */
import type { ComputeResult } from './compute';
import { metricById } from './registry';
import type { MetricRow } from './types';

export interface CliDocument {
  as_of: string | null;
  tables: Record<string, { read: number; loaded: number; rejected: number }>;
  metrics: MetricRow[];
}

export function cliDocument(
  result: ComputeResult,
  tables: Record<string, { read: number; loaded: number; rejected: number }>
): CliDocument {
  const t: CliDocument['tables'] = {};
  for (const [name, r] of Object.entries(tables)) t[name] = { read: r.read, loaded: r.loaded, rejected: r.rejected };
  return {
    as_of: result.as_of,
    tables: t,
    metrics: result.metrics.filter((m) => !metricById(m.metric)?.extra)
  };
}
