/**
 * "Not in this source" (imports.md, "What the sources cannot supply"): which measures, or which
 * measures' neglect breakdown, stand on an optional field; a field no loaded row's file records
 * puts them "not in source". One list, read by the import report and by the metrics document.
 */
import { tableSpec } from '../contract/tables';
import type { ImportedTable, NotInSourceEntry } from './types';

export interface MeasureFields {
  metric: string;
  /** null: the measure itself; 'neglect': its neglect breakdown */
  dimension: null | 'neglect';
  /** `table.field`, every one needed */
  fields: string[];
}

/** The optional fields each measure (or neglect breakdown) cannot do without. */
export const MEASURE_FIELDS: readonly MeasureFields[] = [
  { metric: 'decision_within_1wd', dimension: null, fields: ['referrals.decision_date'] },
  { metric: 'decision_wd', dimension: null, fields: ['referrals.decision_date'] },
  { metric: 'awaiting_decision', dimension: null, fields: ['referrals.decision_date'] },
  { metric: 'feedback_within_3wd', dimension: null, fields: ['referrals.decision_date', 'referrals.feedback_date'] },
  { metric: 'nfa_rate', dimension: null, fields: ['referrals.outcome'] },
  { metric: 'nfa_rereferred_12m', dimension: null, fields: ['referrals.outcome'] },
  { metric: 'assessment_within_45wd', dimension: null, fields: ['assessments.completion_date'] },
  { metric: 'assessment_wd', dimension: null, fields: ['assessments.completion_date'] },
  { metric: 'assessments_open_over_45wd', dimension: null, fields: ['assessments.completion_date'] },
  { metric: 'assessment_within_45wd', dimension: 'neglect', fields: ['assessments.neglect_identified'] },
  { metric: 'assessment_wd', dimension: 'neglect', fields: ['assessments.neglect_identified'] },
  { metric: 'assessments_open_over_45wd', dimension: 'neglect', fields: ['assessments.neglect_identified'] },
  {
    metric: 'tool_use_neglect_assessments',
    dimension: null,
    fields: ['assessments.neglect_identified', 'assessments.completion_date']
  },
  { metric: 'closure_without_change', dimension: null, fields: ['episodes.end_date', 'episodes.closure_reason'] },
  { metric: 'closure_non_engagement', dimension: null, fields: ['episodes.end_date', 'episodes.closure_reason'] },
  { metric: 'rereferral_after_closure_12m', dimension: null, fields: ['episodes.end_date'] },
  { metric: 'closure_without_change', dimension: 'neglect', fields: ['episodes.neglect'] },
  { metric: 'closure_non_engagement', dimension: 'neglect', fields: ['episodes.neglect'] },
  { metric: 'rereferral_after_closure_12m', dimension: 'neglect', fields: ['episodes.neglect'] },
  { metric: 'education_first_action_5wd', dimension: null, fields: ['education.first_action_date'] },
  { metric: 'tool_use_multi_agency', dimension: null, fields: ['tool_uses.contributing_agencies'] },
  {
    metric: 'tool_improvement',
    dimension: null,
    fields: ['tool_uses.physical_care', 'tool_uses.safety', 'tool_uses.love_belonging', 'tool_uses.esteem']
  }
];

/** The metrics document's entry. */
export interface MetricNotInSource {
  metric: string;
  dimension: null | 'neglect';
  /** `table.field` not recorded */
  fields: string[];
}

/**
 * Measures not in source, given the tables present and, per table, the fields some loaded row's
 * file records. A measure is listed when every table its fields sit in is present and one of its
 * fields is recorded by no loaded row. (Whether a measure's own tables are all in the extract is
 * the registry's business: a metric with a table missing has no rows anyway.)
 */
export function notInSource(recorded: ReadonlyMap<string, ReadonlySet<string>>): MetricNotInSource[] {
  const out: MetricNotInSource[] = [];
  for (const m of MEASURE_FIELDS) {
    const tables = new Set(m.fields.map((f) => f.split('.')[0]!));
    if (![...tables].every((t) => recorded.has(t))) continue;
    const missing = m.fields.filter((f) => {
      const [t, field] = f.split('.') as [string, string];
      return !recorded.get(t)!.has(field);
    });
    if (missing.length > 0) out.push({ metric: m.metric, dimension: m.dimension, fields: missing });
  }
  return out;
}

/** Fields recorded per table, from a load report's parts (only parts with a loaded row count). */
export function recordedFields(
  tables: Readonly<Record<string, { parts: { loaded: number; recorded?: string[] }[] }>>
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [name, t] of Object.entries(tables)) {
    const set = new Set<string>();
    const spec = tableSpec(name);
    for (const p of t.parts) {
      if (p.loaded === 0) continue;
      // a report without `recorded` (older) is taken to record every field
      for (const f of p.recorded ?? spec?.fields.map((x) => x.name) ?? []) set.add(f);
    }
    out.set(name, set);
  }
  return out;
}

export interface BasedOn {
  /** loaded rows whose file records every field the measure needs */
  n: number;
  /** loaded rows of the table */
  m: number;
  table: string;
  /** `table.field` the measure needs */
  fields: string[];
}

/**
 * "Based on N of M": a measure whose fields only some loaded rows' files record reads only those
 * rows (metrics/recorded.ts); N and M are the load report's loaded rows of the parts that record
 * them and of the whole table. Null when every row records them, or none does (not in this source).
 * With `dimension` 'neglect': the measure's neglect breakdown, whose groups read only the rows that
 * record the neglect field (a row that does not is in neither group), so its groups can add up to
 * less than the overall row.
 */
export function basedOn(
  tables: Readonly<Record<string, { loaded: number; parts?: { loaded: number; recorded?: string[] }[] }>>,
  metric: string,
  dimension: null | 'neglect' = null
): BasedOn | null {
  const m = MEASURE_FIELDS.find((x) => x.metric === metric && x.dimension === dimension);
  if (!m) return null;
  const table = m.fields[0]!.split('.')[0]!;
  const t = tables[table];
  if (!t?.parts) return null;
  const names = m.fields.filter((f) => f.startsWith(table + '.')).map((f) => f.slice(table.length + 1));
  const n = t.parts.filter((p) => !p.recorded || names.every((f) => p.recorded!.includes(f))).reduce((a, p) => a + p.loaded, 0);
  return n > 0 && n < t.loaded ? { n, m: t.loaded, table, fields: m.fields } : null;
}

/** The children field each child dimension is read from (metrics/sql-blocks.ts childDimensionSql). */
export const CHILD_DIMENSION_FIELD: Readonly<Record<string, string>> = {
  locality: 'locality',
  age_band: 'birth_month',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  imd_quintile: 'imd_decile'
};

/**
 * Child dimensions whose children field no loaded row records (with a children table in the
 * extract): "a dimension whose field no loaded row records has no rows" (imports.md).
 */
export function unrecordedChildDimensions(
  tables: Readonly<Record<string, { parts?: { loaded: number; recorded?: string[] }[] }>>
): string[] {
  const children = tables.children;
  if (!children?.parts) return [];
  const rec = recordedFields({ children: { parts: children.parts } }).get('children')!;
  return Object.entries(CHILD_DIMENSION_FIELD)
    .filter(([, f]) => !rec.has(f))
    .map(([d]) => d);
}

/** import-report.json's `not_in_source`: per contract field the imported tables lack, the measures. */
export function importNotInSource(tables: ImportedTable[], any: boolean): NotInSourceEntry[] {
  if (!any) return [];
  const recorded = new Map<string, Set<string>>();
  for (const t of tables) {
    if ((t.data[0]?.length ?? 0) === 0) continue;
    const s = recorded.get(t.table) ?? new Set<string>();
    for (const c of t.columns) s.add(c);
    recorded.set(t.table, s);
  }
  const out: NotInSourceEntry[] = [];
  for (const [table, fields] of recorded) {
    const spec = tableSpec(table);
    if (!spec) continue;
    for (const f of spec.fields) {
      if (f.required || fields.has(f.name) || f.name === 'closure_code') continue;
      const key = `${table}.${f.name}`;
      const measures = MEASURE_FIELDS.filter((m) => m.fields.includes(key)).map((m) =>
        m.dimension === null ? m.metric : `${m.metric} (${m.dimension} breakdown)`
      );
      out.push({ table, field: f.name, measures: [...new Set(measures)] });
    }
  }
  return out;
}
