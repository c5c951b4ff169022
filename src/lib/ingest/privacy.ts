/**
 * The privacy guard: refuse a file whose column names point to a direct identifier, or any of whose
 * columns holds what look like NHS numbers or Unique Pupil Numbers. The value checks run in SQL on
 * the staged (all-VARCHAR) table.
 */
import { ident, type Engine } from '../engine/types';
import { normaliseName } from '../contract/tables';

const WHOLE_NAMES = new Set([
  'name',
  'first_name',
  'last_name',
  'full_name',
  'child_name',
  'date_of_birth',
  'ni_number',
  'national_insurance_number'
]);
const WORDS = new Set([
  'forename',
  'surname',
  'firstname',
  'lastname',
  'fullname',
  'address',
  'postcode',
  'nhs',
  'upn',
  'dob',
  'phone',
  'telephone',
  'mobile',
  'email'
]);

/** The reason a column name is refused (the word or name it matched), or null when it is fine. */
export function identifierInColumnName(header: string): string | null {
  const n = normaliseName(header);
  if (WHOLE_NAMES.has(n)) return n;
  for (const w of n.split('_')) if (WORDS.has(w)) return w;
  return null;
}

/** SQL: the text with spaces removed is an NHS number passing the Modulus 11 check. `s` is 10 digits. */
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

/** Check every column of a staged table (`c0..cN`) for NHS numbers and UPNs; the refusal, or null. */
export async function identifierValues(
  engine: Engine,
  raw: string,
  headers: readonly string[],
  file: string
): Promise<string | null> {
  if (headers.length === 0) return null;
  // normalise each column once; CASE keeps the regexp and the check to the few candidate values
  const norm = headers
    .map((_, i) => `replace(trim(${ident('c' + i)}), ' ', '') AS _n${i}, upper(trim(${ident('c' + i)})) AS _u${i}`)
    .join(', ');
  const parts: string[] = [];
  headers.forEach((_, i) => {
    const isNhs = `CASE WHEN length(_n${i}) = 10 THEN regexp_full_match(_n${i}, '\\d{10}') ELSE false END`;
    const isUpn = `CASE WHEN length(_u${i}) = 13 THEN regexp_full_match(_u${i}, '[A-Z]\\d{12}') ELSE false END`;
    parts.push(
      `count_if(${isNhs}) AS n${i}`,
      `count_if(CASE WHEN ${isNhs} THEN ${sqlNhsCheck('_n' + i)} END) AS k${i}`,
      `count_if(${isUpn}) AS u${i}`,
      `count_if(CASE WHEN ${isUpn} THEN ${sqlUpnCheck('_u' + i)} END) AS v${i}`
    );
  });
  const [row] = await engine.query(`SELECT ${parts.join(', ')} FROM (SELECT ${norm} FROM ${ident(raw)})`);
  if (!row) return null;
  for (let i = 0; i < headers.length; i++) {
    const n = Number(row['n' + i]);
    const k = Number(row['k' + i]);
    const u = Number(row['u' + i]);
    const v = Number(row['v' + i]);
    const col = headers[i] ?? `column ${i + 1}`;
    if (n > 0 && k >= 0.9 * n) {
      return `${file} refused: column '${col}' holds what look like NHS numbers (${k} of ${n} ten-digit values pass the NHS number check). Remove that column, or replace its values with pseudonymous ids, and export the file again.`;
    }
    if (u > 0 && v >= 0.9 * u) {
      return `${file} refused: column '${col}' holds what look like Unique Pupil Numbers (${v} of ${u} values carry a valid UPN check letter). Remove that column, or replace its values with pseudonymous ids, and export the file again.`;
    }
  }
  return null;
}

/** Refusal for identifier-like column names, or null. */
export function identifierNames(headers: readonly string[], file: string): string | null {
  for (const h of headers) {
    const why = identifierInColumnName(h);
    if (why) {
      return `${file} refused: column '${h}' looks like a direct identifier ('${why}'). Remove that column and export the file again; extracts must be anonymised.`;
    }
  }
  return null;
}
