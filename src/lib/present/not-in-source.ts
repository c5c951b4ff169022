/**
 * Measures the loaded extract's source cannot supply (imports.md "What the sources cannot supply"):
 * a field no loaded row records (its column absent, as in an import of the CIN census or Annex A)
 * is "not recorded", and its measures say "Not in this source" where they would stand (tiles,
 * question pages, downloads, the board pack): never 0, blank or a count of awaited decisions. One
 * list (imports/not-recorded.ts), read from the load report.
 */
import type { LoadReport } from '../ingest/report';
import { basedOn as basedOnOf, CHILD_DIMENSION_FIELD, notInSource, recordedFields, type BasedOn, type MetricNotInSource } from '../imports/not-recorded';

export type { BasedOn };

type ReportTables = Pick<LoadReport, 'tables'> | null | undefined;

/** Every entry (measures and their neglect breakdowns) the extract's source does not record. */
export function notInSourceList(report: ReportTables): MetricNotInSource[] {
  if (!report) return [];
  return notInSource(recordedFields(report.tables as Parameters<typeof recordedFields>[0]));
}

/** The measures (overall, not only a breakdown) the extract's source does not record, by id. */
export function notInSourceOf(report: ReportTables): Map<string, MetricNotInSource> {
  return new Map(notInSourceList(report).filter((n) => n.dimension === null).map((n) => [n.metric, n]));
}

/**
 * Whether some loaded row's file records `table.field` (a table not in the extract records nothing).
 * Used for breakdowns by a child's field (locality, imd_decile), which are not measures of their own.
 */
export function fieldRecorded(report: ReportTables, table: string, field: string): boolean {
  if (!report) return true;
  const rec = recordedFields(report.tables as Parameters<typeof recordedFields>[0]);
  return rec.get(table)?.has(field) ?? false;
}

/** The contract files that would supply the fields ("referrals.csv"). */
export function supplyingFiles(n: MetricNotInSource): string[] {
  return [...new Set(n.fields.map((f) => `${f.split('.')[0]}.csv`))];
}

/** "Not in this source: … does not record referrals.decision_date; referrals.csv with that column would supply it." */
export function notInSourceWords(n: MetricNotInSource, source: string): string {
  return (
    `Not in this source: ${source} does not record ${n.fields.join(' or ')}, so this measure cannot be worked out ` +
    `(it is not zero). A contract file ${supplyingFiles(n).join(' / ')} with ${n.fields.length > 1 ? 'those columns' : 'that column'} would supply it.`
  );
}

/** The same for a breakdown: "Not in this source: … does not record assessments.neglect_identified, so there is no neglect breakdown. …" */
export function notInSourceBreakdownWords(n: MetricNotInSource, source: string, breakdown: string): string {
  return (
    `Not in this source: ${source} does not record ${n.fields.join(' or ')}, so there is no ${breakdown} breakdown. ` +
    `A contract file ${supplyingFiles(n).join(' / ')} with ${n.fields.length > 1 ? 'those columns' : 'that column'} would supply it.`
  );
}

export interface UnrecordedBreakdown {
  dimension: string;
  /** `table.field` not recorded */
  fields: string[];
}

/**
 * Breakdowns of a measure the extract's source cannot supply: its neglect breakdown when the list
 * says so, and a child dimension whose children field no loaded row records (with a children table
 * in the extract: without one there are no child breakdowns at all). Such a breakdown is not produced.
 */
export function unrecordedBreakdowns(report: ReportTables, metric: string): UnrecordedBreakdown[] {
  if (!report) return [];
  const out: UnrecordedBreakdown[] = notInSourceList(report)
    .filter((n) => n.metric === metric && n.dimension !== null)
    .map((n) => ({ dimension: n.dimension as string, fields: n.fields }));
  const rec = recordedFields(report.tables as Parameters<typeof recordedFields>[0]).get('children');
  if (rec) {
    for (const [dimension, field] of Object.entries(CHILD_DIMENSION_FIELD)) {
      if (!rec.has(field)) out.push({ dimension, fields: [`children.${field}`] });
    }
  }
  return out;
}

/** "Based on N of M": see imports/not-recorded.ts basedOn. */
export function basedOn(report: ReportTables, metric: string, dimension: null | 'neglect' = null): BasedOn | null {
  return report ? basedOnOf(report.tables as Parameters<typeof basedOnOf>[0], metric, dimension) : null;
}

/** "Based on 4 of 6 referrals: the others' files do not record referrals.decision_date." */
export function basedOnWords(b: BasedOn): string {
  const f = (x: number) => x.toLocaleString('en-GB');
  return `Based on ${f(b.n)} of ${f(b.m)} ${b.table}: the others' files do not record ${b.fields.join(' or ')}.`;
}

/**
 * A neglect breakdown read from part of its table: "The neglect groups are based on 3 of 5
 * assessments: the others' files do not record assessments.neglect_identified, so those rows are in
 * neither group and the groups can add up to less than the whole."
 */
export function basedOnBreakdownWords(b: BasedOn, label: string): string {
  const f = (x: number) => x.toLocaleString('en-GB');
  return (
    `The ${label.toLowerCase()} groups are based on ${f(b.n)} of ${f(b.m)} ${b.table}: the others' files do not record ` +
    `${b.fields.join(' or ')}, so those rows are in neither group and the groups can add up to less than the whole.`
  );
}
