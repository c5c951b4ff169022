/**
 * The privacy guard (extract-contract.md, "Privacy guard"): refuse a file whose column names point
 * to a direct identifier, or any of whose columns holds what look like NHS numbers, full UK
 * postcodes or Unique Pupil Numbers; and the free-text rule that rejects a row whose title or
 * locality holds an NHS number or a full postcode. The value checks run in SQL on the staged
 * (all-VARCHAR) table.
 */
import { ident, type Engine } from '../engine/types';

const WHOLE_NAMES = new Set([
  'name',
  'first_name',
  'last_name',
  'full_name',
  'given_name',
  'family_name',
  'child_name',
  'date_of_birth',
  'birth_date',
  'ni_number',
  'national_insurance_number'
]);
const WORDS = new Set([
  'forename',
  'surname',
  'firstname',
  'lastname',
  'fullname',
  'givenname',
  'address',
  'addr',
  'postcode',
  'nhs',
  'upn',
  'dob',
  'birthdate',
  'phone',
  'telephone',
  'mobile',
  'email'
]);

/**
 * The contract's normalisation of a column name: camelCase and runs of capitals split
 * (`NHSNumber` -> `nhs_number`), lower case, every run of characters other than letters and digits
 * as one underscore.
 */
export function privacyName(header: string): string {
  return header
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The reason a column name is refused (the word or name it matched), or null when it is fine. */
export function identifierInColumnName(header: string): string | null {
  const n = privacyName(header);
  if (WHOLE_NAMES.has(n)) return n;
  const words = n.split('_');
  for (let i = 0; i < words.length; i++) {
    if (WORDS.has(words[i]!)) return words[i]!;
    const two = words[i]! + (words[i + 1] ?? '');
    if (i + 1 < words.length && WORDS.has(two)) return two;
  }
  return null;
}

/**
 * SQL: trim(x), with trim called only on the values it could change. DuckDB's trim removes spaces
 * and the Unicode space separators (all outside ASCII), so a value that neither begins with a
 * character below '!' nor ends with a space, and is all ASCII (as many bytes as characters), is its
 * own trim: at 1M rows the test costs a third of the trim.
 */
export function sqlTrim(x: string): string {
  return `CASE WHEN ${x} < '!' OR ends_with(${x}, ' ') OR strlen(${x}) <> length(${x}) THEN trim(${x}) ELSE ${x} END`;
}

/** SQL: the text `s` (exactly 10 digits) is an NHS number passing the Modulus 11 check. */
export function sqlNhsCheck(s: string): string {
  const d = (i: number) => `CAST(substr(${s}, ${i}, 1) AS INTEGER)`;
  const sum = Array.from({ length: 9 }, (_, k) => `${d(k + 1)} * ${10 - k}`).join(' + ');
  return `((11 - ((${sum}) % 11)) % 11) = ${d(10)}`;
}

/** SQL: `s` (a letter and 12 digits, upper case) carries a valid UPN check letter. */
export function sqlUpnCheck(s: string): string {
  const sum = Array.from({ length: 12 }, (_, k) => `CAST(substr(${s}, ${k + 2}, 1) AS INTEGER) * ${k + 2}`).join(' + ');
  return `substr(${s}, 1, 1) = substr('ABCDEFGHJKLMNPQRTUVWXYZ', ((${sum}) % 23) + 1, 1)`;
}

/** A full UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A), optional space, inward code (9AA). */
const POSTCODE = '[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}';

/**
 * SQL: `u` (trimmed, upper case) is a full UK postcode. Cheap tests first (length, a digit third
 * from the end, a letter last), so the pattern only runs on the few values that could match.
 */
export function sqlIsPostcode(u: string): string {
  return `CASE WHEN length(${u}) BETWEEN 5 AND 8 AND substr(${u}, -3, 1) BETWEEN '0' AND '9' AND substr(${u}, -1, 1) BETWEEN 'A' AND 'Z'
    THEN regexp_full_match(${u}, '${POSTCODE}') ELSE false END`;
}

/**
 * SQL: free text `x` holds what looks like an NHS number (10 digits run together or written 3-3-4
 * with spaces or hyphens, passing Modulus 11) or a full postcode.
 */
export function sqlFreeTextIdentifier(x: string): string {
  const nhs = `list_bool_or(list_transform(
      regexp_extract_all(${x}, '(?:^|[^0-9])([0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4})(?:[^0-9]|$)', 1),
      s -> ${sqlNhsCheck(`replace(replace(s, ' ', ''), '-', '')`)}))`;
  const postcode = `regexp_matches(upper(${x}), '(?:^|[^A-Z0-9])${POSTCODE}(?:[^A-Z0-9]|$)')`;
  return `(CASE WHEN ${x} IS NULL OR NOT regexp_matches(${x}, '[0-9]') THEN false ELSE coalesce(${nhs}, false) OR ${postcode} END)`;
}

/** Reason for a free-text value holding an identifier (the value is not echoed). */
export const FREE_TEXT_IDENTIFIER =
  'holds what looks like an NHS number or a full postcode: remove it (the value is not shown here)';

/** Free-text fields checked for identifiers, per table. */
export const FREE_TEXT_FIELDS: Record<string, readonly string[]> = {
  children: ['locality'],
  actions: ['title']
};

const REMOVE = 'Remove that column, or replace its values with pseudonymous ids, and export the file again.';

/**
 * Check every column of a staged table (`c0..cN`, or the given column names) for NHS numbers,
 * full postcodes and UPNs; the refusal, or null.
 */
export async function identifierValues(
  engine: Engine,
  raw: string,
  headers: readonly string[],
  file: string,
  columns: readonly string[] = headers.map((_, i) => 'c' + i)
): Promise<string | null> {
  return (await scanValues(engine, raw, headers, file, columns)).refusal;
}

export interface ValueScan {
  /** the privacy guard's refusal, or null */
  refusal: string | null;
  /**
   * Per column: every value is already as the loader reads it (no value has spaces at either end
   * or begins with a single quote, so trimming and unneutralising change nothing): the validation
   * can read the column as it is.
   */
  plain: boolean[];
}

/**
 * identifierValues, and in the same pass which columns are plain (ValueScan). Each value is
 * trimmed once; the costlier forms (spaces and hyphens removed, upper case) are made only for the
 * few values whose length and characters could match. `few[i]`: column i is expected to hold few
 * distinct values (a date or a code): its checks then run once per distinct value, weighted by how
 * often it occurs (the same counts, at a fraction of the cost when the values repeat).
 */
export async function scanValues(
  engine: Engine,
  raw: string,
  headers: readonly string[],
  file: string,
  columns: readonly string[] = headers.map((_, i) => 'c' + i),
  few: readonly boolean[] = []
): Promise<ValueScan> {
  if (headers.length === 0) return { refusal: null, plain: [] };
  /** The counts of column i, its values `_c<i>` trimmed as `_t<i>`; `n`: how many rows a value stands for. */
  const counts = (i: number, n: string | null): string[] => {
    const t = `_t${i}`;
    const count = (cond: string) => (n === null ? `count_if(${cond})` : `CAST(coalesce(sum(CASE WHEN ${cond} THEN ${n} END), 0) AS BIGINT)`);
    // ten digits once spaces and hyphens are removed: the text is digits, spaces and hyphens only
    const isNhs = `CASE WHEN strlen(${t}) >= 10 THEN regexp_full_match(${t}, '[ -]*(?:\\d[ -]*){10}') ELSE false END`;
    const digits = `replace(replace(${t}, ' ', ''), '-', '')`;
    // upper case keeps the number of characters, and never makes or unmakes a digit
    const isUpn = `CASE WHEN length(${t}) = 13 THEN regexp_full_match(upper(${t}), '[A-Z]\\d{12}') ELSE false END`;
    const isPostcode = `CASE WHEN length(${t}) BETWEEN 5 AND 8 AND substr(${t}, -3, 1) BETWEEN '0' AND '9' AND NOT (substr(${t}, -1, 1) BETWEEN '0' AND '9')
      THEN ${sqlIsPostcode(`upper(${t})`)} ELSE false END`;
    return [
      `${count(isNhs)} AS n${i}`,
      `${count(`CASE WHEN ${isNhs} THEN ${sqlNhsCheck(digits)} END`)} AS k${i}`,
      `${count(isUpn)} AS u${i}`,
      `${count(`CASE WHEN ${isUpn} THEN ${sqlUpnCheck(`upper(${t})`)} END`)} AS v${i}`,
      `${count(`${t} <> ''`)} AS e${i}`,
      `${count(`CASE WHEN starts_with(_c${i}, '''') THEN true ELSE ${t} <> _c${i} END`)} AS s${i}`,
      `${count(isPostcode)} AS p${i}`
    ];
  };
  const each = headers.flatMap((_, i) => (few[i] === true ? [] : [i]));
  const scans: string[] = [];
  if (each.length > 0) {
    const trimmed = each.map((i) => `${ident(columns[i]!)} AS _c${i}, ${sqlTrim(ident(columns[i]!))} AS _t${i}`).join(', ');
    scans.push(`(SELECT ${each.flatMap((i) => counts(i, null)).join(', ')} FROM (SELECT ${trimmed} FROM ${ident(raw)}))`);
  }
  headers.forEach((_, i) => {
    if (few[i] !== true) return;
    const distinct = `SELECT ${ident(columns[i]!)} AS _c${i}, count(*) AS _n FROM ${ident(raw)} GROUP BY ${ident(columns[i]!)}`;
    scans.push(`(SELECT ${counts(i, '_n').join(', ')} FROM (SELECT _c${i}, ${sqlTrim(`_c${i}`)} AS _t${i}, _n FROM (${distinct})))`);
  });
  const [row] = await engine.query(`SELECT * FROM ${scans.join(', ')}`);
  if (!row) return { refusal: null, plain: headers.map(() => false) };
  const plain = headers.map((_, i) => Number(row['s' + i]) === 0);
  const refused = (refusal: string): ValueScan => ({ refusal, plain });
  for (let i = 0; i < headers.length; i++) {
    const n = Number(row['n' + i]);
    const k = Number(row['k' + i]);
    const u = Number(row['u' + i]);
    const v = Number(row['v' + i]);
    const e = Number(row['e' + i]);
    const p = Number(row['p' + i]);
    const col = headers[i] ?? `column ${i + 1}`;
    if (n > 0 && k >= 0.5 * n) {
      return refused(`${file} refused: column '${col}' holds what look like NHS numbers (${k} of ${n} ten-digit values pass the NHS number check). ${REMOVE}`);
    }
    if (e > 0 && p >= 0.5 * e) {
      return refused(
        `${file} refused: column '${col}' holds full postcodes (${p} of ${e} values). Remove that column, or give only an area's name (a locality), and export the file again.`
      );
    }
    if (u > 0 && v >= 0.9 * u) {
      return refused(`${file} refused: column '${col}' holds what look like Unique Pupil Numbers (${v} of ${u} values carry a valid UPN check letter). ${REMOVE}`);
    }
  }
  return { refusal: null, plain };
}

/** Refusal for identifier-like column names (nested Parquet fields by their path), or null. */
export function identifierNames(headers: readonly string[], file: string): string | null {
  for (const h of headers) {
    const why = identifierInColumnName(h);
    if (why) {
      return `${file} refused: column '${h}' looks like a direct identifier ('${why}'). Remove that column and export the file again; extracts must be anonymised.`;
    }
  }
  return null;
}
