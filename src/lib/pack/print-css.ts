/** Print CSS of the board pack: A4 portrait, nothing cut across pages. */
export const PRINT_CSS = `
@page { size: A4 portrait; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.3; color: #1f2a33; margin: 0; }
h1 { font-size: 24pt; margin: 0 0 3mm; color: #0b3d63; line-height: 1.1; }
h2 { font-size: 14pt; margin: 0 0 2.5mm; color: #0b3d63; border-bottom: 1.5pt solid #0b3d63; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.8mm; }
ul { margin: 0 0 2mm; padding-left: 5mm; }
li { margin: 0 0 1mm; }
.page { break-before: page; page-break-before: always; }
.kicker { font-size: 11pt; color: #445; text-transform: uppercase; letter-spacing: 0.04em; margin: 6mm 0 2mm; }
.cover .meta { font-size: 12pt; margin-bottom: 4mm; }
.cover .note { font-size: 8pt; color: #333; margin-bottom: 5mm; }
.cover h2 { margin-top: 2mm; }
.big { font-size: 12pt; }
.summary h3 { margin-top: 3mm; padding-left: 2mm; border-left: 3pt solid #A6A6A6; }
.summary h3.improved { border-left-color: #00B0F0; }
.summary h3.worse { border-left-color: #E46C0A; }
.summary h3.watch { border-left-color: #490092; }
.summary li { break-inside: avoid; page-break-inside: avoid; }
.section { margin-top: 3mm; }
.section > h2 { margin-top: 1mm; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm 6mm; }
.metric { break-inside: avoid; page-break-inside: avoid; min-width: 0; }
.metric h3 { font-size: 10pt; margin: 0; }
.metric .question { font-size: 7.5pt; margin: 0 0 1mm; }
.metric .headline { margin: 0 0 0.5mm; }
.metric .sentence { font-size: 7.5pt; line-height: 1.25; margin: 0 0 1mm; }
.chart svg { width: 100%; height: auto; display: block; }
.key { font-size: 7pt; line-height: 1.3; color: #333; margin: 0.5mm 0 1mm; }
.key .mk { vertical-align: -1px; margin: 0 0.6mm 0 1.2mm; }
.key .ln { display: inline-block; width: 5mm; height: 0; border-top: 1.2pt solid #4a4a4a; vertical-align: middle; margin-right: 0.8mm; }
.key .ln.dashed { border-top: 1.2pt dashed #6b6b6b; }
.key .ln.dotted { border-top: 1.2pt dotted #6b6b6b; }
.question { color: #444; font-style: italic; }
.missing { border-left: 3pt solid #E46C0A; padding: 1.5mm 3mm; background: #fff6ee; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 1mm 0 2mm; table-layout: fixed; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #b8c2ca; padding: 0.4mm 1.2mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #e8eef3; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.quarters { font-size: 7.5pt; margin: 0; }
table.quarters tr.hl td { font-weight: bold; background: #f3f7fa; }
table.headlines { font-size: 8pt; }
table.headlines th[scope=row] { background: none; font-weight: bold; }
.c-measure { width: 24%; }
.c-value { width: 18%; }
.c-change { width: 16%; }
.c-var { width: 14%; }
.c-target { width: 12%; }
.locs { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm 6mm; }
.loc { break-inside: avoid; page-break-inside: avoid; min-width: 0; }
.loc table { font-size: 7.5pt; margin: 0; }
.loc caption { text-align: left; font-weight: bold; font-size: 8pt; padding: 0 0 0.6mm; }
.loc tr.total td { font-weight: bold; background: #f3f7fa; }
table.actions { font-size: 7.5pt; }
.a-id { width: 8%; }
.a-title { width: 27%; }
.a-owner { width: 9%; }
.a-due { width: 10%; }
.a-status { width: 9%; }
.a-measure { width: 19%; }
.a-latest { width: 10%; }
.a-target { width: 8%; }
.icon { display: inline-block; min-width: 3.6mm; height: 3.6mm; line-height: 3.6mm; border-radius: 50%; color: #fff; text-align: center; font-weight: bold; font-size: 7pt; margin-right: 1mm; vertical-align: middle; }
.icon.assurance { border-radius: 0.8mm; }
.overdue { color: #a33b00; font-weight: bold; }
.defs { column-count: 2; column-gap: 6mm; font-size: 7.5pt; line-height: 1.25; }
.defn { break-inside: avoid; page-break-inside: avoid; margin: 0 0 2.5mm; }
.defn h3 { font-size: 8.5pt; margin: 0 0 0.5mm; }
.defn p { margin: 0 0 0.5mm; }
.defn .k { color: #555; font-weight: bold; }
#s-quality, #s-reproducibility { margin-top: 6mm; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 6.5pt; }
table.files th:first-child { width: 30%; }
table.files th:nth-child(2) { width: 12%; }
table.quality th:first-child { width: 22%; }
table.quality th:last-child { width: 34%; }
table.quarters th:first-child { width: 34%; }
.small { font-size: 7.5pt; color: #444; }
.nowrap { white-space: nowrap; }
`;

/**
 * PRINT_CSS for the pack shown inside a page (the browser's print view): every rule scoped under
 * `scope` (html, body and * become the scope itself), @page kept. Relies on PRINT_CSS's layout of
 * one rule per line.
 */
export function scopedPrintCss(scope: string): string {
  return PRINT_CSS.split('\n')
    .map((line) => {
      const brace = line.indexOf('{');
      if (brace < 0 || line.startsWith('@')) return line;
      const selectors = line
        .slice(0, brace)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => (s === 'html' || s === 'body' ? scope : s === '*' ? `${scope}, ${scope} *` : `${scope} ${s}`));
      return `${selectors.join(', ')} ${line.slice(brace)}`;
    })
    .join('\n');
}

/** Print rules of the site around the pack: only the pack is printed (no header, nav or footers). */
export const SITE_PRINT_CSS = `
@media print {
  .skip, header.top, [data-engine], .repro, footer.foot, .no-print { display: none !important; }
  html, body { background: #fff !important; }
  main { padding: 0 !important; max-width: none !important; margin: 0 !important; }
}
`;
