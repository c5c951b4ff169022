/**
 * The board pack as data: pure, no engine, no DOM. Everything a board reads is worked out here from
 * the metric rows, the load report and the action plan, always in publication (suppressed) form:
 * primary and secondary suppression (metrics.md "Suppression for publication") on every statistic
 * shown, suppressed points left out of charts, SPC computed from true values.
 *
 * Reporting window: rows are cut to periods that end on or before the chosen quarter's last day
 * (periods `to` the quarter); the metrics themselves are computed at the as-of date.
 * SPC: monthly values where the metric has them (metrics.md), quarterly otherwise (training, barriers).
 */
import type { MetricDef, Section, TableName } from '../metrics/types';
import type { MetricRow } from '../metrics/compute';
import { METRICS } from '../metrics/registry';
import type { LoadReport } from '../ingest/report';
import { computeSpc, spcSeries, variationIconInfo, assuranceIconInfo, type SpcResult } from '../stats/spc';
import { tileChange, type Comparison, type TileChange } from '../stats/change';
import { formatChange, formatValue, trendSentence } from '../stats/narrative';
import { suppressRows, type PublishedRow, type Shown } from '../stats/suppression';
import { HEADLINES } from '../present/headlines';
import { targetsOf } from '../actions/targets';
import type { ActionRecord, PackSource } from './gather';
import { periodWithin } from './quarter';
import { SECTIONS } from '../views/sections';

export const PACK_TITLE = 'Neglect Monitor: partnership board pack';

/** The sections of the pack, in order, titled by the question each answers (one list: views/sections). */
export { SECTIONS } from '../views/sections';

/** Quarters shown in each metric's table (the chosen quarter and the ones before it). */
export const TABLE_QUARTERS = 6;

export interface IconWords {
  words: string;
  colour: string;
  letter: string;
}

export interface ChangeText {
  period: string;
  /** e.g. "up 1.2 percentage points (better)", "unchanged", "c", "no comparison". */
  text: string;
}

export interface PackTile {
  id: string;
  title: string;
  unit: MetricDef['unit'];
  period: string;
  /** Formatted latest value, or 'c' when suppressed. */
  latest: string;
  partial: boolean;
  complete: boolean;
  previous: ChangeText;
  yearAgo: ChangeText;
  /** e.g. "22.6% (England 2024-25, DfE children in need)", null when metrics.md gives none. */
  national: string | null;
  variation: IconWords | null;
  assurance: IconWords | null;
  target: string | null;
  /** Set instead of figures when the metric's table is not in the extract. */
  missing: string | null;
}

export interface PackTableRow {
  period: string;
  value: string;
  numerator: string | null;
  denominator: string | null;
  p90: string | null;
  note: string;
}

export interface PackChart {
  spc: SpcResult;
  unit: MetricDef['unit'];
  /** Periods whose value is suppressed: drawn as gaps. */
  hidden: string[];
  grain: 'quarter' | 'month';
}

export interface PackMetric {
  id: string;
  title: string;
  question: string;
  unit: MetricDef['unit'];
  polarity: MetricDef['polarity'];
  /** Set (and nothing else) when a table the metric reads is not in the extract. */
  missing: string | null;
  sentence: string;
  chart: PackChart | null;
  table: PackTableRow[];
  /** Columns the table shows, by unit. */
  columns: { numerator: string | null; denominator: string | null; value: string; p90: string | null };
}

export interface PackSection {
  id: Section;
  title: string;
  metrics: PackMetric[];
}

export interface PackAction {
  id: string;
  title: string;
  owner: string;
  due: string;
  status: string;
  completed: string | null;
  overdue: boolean;
  measure: string | null;
  latest: string | null;
  latestPeriod: string | null;
  target: string | null;
}

export interface PackQualityTable {
  table: string;
  read: number;
  loaded: number;
  rejected: number;
  warnings: number;
  /** Warnings per column, largest first (then by column name). */
  warningColumns: { column: string; count: number }[];
  parts: { file: string; read: number; loaded: number; rejected: number; warnings: number }[];
}

export interface PackQuality {
  tables: PackQualityTable[];
  refused: { file: string; reason: string }[];
  unused: { file: string; reason: string }[];
  missingRequired: string[];
  ignoredColumns: { file: string; columns: string[] }[];
}

export interface PackDefinition {
  id: string;
  title: string;
  section: string;
  definition: string;
  numerator: string | null;
  denominator: string | null;
  unit: string;
  attribution: string;
  lookBack: string | null;
  followUp: string | null;
  polarity: string;
  national: string | null;
}

export interface PackFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface PackModel {
  title: string;
  quarter: string;
  asOf: string;
  tiles: PackTile[];
  sections: PackSection[];
  actions: PackAction[] | null;
  quality: PackQuality;
  definitions: PackDefinition[];
  footer: { files: PackFile[]; rowsLoaded: number; asOf: string; quarter: string; version: string };
}

export interface PackInput {
  source: PackSource;
  report: LoadReport;
  quarter: string;
  files: PackFile[];
  version: string;
}

const POLARITY_WORDS = { up: 'higher is better', down: 'lower is better', neutral: 'no preferred direction' } as const;
const UNIT_WORDS = { rate: 'rate (share)', count: 'count', duration: 'duration in working days (median and 90th percentile)' } as const;

/** Sentence naming the file that would fill a missing table (extract-contract.md: files by table name). */
export function missingTableText(tables: readonly string[]): string {
  const files = tables.map((t) => `${t}.csv`).join(' and ');
  const names = tables.join(' and ');
  return `No data: this measure needs the ${names} table, which is not in this extract. Add ${files} (or ${tables.length > 1 ? 'those tables' : 'that table'} as .parquet, or as a sheet named ${names} in an .xlsx workbook).`;
}

function missingTables(def: MetricDef, present: ReadonlySet<string>): TableName[] {
  return def.tables.filter((t) => !present.has(t));
}

function nationalText(def: MetricDef): string | null {
  return def.benchmark ? `${formatValue(def.benchmark.value, def.unit)} (${def.benchmark.label})` : null;
}

function changeText(c: Comparison, unit: MetricDef['unit'], hidden: boolean): ChangeText {
  if (hidden) return { period: c.period, text: 'c' };
  if (c.delta === null) return { period: c.period, text: 'no comparison' };
  const size = formatChange(c.delta, unit);
  if (/^0(\.0)?( |$)/.test(size)) return { period: c.period, text: 'unchanged' };
  const judged = c.judgement === 'better' ? ' (better)' : c.judgement === 'worse' ? ' (worse)' : '';
  return { period: c.period, text: `${c.delta > 0 ? 'up' : 'down'} ${size}${judged}` };
}

function shown(v: Shown, unit: MetricDef['unit']): string {
  return formatValue(v, unit);
}

function countText(v: Shown): string | null {
  if (v === null) return null;
  return v === 'c' ? 'c' : formatValue(v, 'count');
}

/** Everything about one metric the pack shows, from its overall rows (already cut to the quarter). */
interface MetricFacts {
  def: MetricDef;
  quarterRows: MetricRow[];
  publishedQuarters: PublishedRow[];
  change: TileChange | null;
  spc: SpcResult;
  chart: PackChart;
  hiddenQuarter: Set<string>;
}

function factsOf(def: MetricDef, rows: readonly MetricRow[], target: number | null): MetricFacts {
  const mine = rows.filter((r) => r.metric === def.id);
  const quarterRows = mine.filter((r) => r.grain === 'quarter').sort((a, b) => (a.period < b.period ? -1 : 1));
  const series = spcSeries(mine, def.id);
  const spc = computeSpc(series, { polarity: def.polarity, target });
  const unitOf = () => def.unit;
  const publishedQuarters = suppressRows(quarterRows, unitOf);
  const hiddenQuarter = new Set(publishedQuarters.filter((r) => r.suppressed).map((r) => r.period));
  const hiddenSeries = suppressRows(series, unitOf).filter((r) => r.suppressed).map((r) => r.period);
  const grain = series[0]?.grain ?? 'quarter';
  return {
    def,
    quarterRows,
    publishedQuarters,
    change: tileChange(quarterRows, def.polarity),
    spc,
    chart: { spc, unit: def.unit, hidden: hiddenSeries, grain },
    hiddenQuarter
  };
}

function iconWords(spc: SpcResult, def: MetricDef): { variation: IconWords | null; assurance: IconWords | null } {
  const v = spc.variationIcon ? variationIconInfo(spc.variationIcon, def.polarity) : null;
  const a = spc.assuranceIcon ? assuranceIconInfo(spc.assuranceIcon) : null;
  return {
    variation: v ? { words: v.words, colour: v.colour, letter: v.letter } : null,
    assurance: a ? { words: a.words, colour: a.colour, letter: a.letter } : null
  };
}

function noteOf(r: PublishedRow): string {
  const notes: string[] = [];
  if (r.suppressed) notes.push(r.reason === 'secondary' ? 'c: suppressed so a small value cannot be worked out' : 'c: rests on 1 to 5 children or items');
  if (r.partial) notes.push('period not yet over');
  else if (!r.complete) notes.push('window not complete: left out of the limits');
  return notes.join('; ');
}

function tableRows(facts: MetricFacts): PackTableRow[] {
  const { def } = facts;
  return facts.publishedQuarters.slice(-TABLE_QUARTERS).map((r) => ({
    period: r.period,
    value: shown(r.value, def.unit),
    numerator: def.unit === 'rate' ? countText(r.numerator) : null,
    denominator: def.unit === 'count' ? null : countText(r.denominator),
    p90: def.unit === 'duration' ? (r.p90 === null ? 'no data' : shown(r.p90, def.unit)) : null,
    note: noteOf(r)
  }));
}

function columnsOf(def: MetricDef): PackMetric['columns'] {
  switch (def.unit) {
    case 'rate':
      return { numerator: 'Numerator', denominator: 'Denominator', value: 'Rate', p90: null };
    case 'count':
      return { numerator: null, denominator: null, value: 'Count', p90: null };
    case 'duration':
      return { numerator: null, denominator: 'Items', value: 'Median', p90: '90th percentile' };
  }
}

/** Targets from the action plan (one rule, in actions/targets.ts). */
export { targetsOf };

export class QuarterNotInDataError extends Error {}

/** The board pack as data. Throws QuarterNotInDataError when the quarter is not a reported period. */
export function packModel(input: PackInput): PackModel {
  const { source, report, quarter } = input;
  const asOf = source.asOf;
  if (asOf === null || !source.rows.some((r) => r.grain === 'quarter' && r.period === quarter)) {
    throw new QuarterNotInDataError(`The quarter ${quarter} is not in the data${asOf ? ` (reported quarters end at the as-of date ${asOf})` : ''}.`);
  }
  const rows = source.rows.filter((r) => r.dimension === null && periodWithin(r.period, quarter));
  const present = new Set(report.present);
  const targets = targetsOf(source.actions);
  const defs = METRICS.filter((m) => !m.extra);
  const facts = new Map<string, MetricFacts>();
  for (const def of defs) {
    if (missingTables(def, present).length === 0) facts.set(def.id, factsOf(def, rows, targets[def.id] ?? null));
  }
  const fmtTarget = (def: MetricDef): string | null => (targets[def.id] === undefined ? null : formatValue(targets[def.id] as number, def.unit));

  const tiles: PackTile[] = [];
  for (const id of HEADLINES) {
    const def = defs.find((d) => d.id === id);
    if (!def) continue;
    const f = facts.get(id);
    const base = { id, title: def.title, unit: def.unit, national: nationalText(def), target: fmtTarget(def) };
    if (!f || !f.change) {
      const none: ChangeText = { period: '', text: 'no data' };
      tiles.push({
        ...base, period: quarter, latest: 'no data', partial: false, complete: true, previous: none, yearAgo: none,
        variation: null, assurance: null,
        missing: f ? null : missingTableText(missingTables(def, present))
      });
      continue;
    }
    const c = f.change;
    const hid = f.hiddenQuarter;
    tiles.push({
      ...base,
      period: c.period,
      latest: hid.has(c.period) ? 'c' : formatValue(c.value, def.unit),
      partial: c.partial,
      complete: c.complete,
      previous: changeText(c.previous, def.unit, hid.has(c.period) || hid.has(c.previous.period)),
      yearAgo: changeText(c.yearAgo, def.unit, hid.has(c.period) || hid.has(c.yearAgo.period)),
      ...iconWords(f.spc, def),
      missing: null
    });
  }

  const sections: PackSection[] = SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    metrics: defs
      .filter((d) => d.section === s.id)
      .map((def): PackMetric => {
        const f = facts.get(def.id);
        const common = { id: def.id, title: def.title, question: def.question, unit: def.unit, polarity: def.polarity, columns: columnsOf(def) };
        if (!f) {
          return { ...common, missing: missingTableText(missingTables(def, present)), sentence: '', chart: null, table: [] };
        }
        const c = f.change;
        const sentence = trendSentence({
          title: def.title,
          unit: def.unit,
          change: c,
          spc: f.spc,
          suppressed: c ? { latest: f.hiddenQuarter.has(c.period), previous: f.hiddenQuarter.has(c.previous.period) } : undefined
        });
        return { ...common, missing: null, sentence, chart: f.chart, table: tableRows(f) };
      })
  }));

  const actions: PackAction[] | null = source.actions
    ? source.actions.map((a) => {
        const def = a.metric_id ? defs.find((d) => d.id === a.metric_id) : undefined;
        const f = def ? facts.get(def.id) : undefined;
        let latest: string | null = null;
        let latestPeriod: string | null = null;
        if (def && f) {
          // The latest quarter whose window is complete (a follow-up still open would understate it);
          // failing that, the latest with a value, said to be incomplete.
          const withValue = [...f.publishedQuarters].reverse().filter((r) => r.value !== null);
          const last = withValue.find((r) => r.complete && !r.partial) ?? withValue[0];
          if (last) {
            latest = shown(last.value, def.unit);
            latestPeriod = last.period + (last.complete && !last.partial ? '' : ' (window not complete)');
          } else latest = 'no data';
        } else if (def) latest = 'no data';
        return {
          id: a.action_id,
          title: a.title,
          owner: a.owner_agency,
          due: a.due_date,
          status: a.status,
          completed: a.completed_date,
          overdue: a.status !== 'complete' && a.due_date < asOf,
          measure: def ? def.title : a.metric_id,
          latest,
          latestPeriod,
          target: a.target === null ? null : def ? formatValue(a.target, def.unit) : String(a.target)
        };
      })
    : null;

  const quality: PackQuality = {
    tables: Object.entries(report.tables).map(([table, t]) => ({
      table,
      read: t.read,
      loaded: t.loaded,
      rejected: t.rejected,
      warnings: Object.values(t.warnings).reduce((x, y) => x + y, 0),
      warningColumns: Object.entries(t.warnings)
        .filter(([, count]) => count > 0)
        .map(([column, count]) => ({ column, count }))
        .sort((a, b) => b.count - a.count || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)),
      parts: t.parts.map((p) => ({
        file: p.file, read: p.read, loaded: p.loaded, rejected: p.rejected,
        warnings: Object.values(p.warnings).reduce((x, y) => x + y, 0)
      }))
    })),
    refused: report.refused.map((f) => ({ ...f })),
    unused: report.unused.map((f) => ({ ...f })),
    missingRequired: [...report.missingRequired],
    ignoredColumns: report.ignoredColumns.map((c) => ({ file: c.file, columns: [...c.columns] }))
  };

  const definitions: PackDefinition[] = defs.map((d) => ({
    id: d.id,
    title: d.title,
    section: SECTIONS.find((s) => s.id === d.section)?.title ?? d.section,
    definition: d.definition,
    numerator: d.numerator,
    denominator: d.denominator,
    unit: UNIT_WORDS[d.unit],
    attribution: d.attribution === 'snapshot' ? `at ${d.attributionDate}` : `by ${d.attributionDate}`,
    lookBack: d.windows.lookBack ?? null,
    followUp: d.windows.followUp ?? null,
    polarity: `${d.polarity} (${POLARITY_WORDS[d.polarity]})`,
    national: nationalText(d)
  }));

  const rowsLoaded = Object.values(report.tables).reduce((x, t) => x + t.loaded, 0);
  return {
    title: PACK_TITLE,
    quarter,
    asOf,
    tiles,
    sections,
    actions,
    quality,
    definitions,
    footer: { files: input.files, rowsLoaded, asOf, quarter, version: input.version }
  };
}
