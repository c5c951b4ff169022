/**
 * SQL expressions that read one trimmed text value (`t`, NULL when empty) as a field of the contract:
 * a candidate typed value (NULL when the text is not of the right form) and the reason, in plain
 * words, when the value is not acceptable. All set-based: the same expression runs over every row.
 */
import { lit } from '../engine/types';
import type { FieldSpec } from '../contract/tables';

/** `H:MM` or `HH:MM[:SS[.fff]]`, optional `Z` or `+HH:MM` / `-HH:MM`, after a space or `T`. */
const TIME =
  '(?:[ T](?:\\d:[0-5]\\d|(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,3})?)?)(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)?)?';
export const ISO_DATE_RE = '\\d{4}-\\d{2}-\\d{2}' + TIME;
export const UK_DATE_RE = '\\d{1,2}/\\d{1,2}/\\d{4}' + TIME;

/**
 * Enum normalisation in SQL: lower case, spaces and hyphens as underscores. Two plain replaces, not
 * one regexp_replace of '[ -]': the same text at a fraction of the cost over 1M rows.
 */
export function sqlNorm(t: string): string {
  return `replace(replace(lower(${t}), ' ', '_'), '-', '_')`;
}

function enumMap(f: FieldSpec): [string, string][] {
  const pairs: [string, string][] = (f.values ?? []).map((v) => [v, v]);
  for (const [a, v] of Object.entries(f.aliases ?? {})) pairs.push([a, v]);
  return pairs;
}

/** CASE mapping an already-normalised text expression to the canonical enum value (NULL if none). */
export function sqlEnumLookup(f: FieldSpec, normalised: string): string {
  const whens = enumMap(f)
    .map(([a, v]) => `WHEN ${lit(a)} THEN ${lit(v)}`)
    .join(' ');
  return `(CASE ${normalised} ${whens} END)`;
}

function listText(f: FieldSpec): string {
  const v = f.values ?? [];
  return v.length > 14 ? 'a metric id from metrics.md' : v.join(', ');
}

/**
 * The normalised text a field's candidate is looked up from (enum: sqlNorm, bool: lower case), or
 * null for the other kinds. A caller that computes it once in its own column passes that column to
 * sqlCandidate as `norm`: written inline, `CASE <norm> WHEN .. WHEN ..` recomputes it for every WHEN.
 */
export function sqlNormalised(f: FieldSpec, t: string): string | null {
  if (f.kind === 'enum') {
    // a value already written as a canonical value is its own normal form: only the others are
    // lower-cased and replaced (at 1M rows of canonical values, most of the cost of the lookup)
    const own = (f.values ?? []).filter((v) => v === v.toLowerCase().replaceAll(' ', '_').replaceAll('-', '_'));
    if (own.length === 0) return sqlNorm(t);
    return `(CASE ${t} ${own.map((v) => `WHEN ${lit(v)} THEN ${t}`).join(' ')} ELSE ${sqlNorm(t)} END)`;
  }
  if (f.kind === 'bool') return `lower(${t})`;
  return null;
}

/**
 * Candidate typed value of text `t`, NULL when `t` is NULL or not of the field's form. `norm`: a
 * column holding sqlNormalised(f, t), for the kinds that have one.
 */
export function sqlCandidate(f: FieldSpec, t: string, norm?: string): string {
  switch (f.kind) {
    case 'id':
      return `(CASE WHEN regexp_full_match(${t}, '[A-Za-z0-9_.\\-]{1,64}') THEN ${t} END)`;
    case 'text':
      return t;
    case 'date':
      // the usual form first (YYYY-MM-DD, ten characters: the ISO pattern with no time), by a
      // simpler pattern and a cast of the text itself
      return (
        `(CASE WHEN strlen(${t}) = 10 AND regexp_full_match(${t}, '\\d{4}-\\d{2}-\\d{2}') THEN TRY_CAST(${t} AS DATE)` +
        ` WHEN regexp_full_match(${t}, '${ISO_DATE_RE}') THEN TRY_CAST(substr(${t}, 1, 10) AS DATE)` +
        ` WHEN regexp_full_match(${t}, '${UK_DATE_RE}') THEN TRY_CAST(` +
        `regexp_extract(${t}, '^\\d{1,2}/\\d{1,2}/(\\d{4})', 1) || '-' || ` +
        `lpad(regexp_extract(${t}, '^\\d{1,2}/(\\d{1,2})/', 1), 2, '0') || '-' || ` +
        `lpad(regexp_extract(${t}, '^(\\d{1,2})/', 1), 2, '0') AS DATE) END)`
      );
    case 'month':
      return `(CASE WHEN regexp_full_match(${t}, '\\d{4}-\\d{2}') THEN TRY_CAST(${t} || '-01' AS DATE) END)`;
    case 'bool':
      return `(CASE ${norm ?? `lower(${t})`} WHEN 'true' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN 'no' THEN false WHEN 'n' THEN false WHEN '0' THEN false END)`;
    case 'int':
      return `(CASE WHEN regexp_full_match(${t}, '-?\\d{1,9}(\\.0+)?') THEN CAST(regexp_extract(${t}, '^(-?\\d+)', 1) AS BIGINT) END)`;
    case 'number':
      return `(CASE WHEN regexp_full_match(${t}, '[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?') THEN TRY_CAST(${t} AS DOUBLE) END)`;
    case 'quarter':
      return (
        `(CASE WHEN regexp_full_match(${t}, '\\d{4}-\\d{2} ?[Qq][1-4]') AND ` +
        `(CAST(substr(${t}, 1, 4) AS INTEGER) + 1) % 100 = CAST(substr(${t}, 6, 2) AS INTEGER) ` +
        `THEN substr(${t}, 1, 7) || ' Q' || right(${t}, 1) END)`
      );
    case 'enum':
      return sqlEnumLookup(f, norm ?? sqlNorm(t));
    case 'agency_list':
      // the list of non-empty trimmed elements, normalised; mapping happens in sqlAgencyList
      return `(CASE WHEN ${t} IS NULL THEN []::VARCHAR[] ELSE list_filter(list_transform(string_split(${t}, ';'), x -> ${sqlNorm('trim(x)')}), x -> x <> '') END)`;
  }
}

/** Canonical agencies of a candidate element list (invalid elements dropped). */
export function sqlAgencyList(f: FieldSpec, c: string): string {
  return `list_filter(list_transform(${c}, x -> ${sqlEnumLookup(f, 'x')}), x -> x IS NOT NULL)`;
}

/** Elements of a candidate list that are not agencies, joined for the warning text. */
export function sqlAgencyListDropped(f: FieldSpec, c: string): string {
  return `array_to_string(list_filter(${c}, x -> ${sqlEnumLookup(f, 'x')} IS NULL), ', ')`;
}

/**
 * Reason the value is unacceptable (NULL when acceptable or empty). `c` is the candidate column,
 * `today` a SQL DATE literal. Cross-field rules (notBefore, maxField) are handled by the caller.
 */
export function sqlError(f: FieldSpec, t: string, c: string, today: string): string {
  const bad = (cond: string, reason: string) => `WHEN ${cond} THEN ${lit(reason)}`;
  const whens: string[] = [];
  switch (f.kind) {
    case 'id':
      whens.push(bad(`${c} IS NULL`, 'not a valid id: use 1 to 64 characters of A-Z a-z 0-9 _ - .'));
      break;
    case 'text':
      whens.push(bad(`length(${c}) > ${f.maxLength ?? 64}`, `longer than ${f.maxLength ?? 64} characters`));
      break;
    case 'date':
      whens.push(
        `WHEN ${c} IS NULL AND (regexp_full_match(${t}, '${ISO_DATE_RE}') OR regexp_full_match(${t}, '${UK_DATE_RE}')) THEN 'not a real calendar date'`
      );
      whens.push(bad(`${c} IS NULL`, 'not a date: use YYYY-MM-DD or DD/MM/YYYY'));
      whens.push(bad(`${c} < DATE '2000-01-01'`, 'before 2000-01-01'));
      if (!f.allowFuture) whens.push(`WHEN ${c} > ${today} THEN 'after today (' || CAST(${today} AS VARCHAR) || ')'`);
      break;
    case 'month':
      whens.push(bad(`${c} IS NULL`, 'not a month: use YYYY-MM'));
      whens.push(bad(`${c} < DATE '1990-01-01'`, 'before 1990-01'));
      whens.push(
        `WHEN ${c} > CAST(date_trunc('month', ${today}) + INTERVAL 12 MONTH AS DATE) THEN 'more than 12 months after today'`
      );
      break;
    case 'bool':
      whens.push(bad(`${c} IS NULL`, 'not true/false, yes/no, y/n or 1/0'));
      break;
    case 'int': {
      const range =
        f.max !== undefined ? `a whole number from ${f.min ?? 0} to ${f.max}` : `a whole number, at least ${f.min ?? 0}`;
      whens.push(bad(`${c} IS NULL`, `not ${range}`));
      if (f.min !== undefined) whens.push(bad(`${c} < ${f.min}`, `not ${range}`));
      if (f.max !== undefined) whens.push(bad(`${c} > ${f.max}`, `not ${range}`));
      break;
    }
    case 'number':
      whens.push(bad(`${c} IS NULL`, 'not a number'));
      break;
    case 'quarter':
      whens.push(bad(`${c} IS NULL`, "not a financial-year quarter like '2025-26 Q1'"));
      break;
    case 'enum':
      whens.push(bad(`${c} IS NULL`, `not one of the accepted values (${listText(f)})`));
      break;
    case 'agency_list':
      return 'NULL';
  }
  return `(CASE WHEN ${t} IS NULL THEN NULL ${whens.join(' ')} END)`;
}
