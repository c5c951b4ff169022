/**
 * The command line's JSON document (metrics.md, "Command-line output"): spec metrics only.
 * publicationDocument gives the rows in publication form (metrics.md "Suppression for publication"):
 * suppression is worked out over the full row set of the extract (stats/suppression.ts
 * publicationForm), which should hold the dashboard-only metrics too (computeMetrics with
 * includeExtra: `referrals` shares its counts with rereferral_12m), then those are left out as in the
 * analyst's document.
 */
import type { ComputeResult } from './compute';
import { METRICS, metricById } from './registry';
import type { MetricRow } from './types';
import { publicationForm, type PublicationRow } from '../stats/suppression';
import { basedOn, unrecordedChildDimensions, type MetricNotInSource } from '../imports/not-recorded';

/** The load report's tables (its parts, when given, say which fields each file records). */
export type CliTables = Record<string, { read: number; loaded: number; rejected: number; parts?: { loaded: number; recorded?: string[] }[] }>;

/**
 * A measure whose fields only some loaded rows' files record: it reads those `rows` of the table's
 * `of` loaded rows ("based on N of M", imports.md). Listed only when some measure is so.
 */
export interface BasedOnEntry {
  metric: string;
  /** null: the measure itself; 'neglect': its neglect breakdown (its groups read only these rows) */
  dimension: null | 'neglect';
  table: string;
  fields: string[];
  rows: number;
  of: number;
}

export interface CliDocument {
  as_of: string | null;
  tables: CliTables;
  metrics: MetricRow[];
  /** measures (or their neglect breakdown) whose field no loaded row records: they have no rows */
  not_in_source: MetricNotInSource[];
  based_on?: BasedOnEntry[];
}

/** The `--publication` document: same shape, rows in publication form. */
export interface PublicationDocument {
  as_of: string | null;
  tables: CliTables;
  metrics: PublicationRow[];
  not_in_source: MetricNotInSource[];
  based_on?: BasedOnEntry[];
}

function tablesOf(tables: CliTables): CliTables {
  const t: CliTables = {};
  for (const [name, r] of Object.entries(tables)) t[name] = { read: r.read, loaded: r.loaded, rejected: r.rejected };
  return t;
}

const inSpec = (m: { metric: string }): boolean => !metricById(m.metric)?.extra;

/**
 * A measure (or its neglect breakdown) whose fields no loaded row records has no rows; nor has a
 * breakdown by a child field no loaded children row records (imports.md).
 */
const recorded = (notInSource: readonly MetricNotInSource[], tables: CliTables) => {
  const childDims = new Set(unrecordedChildDimensions(tables));
  return (m: { metric: string; dimension: string | null }): boolean =>
    !notInSource.some((n) => n.metric === m.metric && (n.dimension === null || n.dimension === m.dimension)) &&
    !(m.dimension !== null && childDims.has(m.dimension));
};

/** The key only when some measure reads part of its table, so a fully recording extract's document is unchanged. */
function basedOnOf(tables: CliTables): { based_on?: BasedOnEntry[] } {
  const out: BasedOnEntry[] = [];
  for (const def of METRICS) {
    if (def.extra) continue;
    for (const dimension of [null, 'neglect'] as const) {
      const b = basedOn(tables, def.id, dimension);
      if (b) out.push({ metric: def.id, dimension, table: b.table, fields: b.fields, rows: b.n, of: b.m });
    }
  }
  return out.length ? { based_on: out } : {};
}

export function cliDocument(result: ComputeResult, tables: CliTables, notInSource: MetricNotInSource[] = []): CliDocument {
  const keep = recorded(notInSource, tables);
  return {
    as_of: result.as_of,
    tables: tablesOf(tables),
    metrics: result.metrics.filter((m) => inSpec(m) && keep(m)),
    not_in_source: notInSource,
    ...basedOnOf(tables)
  };
}

/** The publication form is worked out over the full row set, then the rows not in the document are left out. */
export function publicationDocument(result: ComputeResult, tables: CliTables, notInSource: MetricNotInSource[] = []): PublicationDocument {
  const keep = recorded(notInSource, tables);
  return {
    as_of: result.as_of,
    tables: tablesOf(tables),
    metrics: publicationForm(result.metrics).filter((m) => inSpec(m) && keep(m)),
    not_in_source: notInSource,
    ...basedOnOf(tables)
  };
}
