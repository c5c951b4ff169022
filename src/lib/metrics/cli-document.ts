/**
 * The command line's JSON document (metrics.md, "Command-line output"): spec metrics only.
 * publicationDocument gives the rows in publication form (metrics.md "Suppression for publication"):
 * suppression is worked out over the full row set of the extract (stats/suppression.ts
 * publicationForm), which should hold the dashboard-only metrics too (computeMetrics with
 * includeExtra: `referrals` shares its counts with rereferral_12m), then those are left out as in the
 * analyst's document.
 */
import type { ComputeResult } from './compute';
import { metricById } from './registry';
import type { MetricRow } from './types';
import { publicationForm, type PublicationRow } from '../stats/suppression';

export type CliTables = Record<string, { read: number; loaded: number; rejected: number }>;

export interface CliDocument {
  as_of: string | null;
  tables: CliTables;
  metrics: MetricRow[];
}

/** The `--publication` document: same shape, rows in publication form. */
export interface PublicationDocument {
  as_of: string | null;
  tables: CliTables;
  metrics: PublicationRow[];
}

function tablesOf(tables: CliTables): CliTables {
  const t: CliTables = {};
  for (const [name, r] of Object.entries(tables)) t[name] = { read: r.read, loaded: r.loaded, rejected: r.rejected };
  return t;
}

const inSpec = (m: { metric: string }): boolean => !metricById(m.metric)?.extra;

export function cliDocument(result: ComputeResult, tables: CliTables): CliDocument {
  return { as_of: result.as_of, tables: tablesOf(tables), metrics: result.metrics.filter(inSpec) };
}

export function publicationDocument(result: ComputeResult, tables: CliTables): PublicationDocument {
  return { as_of: result.as_of, tables: tablesOf(tables), metrics: publicationForm(result.metrics).filter(inSpec) };
}
