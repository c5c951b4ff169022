/** The command line's JSON document (metrics.md, "Command-line output"): spec metrics only. */
import type { ComputeResult } from './compute';
import { metricById } from './registry';
import type { MetricRow } from './types';
import type { MetricNotInSource } from '../imports/not-recorded';

export interface CliDocument {
  as_of: string | null;
  tables: Record<string, { read: number; loaded: number; rejected: number }>;
  metrics: MetricRow[];
  /** measures (or their neglect breakdown) whose field no loaded row records: they have no rows */
  not_in_source: MetricNotInSource[];
}

export function cliDocument(
  result: ComputeResult,
  tables: Record<string, { read: number; loaded: number; rejected: number }>,
  notInSource: MetricNotInSource[] = []
): CliDocument {
  const t: CliDocument['tables'] = {};
  for (const [name, r] of Object.entries(tables)) t[name] = { read: r.read, loaded: r.loaded, rejected: r.rejected };
  return {
    as_of: result.as_of,
    tables: t,
    metrics: result.metrics.filter(
      (m) =>
        !metricById(m.metric)?.extra &&
        !notInSource.some((n) => n.metric === m.metric && (n.dimension === null || n.dimension === m.dimension))
    ),
    not_in_source: notInSource
  };
}
