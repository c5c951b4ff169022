/**
 * The board pack as one self-contained HTML document (print CSS inline, charts as inline SVG).
 * Pure: the same function serves the PDF (printed by chromium) and a browser print view. Every text
 * that could come from data (partnership, file names, titles, owners, localities, reasons) is escaped.
 *
 * Order, as a paper: page 1 names the partnership, the quarter and the as-of date, with the headline
 * measures; page 2 is the executive summary; then each question with its measures (two to a row:
 * headline, sentence, SPC chart, the last quarters); the headline measures by locality; the action
 * plan and data quality; the definitions as an appendix, and what reproduces the pack.
 */
import { escapeHtml } from '../charts/format';
import { MDC_COLOURS } from '../stats/spc';
import { formatCount, formatValue } from '../stats/narrative';
import { spcSvg } from './chart-svg';
import { PRINT_CSS } from './print-css';
import type {
  IconWords, PackAction, PackChart, PackColumns, PackLocalityRow, PackLocalityTable, PackMetric, PackModel, PackSection, PackTile
} from './model';

const e = (s: string | number | null | undefined): string => (s === null || s === undefined ? '' : escapeHtml(String(s)));
/** A count of file rows with thousands separators (12345 -> "12,345"). */
const n = (x: number): string => formatCount(x);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2026-03-31" -> "31 March 2026". */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}
/** "2025-26 Q4" -> "January to March 2026". */
export function quarterMonths(q: string): string {
  const m = /^(\d{4})-\d{2} Q([1-4])$/.exec(q);
  if (!m) return q;
  const fy = Number(m[1]);
  const k = Number(m[2]);
  const first = [3, 6, 9, 0][k - 1] as number;
  const year = k === 4 ? fy + 1 : fy;
  return `${MONTHS[first]} to ${MONTHS[first + 2]} ${year}`;
}

export interface HtmlOptions {
  /** Renders a chart to SVG text; default: ECharts server-side SVG at its printed size. */
  chart?: (chart: PackChart) => string;
}

function icon(w: IconWords | null, kind: 'variation' | 'assurance'): string {
  if (!w) return '';
  return `<span class="icon ${kind}" style="background:${e(w.colour)}" aria-hidden="true">${e(w.letter)}</span>`;
}

function headlineRow(t: PackTile): string {
  const title = `<th scope="row">${e(t.title)}</th>`;
  if (t.missing) return `<tr>${title}<td colspan="5" class="small">No data: the extract lacks the table this measure needs (see its section).</td></tr>`;
  if (t.notInSource) return `<tr data-measure="${e(t.id)}" data-not-in-source>${title}<td colspan="5"><strong>Not in this source</strong><br><span class="small">${e(t.notInSource.replace(/^Not in this source: /, ''))}</span></td></tr>`;
  const soFar = t.soFar ? `<br><span class="small">so far ${e(t.soFar.value)} in ${e(t.soFar.period)} (not complete)</span>` : '';
  const value = t.period ? `<strong class="big">${e(t.latest)}</strong> <span class="small nowrap">${e(t.period)}</span>` : `<span class="small">${e(t.latest)}</span>`;
  const change = (c: PackTile['previous']) => (t.period ? e(c.text) : '');
  const variation = t.variation ? `${icon(t.variation, 'variation')}${e(t.variation.short)}` : '<span class="small">too few points</span>';
  const target = t.target ? `${e(t.target)}${t.assurance ? `<br>${icon(t.assurance, 'assurance')}${e(t.assurance.short)}` : ''}` : '<span class="small">none set</span>';
  return `<tr data-measure="${e(t.id)}">${title}<td>${value}${soFar}${t.national ? `<br><span class="small">England: ${e(t.national)}</span>` : ''}</td><td>${change(t.previous)}</td><td>${change(t.yearAgo)}</td><td>${variation}</td><td>${target}</td></tr>`;
}

function coverHtml(m: PackModel): string {
  return `<section class="cover">
<p class="kicker">${e(m.title)}</p>
<h1>${e(m.partnership)}</h1>
<p class="meta"><strong>Quarter:</strong> ${e(m.quarter)} (${e(quarterMonths(m.quarter))}) &nbsp;&nbsp; <strong>Data as of:</strong> ${e(longDate(m.asOf))} (${e(m.asOf)})</p>
<p class="note">Every headline is a measure's latest <strong>complete</strong> quarter: over, and with its look-back and follow-up windows closed by the as-of date; a later quarter still open is shown only as “so far”. Figures are in publication form: <strong>c</strong> marks a figure resting on 1 to 5 children or items, or one hidden so that such a figure cannot be worked out. Changes compare the headline quarter with the quarter before and the same quarter a year earlier. “Variation” applies NHS England's Making Data Count rules to monthly values: only special cause variation is called a real change.</p>
<h2>Headline measures</h2>
<table class="headlines"><colgroup><col class="c-measure"><col class="c-value"><col class="c-change"><col class="c-change"><col class="c-var"><col class="c-target"></colgroup>
<thead><tr><th scope="col">Measure</th><th scope="col">Latest complete quarter</th><th scope="col">On the previous quarter</th><th scope="col">On a year earlier</th><th scope="col">Variation</th><th scope="col">Target</th></tr></thead>
<tbody>${m.tiles.map(headlineRow).join('\n')}</tbody></table>
</section>`;
}

function summaryHtml(m: PackModel): string {
  const s = m.summary;
  const list = (title: string, cls: string, items: string[], none: string) =>
    `<h3 class="${cls}">${title}</h3>${items.length ? `<ul>${items.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : `<p class="small">${none}</p>`}`;
  const overdue = m.actions ? m.actions.filter((a) => a.overdue).length : 0;
  const actions = m.actions
    ? `<p><strong>Action plan:</strong> ${m.actions.length} action${m.actions.length === 1 ? '' : 's'}, ${overdue} overdue (see “Action plan status”).</p>`
    : '';
  return `<section class="page summary" id="s-summary"><h2>Executive summary</h2>
<p>${e(m.partnership)}, ${e(m.quarter)}, data as of ${e(longDate(m.asOf))}. A measure is called improved or worse only when its monthly values show special cause variation (Making Data Count), not on one quarter's change, which may be noise. “To watch” names measures with no real change that will not reliably meet the target set in the action plan, and real changes in measures with no better direction.</p>
${list('Improved', 'improved', s.improved, 'No measure shows a real improvement.')}
${list('Got worse', 'worse', s.worse, 'No measure shows a real deterioration.')}
${list('To watch', 'watch', s.watch, 'Nothing else to watch.')}
${list('No real change', 'steady', s.steady, 'None.')}
${s.unjudged.length ? list('Not yet judged', 'steady', s.unjudged, '') : ''}
${s.notInSource.length ? list('Not in this source', 'steady', s.notInSource, '') : ''}
${actions}
</section>`;
}

function columnsHead(c: PackColumns, first: string): string {
  const head = [first, ...(c.numerator ? [c.numerator] : []), ...(c.denominator ? [c.denominator] : []), c.value, ...(c.p90 ? [c.p90] : [])];
  return `<thead><tr>${head.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead>`;
}

function cells(c: PackColumns, r: { numerator: string | null; denominator: string | null; value: string; p90: string | null }): string {
  return [
    ...(c.numerator ? [`<td class="num">${e(r.numerator)}</td>`] : []),
    ...(c.denominator ? [`<td class="num">${e(r.denominator)}</td>`] : []),
    `<td class="num">${e(r.value)}</td>`,
    ...(c.p90 ? [`<td class="num">${e(r.p90)}</td>`] : [])
  ].join('');
}

function metricTable(mt: PackMetric): string {
  const body = mt.table
    .map((r) => `<tr${r.headline ? ' class="hl"' : ''}><td>${e(r.period)}${r.note ? ` <span class="small">(${e(r.note)})</span>` : ''}</td>${cells(mt.columns, r)}</tr>`)
    .join('');
  return `<table class="quarters">${columnsHead(mt.columns, 'Quarter')}<tbody>${body}</tbody></table>`;
}

/** A marker of the chart drawn small for the key: the same shapes and colours as pointStyle. */
function marker(kind: 'common' | 'improvement' | 'concern' | 'neither' | 'hollow'): string {
  const fill = { common: MDC_COLOURS.common_cause, improvement: MDC_COLOURS.improvement, concern: MDC_COLOURS.concern, neither: MDC_COLOURS.neither, hollow: '#ffffff' }[kind];
  const shape =
    kind === 'improvement' ? '<path d="M5 1 L9 9 L1 9 Z"/>' : kind === 'concern' ? '<path d="M5 0.5 L9.5 5 L5 9.5 L0.5 5 Z"/>' : kind === 'neither' ? '<rect x="1.5" y="1.5" width="7" height="7"/>' : '<circle cx="5" cy="5" r="3.6"/>';
  return `<svg class="mk" width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><g fill="${fill}" stroke="#1f2a33" stroke-width="${kind === 'hollow' ? 1.2 : 0.6}">${shape}</g></svg>`;
}

function chartKey(ch: PackChart): string {
  const seg = ch.spc.segments[ch.spc.segments.length - 1];
  const trial = seg?.trial ?? false;
  const kinds = new Set<string>();
  for (const p of ch.spc.points) {
    if (ch.hidden.includes(p.period) || p.value === null) continue;
    kinds.add(!p.included ? 'hollow' : p.variation === null ? 'common' : p.variation);
  }
  const words: [string, string][] = [
    ['common', 'common cause'],
    ['improvement', 'improvement'],
    ['concern', 'concern'],
    ['neither', 'special cause, no better direction'],
    ['hollow', 'left out (not over or window open)']
  ];
  const f = (v: number | null) => formatValue(v, ch.unit);
  // limits beyond what a value can be (below 0, a rate above 100%) are stated at that end
  const lo = seg?.lower === null || seg?.lower === undefined ? null : Math.max(0, seg.lower);
  const hi = seg?.upper === null || seg?.upper === undefined ? null : ch.unit === 'rate' ? Math.min(1, seg.upper) : seg.upper;
  const lines = seg && seg.mean !== null ? `<span class="ln solid"></span><span class="nowrap">mean ${e(f(seg.mean))};</span> <span class="ln ${trial ? 'dotted' : 'dashed'}"></span>${trial ? 'trial limits (fewer than 12 points)' : 'limits'} ${e(f(lo))} to ${e(f(hi))}. ` : '';
  const marks = words.filter(([k]) => kinds.has(k)).map(([k, w]) => `<span class="nowrap">${marker(k as 'common')}${w}</span>`).join(' ');
  const gaps = ch.hidden.length ? ` Gaps: ${ch.hidden.length} suppressed ${ch.grain}${ch.hidden.length === 1 ? '' : 's'} (c).` : '';
  return `<p class="key">Each ${ch.grain}: ${lines}${marks}.${gaps}</p>`;
}

function metricHtml(mt: PackMetric, chart: (c: PackChart) => string): string {
  const head = `<h3>${e(mt.title)}</h3><p class="question">${e(mt.question)}</p>`;
  if (mt.missing) return `<article class="metric" id="m-${e(mt.id)}">${head}<p class="missing">${e(mt.missing)}</p></article>`;
  if (mt.notInSource) return `<article class="metric" id="m-${e(mt.id)}" data-not-in-source>${head}<p class="missing">${e(mt.notInSource)}</p></article>`;
  const headline = mt.headline
    ? `<p class="headline"><strong class="big">${e(mt.headline.value)}</strong> in ${e(mt.headline.period)}${mt.soFar ? `; <span class="small">so far ${e(mt.soFar.value)} in ${e(mt.soFar.period)} (not complete)</span>` : ''}</p>`
    : `<p class="headline">No complete quarter yet${mt.soFar ? `; so far ${e(mt.soFar.value)} in ${e(mt.soFar.period)} (not complete)` : ''}</p>`;
  const ch = mt.chart;
  return `<article class="metric" id="m-${e(mt.id)}">${head}${headline}
<p class="sentence">${e(mt.sentence)}</p>
${mt.basedOn ? `<p class="small based-on">${e(mt.basedOn)}</p>` : ''}
${ch ? `<div class="chart">${chart(ch)}</div>${chartKey(ch)}` : ''}
${metricTable(mt)}
</article>`;
}

function sectionHtml(s: PackSection, chart: (c: PackChart) => string, first: boolean): string {
  return `<section class="section${first ? ' page' : ''}" id="s-${e(s.id)}"><h2>${e(s.title)}</h2>
<div class="cards">${s.metrics.map((m) => metricHtml(m, chart)).join('\n')}</div>
</section>`;
}

function localityRowHtml(c: PackColumns, r: PackLocalityRow, total: boolean): string {
  return `<tr${total ? ' class="total"' : ''}><td>${e(r.locality)}</td>${cells(c, r)}</tr>`;
}

function localityTableHtml(t: PackLocalityTable): string {
  const cap = `<caption>${e(t.title)}${t.period ? `, ${e(t.period)}` : ''}</caption>`;
  if (t.empty) return `<div class="loc" id="l-${e(t.id)}"><table>${cap}<tbody><tr><td class="small">${e(t.empty)}</td></tr></tbody></table></div>`;
  return `<div class="loc" id="l-${e(t.id)}"><table>${cap}${columnsHead(t.columns, 'Locality')}<tbody>${t.rows.map((r) => localityRowHtml(t.columns, r, false)).join('')}${t.total ? localityRowHtml(t.columns, t.total, true) : ''}</tbody></table></div>`;
}

function localitiesHtml(m: PackModel): string {
  if (m.localities.length === 0) return '';
  return `<section class="page" id="s-localities"><h2>Headline measures by locality</h2>
<p>Each headline measure in its latest complete quarter, by the locality of the child (“unknown”: no child record or no locality). Publication form: <strong>c</strong> marks a figure resting on 1 to 5 children or items, or hidden so that one cannot be worked out from the others.</p>
<div class="locs">${m.localities.map(localityTableHtml).join('\n')}</div>
</section>`;
}

function actionRow(a: PackAction): string {
  const status = `${e(a.status.replaceAll('_', ' '))}${a.overdue ? ' <span class="overdue">(overdue)</span>' : ''}`;
  const latest = a.latest === null ? '' : `${e(a.latest)}${a.latestPeriod ? `<br><span class="small nowrap">${e(a.latestPeriod)}</span>` : ''}`;
  return `<tr><td>${e(a.id)}</td><td>${e(a.title)}</td><td>${e(a.owner.replaceAll('_', ' '))}</td><td>${e(a.due)}</td><td>${status}</td><td>${e(a.measure)}</td><td class="num">${latest}</td><td class="num">${e(a.target)}</td></tr>`;
}

function actionsHtml(m: PackModel): string {
  if (!m.actions) return '';
  const overdue = m.actions.filter((a) => a.overdue).length;
  return `<section class="page" id="s-actions"><h2>Action plan status</h2>
<p>${m.actions.length} action${m.actions.length === 1 ? '' : 's'}; ${overdue} overdue (not complete and due before the as-of date ${e(m.asOf)}). “Latest” is the measure's headline: its latest complete quarter up to ${e(m.quarter)}, in publication form.</p>
<table class="actions"><colgroup><col class="a-id"><col class="a-title"><col class="a-owner"><col class="a-due"><col class="a-status"><col class="a-measure"><col class="a-latest"><col class="a-target"></colgroup>
<thead><tr><th scope="col">Action</th><th scope="col">Title</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Measure</th><th scope="col" class="num">Latest</th><th scope="col" class="num">Target</th></tr></thead>
<tbody>${m.actions.map(actionRow).join('\n')}</tbody></table></section>`;
}

function qualityHtml(m: PackModel): string {
  const q = m.quality;
  const rows = q.tables
    .map((t) => {
      const main = `<tr><td><strong>${e(t.table)}</strong></td><td class="num">${n(t.read)}</td><td class="num">${n(t.loaded)}</td><td class="num">${n(t.rejected)}</td><td class="num">${n(t.warnings)}</td><td>${t.warningColumns.map((w) => `${e(w.column)} ${n(w.count)}`).join(', ')}</td></tr>`;
      const parts =
        t.parts.length > 1
          ? t.parts.map((p) => `<tr><td>&nbsp;&nbsp;${e(p.file)}</td><td class="num">${n(p.read)}</td><td class="num">${n(p.loaded)}</td><td class="num">${n(p.rejected)}</td><td class="num">${n(p.warnings)}</td><td></td></tr>`).join('')
          : '';
      return main + parts;
    })
    .join('\n');
  const list = (title: string, items: { file: string; reason: string }[]) =>
    items.length ? `<h3>${title}</h3><ul>${items.map((f) => `<li>${e(f.file)}: ${e(f.reason)}</li>`).join('')}</ul>` : '';
  return `<section id="s-quality"><h2>Data quality</h2>
<p>Every row read is either loaded or rejected (rejected rows are not counted in any measure). Warnings are optional values that were invalid and set to empty. These are counts of file rows, not of children, so they are not suppressed.</p>
<table class="quality"><thead><tr><th scope="col">Table</th><th scope="col" class="num">Read</th><th scope="col" class="num">Loaded</th><th scope="col" class="num">Rejected</th><th scope="col" class="num">Warnings</th><th scope="col">Warnings by column</th></tr></thead>
<tbody>${rows}</tbody></table>
${q.refused.length ? list('Refused files', q.refused) : '<p>No file was refused.</p>'}
${list('Files not used', q.unused)}
${q.missingRequired.length ? `<p class="missing">Missing required table: ${q.missingRequired.map(e).join(', ')}</p>` : ''}
${q.ignoredColumns.length ? `<h3>Columns ignored</h3><ul>${q.ignoredColumns.map((c) => `<li>${e(c.file)}: ${c.columns.map(e).join(', ')}</li>`).join('')}</ul>` : ''}
</section>`;
}

function definitionsHtml(m: PackModel): string {
  return `<section class="page" id="s-definitions"><h2>Appendix: definitions</h2>
<p class="small">Each measure as defined in the product's specification (metrics.md), in the order of the questions.</p>
<div class="defs">${m.definitions
    .map((d) => {
      const items: [string, string | null][] = [
        ['Numerator', d.numerator],
        ['Denominator', d.denominator],
        ['Unit', d.unit],
        ['Period', d.attribution],
        ['Look-back', d.lookBack],
        ['Follow-up', d.followUp],
        ['Direction', d.polarity],
        ['National', d.national]
      ];
      return `<div class="defn"><h3>${e(d.title)} <span class="small">(${e(d.id)})</span></h3><p>${e(d.definition)}</p><p>${items
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `<span class="k">${k}:</span> ${e(v)}`)
        .join('. ')}.</p></div>`;
    })
    .join('\n')}</div>
</section>`;
}

function footerHtml(m: PackModel): string {
  const f = m.footer;
  return `<section id="s-reproducibility"><h2>Reproducibility</h2>
<p>Neglect Monitor version ${e(f.version)}; quarter ${e(f.quarter)}; as-of date ${e(f.asOf)}; ${n(f.rowsLoaded)} rows loaded. The same files and as-of date give the same figures.</p>
<table class="files"><thead><tr><th scope="col">File</th><th scope="col" class="num">Bytes</th><th scope="col">SHA-256</th></tr></thead>
<tbody>${f.files.map((x) => `<tr><td>${e(x.name)}</td><td class="num">${n(x.bytes)}</td><td class="hash">${e(x.sha256)}</td></tr>`).join('\n')}</tbody></table>
</section>`;
}

/**
 * The pack's content without the document around it (for the browser's print view, which styles it
 * with scopedPrintCss). Every text from the data in it is escaped, as in packHtml.
 */
export function packBodyHtml(m: PackModel, opts: HtmlOptions = {}): string {
  const chart = opts.chart ?? ((c: PackChart) => spcSvg(c));
  return `${coverHtml(m)}
${summaryHtml(m)}
${m.sections.map((s, i) => sectionHtml(s, chart, i === 0)).join('\n')}
${localitiesHtml(m)}
${actionsHtml(m)}
${qualityHtml(m)}
${definitionsHtml(m)}
${footerHtml(m)}`;
}

export function packHtml(m: PackModel, opts: HtmlOptions = {}): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${e(m.partnership)}: board pack ${e(m.quarter)}</title>
<style>${PRINT_CSS}</style></head>
<body>
${packBodyHtml(m, opts)}
</body></html>
`;
}

/** Footer template for every printed page (chromium header/footer template: inline styles only). */
export function pageFooterTemplate(m: PackModel): string {
  return `<div style="font-size:7pt;font-family:Arial,sans-serif;width:100%;padding:0 14mm;color:#555;display:flex;justify-content:space-between"><span>${e(m.partnership)} - board pack ${e(m.quarter)} - data as of ${e(m.asOf)} - Neglect Monitor v${e(m.footer.version)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
