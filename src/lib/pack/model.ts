/**
 * The board pack as data: pure, no engine, no DOM. Everything a board reads is worked out here from
 * the metric rows, the load report and the action plan, always in publication (suppressed) form
 * (one call: publish.ts); suppressed points left out of charts, SPC computed from true values.
 *
 * Reporting window: rows are cut to periods that end on or before the chosen quarter's last day
 * (periods `to` the quarter); the metrics themselves are computed at the as-of date.
 * Headline of a measure (metrics.md): the latest COMPLETE quarter up to the pack's quarter
 * (headline.ts); a later incomplete quarter is shown only as "so far". Changes compare the headline
 * quarter with the previous quarter and the same quarter a year before.
 * SPC: monthly values where the metric has them (metrics.md), quarterly otherwise (training, barriers).
 */
import type { MetricDef, Section, TableName } from '../metrics/types';
import type { MetricRow } from '../metrics/compute';
import { METRICS } from '../metrics/registry';
import type { LoadReport } from '../ingest/report';
import { computeSpc, spcSeries, variationIconInfo, assuranceIconInfo, type AssuranceIcon, type SpcResult, type VariationIcon } from '../stats/spc';
import { tileChange, type Comparison, type TileChange } from '../stats/change';
import { formatChange, formatValue, trendSentence } from '../stats/narrative';
import { HEADLINES } from '../present/headlines';
import { targetsOf } from '../actions/targets';
import type { ActionRecord, PackSource } from './gather';
import { pickHeadline } from './headline';
import { publishRows, type PublishedIndex, type PublishedRow, type Shown } from './publish';
import { periodWithin } from './quarter';
import { executiveSummary, type ExecutiveSummary, type SummaryInput } from './summary';
import { SECTIONS } from '../views/sections';
import { basedOn, basedOnWords, fieldRecorded, notInSourceOf, notInSourceWords } from '../present/not-in-source';

export const PACK_TITLE = 'Partnership board pack: neglect';

/** The sections of the pack, in order, titled by the question each answers (one list: views/sections). */
export { SECTIONS } from '../views/sections';

/** Quarters shown in each metric's table (the chosen quarter and the ones before it: a year back). */
export const TABLE_QUARTERS = 5;

export interface IconWords {
  words: string;
  /** A few plain words for a table cell: "Improving", "No real change", "Target missed". */
  short: string;
  colour: string;
  letter: string;
}

export interface ChangeText {
  period: string;
  /** e.g. "up 1.2 percentage points (better)", "unchanged", "c", "no comparison". */
  text: string;
}

/** A value as printed for one period ("21.0%", "c", "no data"). */
export interface PeriodValue {
  period: string;
  value: string;
}

export interface PackTile {
  id: string;
  title: string;
  unit: MetricDef['unit'];
  /** The headline quarter (latest complete quarter), null when no quarter is complete yet. */
  period: string | null;
  /** Formatted headline value, 'c' when suppressed, 'no data' when none. */
  latest: string;
  /** A later quarter not yet complete, shown only as "so far". */
  soFar: PeriodValue | null;
  previous: ChangeText;
  yearAgo: ChangeText;
  /** e.g. "22.4% (England 2022-23, DfE children in need (table C1))", null when there is none. */
  national: string | null;
  variation: IconWords | null;
  assurance: IconWords | null;
  target: string | null;
  /** Set instead of figures when the metric's table is not in the extract. */
  missing: string | null;
  /**
   * Set instead of figures when the extract's source does not record a field the measure needs
   * (imports.md "What the sources cannot supply"): "Not in this source: …", never 0.
   */
  notInSource: string | null;
}

export interface PackTableRow {
  period: string;
  value: string;
  numerator: string | null;
  denominator: string | null;
  p90: string | null;
  /** Short note: "not yet over", "window open" or "". */
  note: string;
  /** The row of the headline quarter. */
  headline: boolean;
}

export interface PackChart {
  spc: SpcResult;
  unit: MetricDef['unit'];
  /** Periods whose value is suppressed: drawn as gaps. */
  hidden: string[];
  grain: 'quarter' | 'month';
}

export interface PackColumns {
  numerator: string | null;
  denominator: string | null;
  value: string;
  p90: string | null;
}

export interface PackMetric {
  id: string;
  title: string;
  question: string;
  unit: MetricDef['unit'];
  polarity: MetricDef['polarity'];
  /** Set (and nothing else) when a table the metric reads is not in the extract. */
  missing: string | null;
  /** Set (and nothing else: no chart, no table) when the source does not record a field it needs. */
  notInSource: string | null;
  /** "Based on N of M …" when only some loaded rows' files record its fields (it reads those only). */
  basedOn: string | null;
  headline: PeriodValue | null;
  soFar: PeriodValue | null;
  sentence: string;
  chart: PackChart | null;
  table: PackTableRow[];
  /** Columns the table shows, by unit. */
  columns: PackColumns;
}

export interface PackSection {
  id: Section;
  title: string;
  metrics: PackMetric[];
}

export interface PackLocalityRow {
  locality: string;
  numerator: string | null;
  denominator: string | null;
  value: string;
  p90: string | null;
}

/** One headline measure's value in each locality, in its headline quarter, in publication form. */
export interface PackLocalityTable {
  id: string;
  title: string;
  /** The headline quarter (null when none is complete). */
  period: string | null;
  columns: PackColumns;
  rows: PackLocalityRow[];
  /** The overall row (all localities together), null when there is none. */
  total: PackLocalityRow | null;
  /** Why there are no rows, when there are none. */
  empty: string | null;
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
  /** The partnership the pack is for (a setting; by default the extract's name). */
  partnership: string;
  quarter: string;
  asOf: string;
  summary: ExecutiveSummary;
  tiles: PackTile[];
  sections: PackSection[];
  localities: PackLocalityTable[];
  actions: PackAction[] | null;
  quality: PackQuality;
  definitions: PackDefinition[];
  footer: { files: PackFile[]; rowsLoaded: number; asOf: string; quarter: string; version: string };
}

export interface PackInput {
  source: PackSource;
  report: LoadReport;
  quarter: string;
  partnership: string;
  files: PackFile[];
  version: string;
  /** What the "Not in this source" words name as the source (default: the partnership). */
  sourceName?: string;
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

/** A table cell: as shown, but a duration as a bare number (the column header names the unit). */
function cell(v: Shown, unit: MetricDef['unit']): string {
  return unit === 'duration' ? shown(v, unit).replace(/ working days?$/, '') : shown(v, unit);
}

function countText(v: Shown): string | null {
  if (v === null) return null;
  return v === 'c' ? 'c' : formatValue(v, 'count');
}

/** Everything about one metric the pack shows, from its overall rows (already cut to the quarter). */
interface MetricFacts {
  def: MetricDef;
  quarterRows: MetricRow[];
  /** The headline quarter's row (latest complete quarter) and a later incomplete one. */
  headline: MetricRow | null;
  soFar: MetricRow | null;
  /** Changes at the headline quarter (null when there is none). */
  change: TileChange | null;
  spc: SpcResult;
  chart: PackChart;
}

function factsOf(def: MetricDef, rows: readonly MetricRow[], target: number | null, pub: PublishedIndex): MetricFacts {
  const mine = rows.filter((r) => r.metric === def.id);
  const quarterRows = mine.filter((r) => r.grain === 'quarter').sort((a, b) => (a.period < b.period ? -1 : 1));
  const { headline, soFar } = pickHeadline(quarterRows);
  const series = spcSeries(mine, def.id);
  const spc = computeSpc(series, { polarity: def.polarity, target });
  const grain = series[0]?.grain ?? 'quarter';
  const hiddenSeries = series.filter((r) => pub.hidden(def.id, r.grain, r.period)).map((r) => r.period);
  return {
    def,
    quarterRows,
    headline,
    soFar,
    change: headline ? tileChange(quarterRows.filter((r) => r.period <= headline.period), def.polarity) : null,
    spc,
    chart: { spc, unit: def.unit, hidden: hiddenSeries, grain }
  };
}

const VARIATION_SHORT: Record<VariationIcon, string> = {
  common_cause: 'No real change',
  improvement_high: 'Improving (higher)',
  improvement_low: 'Improving (lower)',
  concern_high: 'Worsening (higher)',
  concern_low: 'Worsening (lower)',
  neither_high: 'Higher (no better direction)',
  neither_low: 'Lower (no better direction)'
};
const ASSURANCE_SHORT: Record<AssuranceIcon, string> = {
  pass: 'will meet target',
  fail: 'will miss target',
  hit_and_miss: 'hit and miss'
};

function iconWords(spc: SpcResult, def: MetricDef): { variation: IconWords | null; assurance: IconWords | null } {
  const vi = spc.variationIcon;
  const ai = spc.assuranceIcon;
  const v = vi ? variationIconInfo(vi, def.polarity) : null;
  const a = ai ? assuranceIconInfo(ai) : null;
  return {
    variation: v && vi ? { words: v.words, short: VARIATION_SHORT[vi], colour: v.colour, letter: v.letter } : null,
    assurance: a && ai ? { words: a.words, short: ASSURANCE_SHORT[ai], colour: a.colour, letter: a.letter } : null
  };
}

function publishedValue(pub: PublishedIndex, def: MetricDef, r: MetricRow | null): PeriodValue | null {
  if (!r) return null;
  const p = pub.get(def.id, 'quarter', r.period) as PublishedRow;
  return { period: r.period, value: shown(p.value, def.unit) };
}

function noteOf(r: PublishedRow): string {
  if (r.partial) return 'not yet over';
  if (!r.complete) return 'window open';
  return '';
}

function tableRows(facts: MetricFacts, pub: PublishedIndex): PackTableRow[] {
  const { def } = facts;
  return facts.quarterRows.slice(-TABLE_QUARTERS).map((row) => {
    const r = pub.get(def.id, 'quarter', row.period) as PublishedRow;
    return {
      period: r.period,
      value: cell(r.value, def.unit),
      numerator: def.unit === 'rate' ? countText(r.numerator) : null,
      denominator: def.unit === 'count' ? null : countText(r.denominator),
      p90: def.unit === 'duration' ? (r.p90 === null ? 'no data' : cell(r.p90, def.unit)) : null,
      note: noteOf(r),
      headline: r.period === facts.headline?.period
    };
  });
}

function columnsOf(def: MetricDef): PackColumns {
  switch (def.unit) {
    case 'rate':
      return { numerator: 'Numerator', denominator: 'Denominator', value: 'Rate', p90: null };
    case 'count':
      return { numerator: null, denominator: null, value: 'Count', p90: null };
    case 'duration':
      return { numerator: null, denominator: 'Items', value: 'Median (working days)', p90: '90th percentile' };
  }
}

function localityRow(def: MetricDef, name: string, r: PublishedRow): PackLocalityRow {
  return {
    locality: name,
    numerator: def.unit === 'rate' ? countText(r.numerator) : null,
    denominator: def.unit === 'count' ? null : countText(r.denominator),
    value: cell(r.value, def.unit),
    p90: def.unit === 'duration' ? (r.p90 === null ? 'no data' : cell(r.p90, def.unit)) : null
  };
}

/** Localities in code-point order, "unknown" (no child record or no locality) last. */
function localityOrder(a: string, b: string): number {
  if ((a === 'unknown') !== (b === 'unknown')) return a === 'unknown' ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function localityTable(
  def: MetricDef,
  facts: MetricFacts,
  localities: readonly MetricRow[],
  pub: PublishedIndex,
  noLocality: string | null
): PackLocalityTable {
  const period = facts.headline?.period ?? null;
  const base = { id: def.id, title: def.title, period, columns: columnsOf(def) };
  if (!def.dimensions.includes('locality')) {
    return { ...base, rows: [], total: null, empty: 'Not counted per child (its rows are by agency), so it has no locality breakdown.' };
  }
  // a breakdown by a field no loaded row records is not produced (imports.md)
  if (noLocality !== null) return { ...base, rows: [], total: null, empty: noLocality };
  if (period === null) return { ...base, rows: [], total: null, empty: 'No quarter is complete yet.' };
  const mine = localities.filter((r) => r.metric === def.id && r.period === period).sort((a, b) => localityOrder(a.group ?? '', b.group ?? ''));
  const rows = mine.map((r) => localityRow(def, r.group ?? 'unknown', pub.get(def.id, 'quarter', period, 'locality', r.group) as PublishedRow));
  const total = pub.get(def.id, 'quarter', period);
  return {
    ...base,
    rows,
    total: total ? localityRow(def, 'All localities', total) : null,
    empty: rows.length ? null : 'No locality breakdown: the extract has no children table.'
  };
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
  const localities = source.localities.filter((r) => r.dimension === 'locality' && periodWithin(r.period, quarter));
  // the publication form of the whole row set (all periods), cut to the quarter afterwards: the same
  // cells as `npm run metrics -- --publication` and the dashboard's publication view
  const pub = publishRows(source.all);
  const present = new Set(report.present);
  const targets = targetsOf(source.actions);
  const defs = METRICS.filter((m) => !m.extra);
  // measures whose field the source does not record: "Not in this source", no figures (one list)
  const sourceName = input.sourceName ?? input.partnership;
  const nis = notInSourceOf(report);
  const nisWords = (def: MetricDef): string | null => {
    const n = nis.get(def.id);
    return n && missingTables(def, present).length === 0 ? notInSourceWords(n, sourceName) : null;
  };
  const facts = new Map<string, MetricFacts>();
  for (const def of defs) {
    if (missingTables(def, present).length === 0 && !nis.has(def.id)) facts.set(def.id, factsOf(def, rows, targets[def.id] ?? null, pub));
  }
  const fmtTarget = (def: MetricDef): string | null => (targets[def.id] === undefined ? null : formatValue(targets[def.id] as number, def.unit));

  const tiles: PackTile[] = [];
  for (const id of HEADLINES) {
    const def = defs.find((d) => d.id === id);
    if (!def) continue;
    const f = facts.get(id);
    const base = { id, title: def.title, unit: def.unit, national: nationalText(def), target: fmtTarget(def) };
    const none: ChangeText = { period: '', text: 'no data' };
    const notRecorded = nisWords(def);
    if (notRecorded) {
      tiles.push({
        ...base, period: null, latest: 'Not in this source', soFar: null, previous: { period: '', text: '' }, yearAgo: { period: '', text: '' },
        variation: null, assurance: null, missing: null, notInSource: notRecorded
      });
      continue;
    }
    if (!f) {
      tiles.push({
        ...base, period: null, latest: 'no data', soFar: null, previous: none, yearAgo: none, variation: null, assurance: null,
        missing: missingTableText(missingTables(def, present)), notInSource: null
      });
      continue;
    }
    const soFar = publishedValue(pub, def, f.soFar);
    const c = f.change;
    if (!c) {
      tiles.push({ ...base, period: null, latest: 'no complete quarter yet', soFar, previous: none, yearAgo: none, ...iconWords(f.spc, def), missing: null, notInSource: null });
      continue;
    }
    const hid = (period: string) => pub.hidden(def.id, 'quarter', period);
    tiles.push({
      ...base,
      period: c.period,
      latest: hid(c.period) ? 'c' : formatValue(c.value, def.unit),
      soFar,
      previous: changeText(c.previous, def.unit, hid(c.period) || hid(c.previous.period)),
      yearAgo: changeText(c.yearAgo, def.unit, hid(c.period) || hid(c.yearAgo.period)),
      ...iconWords(f.spc, def),
      missing: null,
      notInSource: null
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
        const notRecorded = nisWords(def);
        if (notRecorded) {
          return { ...common, missing: null, notInSource: notRecorded, basedOn: null, headline: null, soFar: null, sentence: '', chart: null, table: [] };
        }
        if (!f) {
          return {
            ...common, missing: missingTableText(missingTables(def, present)), notInSource: null, basedOn: null, headline: null, soFar: null, sentence: '', chart: null, table: []
          };
        }
        const c = f.change;
        const headline = publishedValue(pub, def, f.headline);
        const soFar = publishedValue(pub, def, f.soFar);
        const sentence = c
          ? trendSentence({
              title: def.title,
              unit: def.unit,
              change: c,
              spc: f.spc,
              suppressed: { latest: pub.hidden(def.id, 'quarter', c.period), previous: pub.hidden(def.id, 'quarter', c.previous.period) }
            })
          : `${def.title} has no complete quarter yet (its look-back or follow-up window is still open).`;
        const based = basedOn(report, def.id);
        return {
          ...common, missing: null, notInSource: null, basedOn: based ? basedOnWords(based) : null, headline, soFar, sentence, chart: f.chart, table: tableRows(f, pub)
        };
      })
  }));

  const summaryInputs: SummaryInput[] = [];
  for (const def of defs) {
    const notRecorded = nisWords(def);
    if (notRecorded) {
      summaryInputs.push({ title: def.title, value: 'Not in this source', quarter: null, variation: null, assurance: null, target: null, notInSource: notRecorded });
      continue;
    }
    const f = facts.get(def.id);
    if (!f) continue;
    const h = publishedValue(pub, def, f.headline);
    const so = publishedValue(pub, def, f.soFar);
    summaryInputs.push({
      title: def.title,
      value: h ? h.value : `no complete quarter yet${so ? ` (so far ${so.value} in ${so.period})` : ''}`,
      quarter: h ? h.period : null,
      variation: f.spc.variationIcon,
      assurance: f.spc.assuranceIcon,
      target: fmtTarget(def)
    });
  }
  const summary = executiveSummary(summaryInputs);

  const localityTables: PackLocalityTable[] = [];
  const noLocality =
    present.has('children') && !fieldRecorded(report, 'children', 'locality')
      ? `No locality breakdown: ${sourceName} does not record children.locality. A contract file children.csv with that column would supply it.`
      : null;
  for (const id of HEADLINES) {
    const def = defs.find((d) => d.id === id);
    const f = facts.get(id);
    if (def && f) localityTables.push(localityTable(def, f, localities, pub, noLocality));
  }

  const actions: PackAction[] | null = source.actions
    ? source.actions.map((a) => {
        const def = a.metric_id ? defs.find((d) => d.id === a.metric_id) : undefined;
        const f = def ? facts.get(def.id) : undefined;
        let latest: string | null = null;
        let latestPeriod: string | null = null;
        if (def && nisWords(def)) latest = 'Not in this source';
        else if (def && f) {
          // The measure's headline: its latest complete quarter (the same number as everywhere else).
          const h = publishedValue(pub, def, f.headline);
          if (h) {
            latest = h.value;
            latestPeriod = h.period;
          } else latest = 'no complete quarter yet';
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
    partnership: input.partnership,
    quarter,
    asOf,
    summary,
    tiles,
    sections,
    localities: localityTables,
    actions,
    quality,
    definitions,
    footer: { files: input.files, rowsLoaded, asOf, quarter, version: input.version }
  };
}
