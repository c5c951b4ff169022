/**
 * Measures the loaded extract's source cannot supply (imports.md "What the sources cannot supply"):
 * a field no loaded row records (its column absent, as in an import of the CIN census or Annex A)
 * is "not recorded", and its measures say "Not in this source" where they would stand: never 0,
 * blank or a count of awaited decisions. One list (imports/not-recorded.ts), read from the report.
 */
import type { LoadReport } from '$lib/ingest/report';
import { notInSource, recordedFields, type MetricNotInSource } from '$lib/imports/not-recorded';

/** The measures (overall, not only a breakdown) the extract's source does not record, by id. */
export function notInSourceOf(report: Pick<LoadReport, 'tables'> | null | undefined): Map<string, MetricNotInSource> {
  if (!report) return new Map();
  const all = notInSource(recordedFields(report.tables as Parameters<typeof recordedFields>[0]));
  return new Map(all.filter((n) => n.dimension === null).map((n) => [n.metric, n]));
}

/** "Not in this source: … does not record referrals.decision_date; referrals.csv with that column would supply it." */
export function notInSourceWords(n: MetricNotInSource, source: string): string {
  const files = [...new Set(n.fields.map((f) => `${f.split('.')[0]}.csv`))];
  return (
    `Not in this source: ${source} does not record ${n.fields.join(' or ')}, so this measure cannot be worked out ` +
    `(it is not zero). A contract file ${files.join(' / ')} with ${n.fields.length > 1 ? 'those columns' : 'that column'} would supply it.`
  );
}
