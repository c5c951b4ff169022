/** Print CSS of the board pack: A4 portrait, nothing cut across pages. */
export const PRINT_CSS = `
@page { size: A4 portrait; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.35; color: #1f2a33; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 3mm; color: #0b3d63; }
h2 { font-size: 15pt; margin: 0 0 3mm; color: #0b3d63; border-bottom: 1.5pt solid #0b3d63; padding-bottom: 1mm; }
h3 { font-size: 11.5pt; margin: 0 0 1.5mm; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm; }
.page { break-before: page; page-break-before: always; }
.cover .meta { font-size: 11pt; margin-bottom: 3mm; }
.cover .note { font-size: 7.5pt; color: #444; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
.tile { border: 0.75pt solid #9aa7b1; border-radius: 2mm; padding: 1.5mm 2mm; break-inside: avoid; page-break-inside: avoid; }
.tile h3 { font-size: 9pt; margin-bottom: 1mm; }
.tile .value { font-size: 14pt; font-weight: bold; line-height: 1.1; }
.tile ul { list-style: none; padding: 0; margin: 0.5mm 0 0; font-size: 7pt; line-height: 1.25; }
.tile li { margin: 0 0 0.4mm; }
.tile .k { color: #444; }
.icon { display: inline-block; min-width: 4mm; height: 4mm; line-height: 4mm; border-radius: 50%; color: #fff; text-align: center; font-weight: bold; font-size: 8pt; margin-right: 1.5mm; vertical-align: middle; }
.icon.assurance { border-radius: 1mm; }
.metric { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
.metric > table { break-before: avoid; page-break-before: avoid; }
.chart { break-inside: avoid; page-break-inside: avoid; }
.chart svg { width: 100%; height: auto; display: block; }
.question { color: #444; font-style: italic; }
.missing { border-left: 3pt solid #E46C0A; padding: 1.5mm 3mm; background: #fff6ee; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 1mm 0 2mm; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #b8c2ca; padding: 0.4mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e8eef3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.overdue { color: #a33b00; font-weight: bold; }
.defn { break-inside: avoid; page-break-inside: avoid; margin: 0 0 3mm; }
.defn dl { display: grid; grid-template-columns: 28mm 1fr; gap: 0.5mm 2mm; margin: 0; font-size: 8.5pt; }
.defn dt { color: #444; }
.defn dd { margin: 0; }
.hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 7pt; word-break: break-all; }
.small { font-size: 8.5pt; color: #444; }
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
