/**
 * CSV cells the product writes, and the contract's rule for formula-looking text (OWASP CSV
 * injection): every written cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading single quote, and a loaded value that is a single quote followed by one of
 * those characters loses the quote, so that an exported file loads back unchanged. The one place
 * the rule is written: every CSV writer calls csvCell; the loader uses sqlUnneutralise.
 */

/** The characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'] as const;

const STARTS_FORMULA = /^[=+\-@\t\r]/;

/** Text with a leading single quote when it begins like a formula. */
export function neutralise(text: string): string {
  return STARTS_FORMULA.test(text) ? `'${text}` : text;
}

/** The inverse of neutralise: a single quote followed by a formula start loses the quote. */
export function unneutralise(text: string): string {
  return text.length > 1 && text[0] === "'" && STARTS_FORMULA.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * One CSV cell: null as empty; text neutralised (numbers are written as numbers); quoted, with its
 * quotes doubled, when it holds a comma, a quote, a line break, or spaces at either end (which the
 * loader would trim).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutralise(v) : String(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * SQL: the expression `x` (VARCHAR) with unneutralise applied. The second character is looked up
 * in a string of the formula starts (a tab and a carriage return written as themselves): DuckDB
 * plans an IN list of six values as a join, a pass over every row.
 */
export function sqlUnneutralise(x: string): string {
  return `CASE WHEN starts_with(${x}, '''') AND strlen(${x}) > 1 AND contains('${FORMULA_STARTS.join('')}', substr(${x}, 2, 1)) THEN substr(${x}, 2) ELSE ${x} END`;
}
