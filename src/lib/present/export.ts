/**
 * Downloads that carry their context (exactly what the screen shows, in the form it shows it):
 * - CSV: a header block (measure title and id, definition, filters and those not applicable,
 *   grain, as-of date, analyst's view or publication form, extract fingerprint, the headline), a
 *   blank line, then one row per period (and group): numerator and denominator beside the value as a
 *   percentage (rates), the count (counts), or items, median and 90th percentile (durations).
 * - File names: measure, filters, form and as-of date.
 * - XLSX of a page: a sheet per measure and a notes sheet.
 * Every text cell that a spreadsheet would read as a formula (starting with = + - @ tab or CR) gets a
 * leading single quote.
 */
import { csvCell, neutralise } from '$lib/contract/csv-cell';
import type { PresentedMeasure } from './measure';
import type { PublishedRow } from './suppress';
import { groupLabel } from '$lib/views/labels';
import type { LoadReport } from '$lib/ingest/report';
import { basedOn, basedOnBreakdownWords, basedOnWords, notInSourceBreakdownWords, notInSourceOf, notInSourceWords, unrecordedBreakdowns } from './not-in-source';

export interface ExportContext {
  asOf: string | null;
  /** "Demo partnership" or the files' description. */
  source: string;
  /** The extract's files and their SHA-256, as the footer shows them. */
  files: { name: string; sha256: string }[];
  /** Filters in force on the page (ViewState parts), in words. */
  filters: { locality: string[]; agency: string[]; neglect: boolean; from: string | null; to: string | null };
  /**
   * The extract's load report, for what its source does not record (imports.md "What the sources
   * cannot supply"): such a measure's download says "Not in this source" and has no rows.
   */
  report?: Pick<LoadReport, 'tables'> | null;
}

/** The context of a page's downloads, from the extract in use, the as-of date and the view. */
export function contextOf(
  extract: { label: string; files: { name: string; sha256: string }[]; report?: Pick<LoadReport, 'tables'> | null } | null,
  asOf: string | null,
  view: ExportContext['filters']
): ExportContext {
  return {
    asOf,
    source: extract?.label ?? 'no extract loaded',
    files: extract?.files.map((f) => ({ name: f.name, sha256: f.sha256 })) ?? [],
    filters: { locality: view.locality, agency: view.agency, neglect: view.neglect, from: view.from, to: view.to },
    report: extract?.report ?? null
  };
}

/** The contract's one rule for written cells (contract/csv-cell.ts). */
export { csvCell, neutralise } from '$lib/contract/csv-cell';

export function filtersText(f: ExportContext['filters']): string {
  const parts: string[] = [];
  if (f.locality.length) parts.push(`locality ${f.locality.join(' or ')}`);
  if (f.agency.length) parts.push(`agency ${f.agency.map((a) => groupLabel('agency', a)).join(' or ')}`);
  if (f.neglect) parts.push('neglect cases only');
  if (f.from) parts.push(`from ${f.from}`);
  if (f.to) parts.push(`to ${f.to}`);
  return parts.length ? parts.join('; ') : 'none (every child and item in the extract)';
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
}

/** e.g. rereferral_12m_quarter_north_police_neglect_publication_2026-03-31.csv */
export function exportName(what: string, grain: string | null, ctx: ExportContext, publication: boolean, ext: string): string {
  const f = ctx.filters;
  const parts = [what, grain ?? '', ...f.locality.map(slug), ...f.agency.map(slug), f.neglect ? 'neglect' : '', f.from ? `from-${slug(f.from)}` : '', f.to ? `to-${slug(f.to)}` : '', publication ? 'publication' : '', ctx.asOf ?? ''];
  return parts.filter(Boolean).join('_') + '.' + ext;
}

function fingerprint(ctx: ExportContext): string {
  return ctx.files.map((f) => `${f.name} sha256:${f.sha256}`).join('; ');
}

/** "Not in this source: …" when the extract's source does not record a field the measure needs. */
export function notInSourceText(id: string, ctx: ExportContext): string | null {
  const n = notInSourceOf(ctx.report).get(id);
  return n ? notInSourceWords(n, ctx.source) : null;
}

/** "Based on 4 of 6 referrals: …" when only some loaded rows' files record the measure's fields. */
export function basedOnText(id: string, ctx: Pick<ExportContext, 'report'>): string | null {
  const b = basedOn(ctx.report, id);
  return b ? basedOnWords(b) : null;
}

/**
 * "The neglect groups are based on N of M …" when the measure's neglect breakdown is chosen and only
 * some loaded rows' files record the neglect field (their groups can add up to less than the whole).
 */
export function basedOnBreakdownText(id: string, dimension: string | null, label: string, ctx: Pick<ExportContext, 'report'>): string | null {
  if (dimension !== 'neglect') return null;
  const b = basedOn(ctx.report, id, 'neglect');
  return b ? basedOnBreakdownWords(b, label) : null;
}

/** The measure's breakdown when the source does not record its field (it is then not produced). */
function unrecordedBreakdownText(pm: PresentedMeasure, ctx: ExportContext): string | null {
  const dim = pm.request.dimension;
  const u = dim ? unrecordedBreakdowns(ctx.report, pm.def.id).find((b) => b.dimension === dim) : undefined;
  return u ? notInSourceBreakdownWords({ metric: pm.def.id, dimension: null, fields: u.fields }, ctx.source, pm.breakdown?.label ?? u.dimension) : null;
}

/** The context lines of one measure's download, as [label, text] pairs. */
export function contextLines(pm: PresentedMeasure, ctx: ExportContext): [string, string][] {
  const req = pm.request;
  const lines: [string, string][] = [
    ['Measure', `${pm.def.title} (${pm.def.id})`],
    ['Definition', pm.def.definition]
  ];
  const nis = notInSourceText(pm.def.id, ctx);
  if (nis) lines.push(['Not in this source', nis.replace(/^Not in this source: /, '')]);
  const based = basedOnText(pm.def.id, ctx);
  if (based) lines.push(['Based on', based.replace(/^Based on /, '')]);
  lines.push(['Filters', filtersText(ctx.filters)]);
  if (req.ignored.length) lines.push(['Not applicable to this measure', req.ignored.join('; ')]);
  lines.push(['Grain', req.grain === 'quarter' ? 'financial-year quarter' : 'calendar month']);
  const noBreakdown = unrecordedBreakdownText(pm, ctx);
  if (req.dimension) lines.push(['Breakdown', noBreakdown ?? pm.breakdown?.label ?? req.dimension]);
  const basedBreakdown = noBreakdown ? null : basedOnBreakdownText(pm.def.id, req.dimension, pm.breakdown?.label ?? 'neglect', ctx);
  if (basedBreakdown) lines.push(['Breakdown based on', basedBreakdown]);
  lines.push(['As of', ctx.asOf ?? 'no dated rows']);
  lines.push([
    'Form',
    req.publication
      ? 'publication form: c = suppressed (rests on 1 to 5 children or items, or would let one be worked out)'
      : "analyst's view: true values, not for sharing beyond the analyst"
  ]);
  lines.push(['Source', ctx.source]);
  lines.push(['Extract', fingerprint(ctx)]);
  if (pm.headline && !nis) lines.push(['Headline', `${pm.headline.text} in ${pm.headline.period} (latest complete quarter)`]);
  return lines;
}

type Cell = string | number | null;

function pct(v: PublishedRow['value']): Cell {
  if (v === 'c' || v === null) return v;
  return Math.round(v * 1000) / 10;
}

/**
 * The columns and rows of one measure's data (overall, or its breakdown when one is chosen). A
 * measure (or breakdown) the source does not record has no rows: never a row of zeros.
 */
export function dataTable(pm: PresentedMeasure, ctx?: ExportContext): { head: string[]; rows: Cell[][] } {
  const unit = pm.def.unit;
  const b = pm.breakdown;
  const unrecorded = ctx !== undefined && (notInSourceText(pm.def.id, ctx) !== null || unrecordedBreakdownText(pm, ctx) !== null);
  const rows = unrecorded ? [] : b ? b.rows : pm.shown;
  const groupHead = b ? [b.label] : [];
  const head =
    unit === 'rate'
      ? ['period', ...groupHead, 'numerator', 'denominator', 'percentage']
      : unit === 'count'
        ? ['period', ...groupHead, 'count']
        : ['period', ...groupHead, 'items', 'median working days', '90th percentile working days'];
  head.push('complete', 'partial', 'note');
  const out = rows.map((r): Cell[] => {
    const group = b ? [groupLabel(b.dimension, r.group)] : [];
    const values: Cell[] =
      unit === 'rate' ? [r.numerator, r.denominator, pct(r.value)] : unit === 'count' ? [r.value] : [r.denominator, r.value, r.p90];
    const note = [r.partial ? 'period not yet over' : !r.complete ? 'window not complete' : '', r.suppressed ? `suppressed (${r.reason})` : '']
      .filter(Boolean)
      .join('; ');
    return [r.period, ...group, ...values, r.complete ? 'yes' : 'no', r.partial ? 'yes' : 'no', note || null];
  });
  return { head, rows: out };
}

/** UTF-8 CSV with a byte-order mark: the context block, a blank line, then the data (none when not in this source). */
export function measureCsv(pm: PresentedMeasure, ctx: ExportContext): string {
  const lines = contextLines(pm, ctx).map(([k, v]) => `${csvCell(k)},${csvCell(v)}`);
  const t = dataTable(pm, ctx);
  lines.push('', t.head.map(csvCell).join(','));
  for (const r of t.rows) lines.push(r.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const safeCell = (v: Cell): Cell => (typeof v === 'string' ? neutralise(v) : v);

/** A workbook of a page: a sheet per measure (context block, then data) and a notes sheet. */
export async function pageWorkbook(title: string, measures: readonly PresentedMeasure[], ctx: ExportContext): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.utils.book_new();
  const notes: Cell[][] = [
    ['Neglect Monitor', title],
    ['As of', ctx.asOf ?? 'no dated rows'],
    ['Filters', filtersText(ctx.filters)],
    ['Form', measures[0]?.request.publication ? 'publication form (c = suppressed)' : "analyst's view (true values)"],
    ['Source', ctx.source],
    ['Extract', fingerprint(ctx)],
    [],
    ['Sheet', 'Measure', 'Headline (latest complete quarter)', 'Period']
  ];
  const used = new Set<string>();
  for (const pm of measures) {
    let name = pm.def.id.slice(0, 31);
    for (let i = 2; used.has(name); i++) name = `${pm.def.id.slice(0, 28)}_${i}`;
    used.add(name);
    const t = dataTable(pm, ctx);
    const aoa: Cell[][] = [...contextLines(pm, ctx), [], t.head, ...t.rows];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa.map((r) => r.map(safeCell))), name);
    const nis = notInSourceText(pm.def.id, ctx);
    notes.push(nis ? [name, pm.def.title, 'Not in this source'] : [name, pm.def.title, pm.headline?.text ?? 'no complete quarter', pm.headline?.period ?? '']);
  }
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(notes.map((r) => r.map(safeCell))), 'Notes');
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  return new Uint8Array(out);
}
