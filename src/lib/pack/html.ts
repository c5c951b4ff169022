/**
 * The board pack as one self-contained HTML document (print CSS inline, charts as inline SVG).
 * Pure: the same function serves the PDF (printed by chromium) and a browser print view. Every text
 * that could come from data (file names, titles, owners, localities, reasons) is escaped.
 */
import { escapeHtml } from '../charts/format';
import { formatCount, formatPeriod } from '../stats/narrative';
import { spcSvg } from './chart-svg';
import { PRINT_CSS } from './print-css';
import type { IconWords, PackAction, PackChart, PackMetric, PackModel, PackSection, PackTile } from './model';

const e = (s: string | number | null | undefined): string => (s === null || s === undefined ? '' : escapeHtml(String(s)));
/** A count of file rows with thousands separators (12345 -> "12,345"). */
const n = (x: number): string => formatCount(x);

export interface HtmlOptions {
  /** Renders a chart to SVG text; default: ECharts server-side SVG. */
  chart?: (chart: PackChart) => string;
}

function icon(w: IconWords | null, kind: 'variation' | 'assurance'): string {
  if (!w) return '';
  return `<span class="icon ${kind}" style="background:${e(w.colour)}" aria-hidden="true">${e(w.letter)}</span>${e(w.words)}`;
}

function tileHtml(t: PackTile): string {
  if (t.missing) {
    return `<section class="tile"><h3>${e(t.title)}</h3><p class="missing">${e(t.missing)}</p></section>`;
  }
  const when = `${e(formatPeriod(t.period))}${t.partial ? ' (period not yet over)' : t.complete ? '' : ' (follow-up window not yet complete)'}`;
  const rows: [string, string][] = [
    [`vs previous quarter ${e(t.previous.period)}`, e(t.previous.text)],
    [`vs a year earlier ${e(t.yearAgo.period)}`, e(t.yearAgo.text)],
    ['National', t.national ? e(t.national) : 'none published'],
    ['Variation', t.variation ? icon(t.variation, 'variation') : 'not enough complete points to judge']
  ];
  if (t.target) rows.push(['Target', e(t.target)]);
  if (t.assurance) rows.push(['Assurance', icon(t.assurance, 'assurance')]);
  return `<section class="tile"><h3>${e(t.title)}</h3>
<div><span class="value">${e(t.latest)}</span> <span class="small">${when}</span></div>
<ul>${rows.map(([k, v]) => `<li><span class="k">${k}:</span> ${v}</li>`).join('')}</ul></section>`;
}

function coverHtml(m: PackModel): string {
  return `<section class="cover">
<h1>${e(m.title)}</h1>
<p class="meta"><strong>Quarter:</strong> ${e(m.quarter)} &nbsp; <strong>Data as of:</strong> ${e(m.asOf)}</p>
<p class="note">Figures in publication form: a count of 1 to 5, a rate whose numerator or remainder is 1 to 5, and a duration resting on 1 to 5 items are shown as <strong>c</strong>, with a second figure hidden where one hidden value could otherwise be worked out. Changes compare the quarter with the previous quarter and the same quarter a year earlier. Variation uses NHS England's Making Data Count rules on monthly values where the measure has them.</p>
<h2>Headlines</h2>
<div class="tiles">${m.tiles.map(tileHtml).join('\n')}</div>
</section>`;
}

function metricTable(mt: PackMetric): string {
  const c = mt.columns;
  const head = ['Quarter', ...(c.numerator ? [c.numerator] : []), ...(c.denominator ? [c.denominator] : []), c.value, ...(c.p90 ? [c.p90] : []), 'Note'];
  const body = mt.table
    .map((r) => {
      const cells = [
        `<td>${e(r.period)}</td>`,
        ...(c.numerator ? [`<td class="num">${e(r.numerator)}</td>`] : []),
        ...(c.denominator ? [`<td class="num">${e(r.denominator)}</td>`] : []),
        `<td class="num">${e(r.value)}</td>`,
        ...(c.p90 ? [`<td class="num">${e(r.p90)}</td>`] : []),
        `<td>${e(r.note)}</td>`
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table><caption class="small">${e(mt.title)}: the last ${mt.table.length} quarters (c = suppressed)</caption>
<thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>
<tbody>${body}</tbody></table>`;
}

function metricHtml(mt: PackMetric, chart: (c: PackChart) => string): string {
  const head = `<h3>${e(mt.title)}</h3><p class="question">${e(mt.question)}</p>`;
  if (mt.missing) return `<article class="metric" id="m-${e(mt.id)}">${head}<p class="missing">${e(mt.missing)}</p></article>`;
  const ch = mt.chart;
  const trial = ch?.spc.segments.some((s) => s.trial) ?? false;
  const legend = ch
    ? `<p class="small">SPC chart, value each ${ch.grain}. Grey line: mean; dashed lines: process limits${trial ? ' (dotted: trial limits, fewer than 12 points)' : ''}. Hollow points are left out of the limits (period not over or window not complete). ${ch.hidden.length ? `Gaps: ${ch.hidden.length} suppressed ${ch.grain === 'month' ? 'month' : 'quarter'}${ch.hidden.length === 1 ? '' : 's'} (c).` : ''}</p>`
    : '';
  // The heading, sentence and chart form one block that is never cut; the table may follow on the
  // next page (its rows are never cut and its header repeats).
  return `<article class="metric" id="m-${e(mt.id)}">
<div class="chart">${head}
<p>${e(mt.sentence)}</p>
${ch ? `${chart(ch)}${legend}` : ''}</div>
${metricTable(mt)}
</article>`;
}

function sectionHtml(s: PackSection, chart: (c: PackChart) => string): string {
  return `<section class="page section" id="s-${e(s.id)}"><h2>${e(s.title)}</h2>
${s.metrics.map((m) => metricHtml(m, chart)).join('\n')}
</section>`;
}

function actionRow(a: PackAction): string {
  const status = `${e(a.status.replaceAll('_', ' '))}${a.overdue ? ' <span class="overdue">(overdue)</span>' : ''}`;
  const latest = a.latest === null ? '' : `${e(a.latest)}${a.latestPeriod ? `<br><span class="small nowrap">${e(a.latestPeriod)}</span>` : ''}`;
  return `<tr><td>${e(a.id)}</td><td>${e(a.title)}</td><td>${e(a.owner.replaceAll('_', ' '))}</td><td class="nowrap">${e(a.due)}</td><td>${status}</td><td>${e(a.measure)}</td><td class="num">${latest}</td><td class="num">${e(a.target)}</td></tr>`;
}

function actionsHtml(m: PackModel): string {
  if (!m.actions) return '';
  const overdue = m.actions.filter((a) => a.overdue).length;
  return `<section class="page" id="s-actions"><h2>Action plan status</h2>
<p>${m.actions.length} action${m.actions.length === 1 ? '' : 's'}; ${overdue} overdue (not complete and due before the as-of date ${e(m.asOf)}). Latest values are the measure's latest quarter up to ${e(m.quarter)}, in publication form.</p>
<table><thead><tr><th scope="col">Action</th><th scope="col">Title</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Measure</th><th scope="col">Latest</th><th scope="col">Target</th></tr></thead>
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
  return `<section class="page" id="s-quality"><h2>Data quality</h2>
<p>Every row read is either loaded or rejected (rejected rows are not counted in any measure). Warnings are optional values that were invalid and set to empty. These are counts of file rows, not of children, so they are not suppressed.</p>
<table><thead><tr><th scope="col">Table</th><th scope="col">Read</th><th scope="col">Loaded</th><th scope="col">Rejected</th><th scope="col">Warnings</th><th scope="col">Warnings by column</th></tr></thead>
<tbody>${rows}</tbody></table>
${q.refused.length ? list('Refused files', q.refused) : '<p>No file was refused.</p>'}
${list('Files not used', q.unused)}
${q.missingRequired.length ? `<p class="missing">Missing required table: ${q.missingRequired.map(e).join(', ')}</p>` : ''}
${q.ignoredColumns.length ? `<h3>Columns ignored</h3><ul>${q.ignoredColumns.map((c) => `<li>${e(c.file)}: ${c.columns.map(e).join(', ')}</li>`).join('')}</ul>` : ''}
</section>`;
}

function definitionsHtml(m: PackModel): string {
  return `<section class="page" id="s-definitions"><h2>Definitions</h2>
${m.definitions
  .map((d) => {
    const items: [string, string | null][] = [
      ['Question', d.section],
      ['Definition', d.definition],
      ['Numerator', d.numerator],
      ['Denominator', d.denominator],
      ['Unit', d.unit],
      ['Period', d.attribution],
      ['Look-back', d.lookBack],
      ['Follow-up', d.followUp],
      ['Polarity', d.polarity],
      ['National', d.national]
    ];
    return `<div class="defn"><h3>${e(d.title)} <span class="small">(${e(d.id)})</span></h3><dl>${items
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `<dt>${k}</dt><dd>${e(v)}</dd>`)
      .join('')}</dl></div>`;
  })
  .join('\n')}
</section>`;
}

function footerHtml(m: PackModel): string {
  const f = m.footer;
  return `<section class="page" id="s-reproducibility"><h2>Reproducibility</h2>
<p>Neglect Monitor version ${e(f.version)}; quarter ${e(f.quarter)}; as-of date ${e(f.asOf)}; ${n(f.rowsLoaded)} rows loaded. The same files and as-of date give the same figures.</p>
<table><thead><tr><th scope="col">File</th><th scope="col">Bytes</th><th scope="col">SHA-256</th></tr></thead>
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
${m.sections.map((s) => sectionHtml(s, chart)).join('\n')}
${actionsHtml(m)}
${qualityHtml(m)}
${definitionsHtml(m)}
${footerHtml(m)}`;
}

export function packHtml(m: PackModel, opts: HtmlOptions = {}): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${e(m.title)} - ${e(m.quarter)}</title>
<style>${PRINT_CSS}</style></head>
<body>
${packBodyHtml(m, opts)}
</body></html>
`;
}

/** Footer template for every printed page (chromium header/footer template: inline styles only). */
export function pageFooterTemplate(m: PackModel): string {
  return `<div style="font-size:7pt;font-family:Arial,sans-serif;width:100%;padding:0 14mm;color:#555;display:flex;justify-content:space-between"><span>${e(m.title)} - ${e(m.quarter)} - data as of ${e(m.asOf)} - v${e(m.footer.version)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}
