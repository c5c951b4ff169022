/**
 * Reading the coded and dated values of the census and Annex A into contract values
 * (imports.md, "CIN census XML" and "Ofsted Annex A workbook"). Pure functions; nothing here keeps
 * or echoes a value.
 */
import { AGENCIES, AGENCY_ALIASES, type Agency } from '../contract/agencies';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function validYmd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `n` ASCII digits of `s` from `at`, or -1. */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${TIME}$`);
const UK = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);

/** A contract text date (`YYYY-MM-DD` or UK `D/M/YYYY`, optional time) as `YYYY-MM-DD`, else null. */
export function textDate(s: string | null): string | null {
  if (s === null) return null;
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    // the common case, YYYY-MM-DD, read without a pattern (same answer as below)
    const y = digitsAt(s, 0, 4);
    const m = digitsAt(s, 5, 2);
    const d = digitsAt(s, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) {
      if (y < 1000 || m < 1 || m > 12 || d < 1) return null;
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      return d <= (m === 2 ? (leap ? 29 : 28) : DAYS[m - 1]!) ? s : null;
    }
  }
  const t = s.trim();
  let m = ISO.exec(t);
  if (m) return validYmd(+m[1]!, +m[2]!, +m[3]!);
  m = UK.exec(t);
  if (m) return validYmd(+m[3]!, +m[2]!, +m[1]!);
  return null;
}

/** An Excel serial day number as `YYYY-MM-DD` (1900 system with its 29 Feb 1900, or 1904). */
export function excelSerialDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const day = Math.floor(serial);
  // 1900 system: serial 1 = 1900-01-01, serial 60 = the fictitious 1900-02-29
  const ms = date1904
    ? Date.UTC(1904, 0, 1) + day * 86_400_000
    : Date.UTC(1899, 11, 31) + (day > 59 ? day - 1 : day) * 86_400_000;
  const d = new Date(ms);
  return validYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Annex A's list-item prefix `a) `...`zz) ` removed, value trimmed; null when empty. */
export function cleanValue(s: string | null): string | null {
  if (s === null) return null;
  const t = s.replace(/\u00a0/g, ' ').trim().replace(/^[a-z]{1,2}\)\s*/i, '').trim();
  return t === '' ? null : t;
}

/** Normalised like a contract enum: lower case, spaces and hyphens as underscores. */
function norm(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * A referral source: a census code first (`6`, `q) 6: Police`, `10: Unknown`, `1A`) via the
 * contract's aliases, else agency words. null when unreadable.
 */
export function readAgency(s: string | null): Agency | null {
  const v = cleanValue(s);
  if (v === null) return null;
  const code = /^([0-9]{1,2}[A-Fa-f]?)(?:\s*[:.\-)]|\s|$)/.exec(v);
  if (code) {
    const a = AGENCY_ALIASES[code[1]!.toLowerCase()];
    if (a) return a;
  }
  const n = norm(v);
  if ((AGENCIES as readonly string[]).includes(n)) return n as Agency;
  if (AGENCY_ALIASES[n]) return AGENCY_ALIASES[n]!;
  const words = v.toLowerCase();
  const table: [RegExp, Agency][] = [
    [/police/, 'police'],
    [/anonymous/, 'anonymous'],
    [/early help/, 'early_help'],
    [/nursery|early years/, 'early_years'],
    [/school|education/, 'education'],
    [/\bgp\b|nhs|hospital|health|midwi|a&e|nurse|clinic|mental/, 'health'],
    [/housing/, 'housing'],
    [/social care|local authority|children'?s services|other la/, 'social_care'],
    [/voluntary|charity/, 'voluntary'],
    [/individual|family|relative|friend|self|public|acquaintance|member/, 'public'],
    [/unknown|not known|not recorded/, 'unknown'],
    [/other|legal|court|probation|prison/, 'other']
  ];
  for (const [re, a] of table) if (re.test(words)) return a;
  return null;
}

export type Sex = 'female' | 'male' | 'other' | 'unknown';

/** Census digits/letters (1/M, 2/F, 0/U, 9) or Annex A words. */
export function readSex(s: string | null): Sex | null {
  const v = cleanValue(s);
  if (v === null) return null;
  const w = v.toLowerCase();
  if (w === '1' || w === 'm' || w === 'male') return 'male';
  if (w === '2' || w === 'f' || w === 'female') return 'female';
  if (w === '0' || w === 'u' || w === 'unknown' || /^not (stated|recorded)/.test(w)) return 'unknown';
  if (w === '9' || w === 'neither' || w === 'other') return 'other';
  if (/^1\b/.test(w)) return 'male';
  if (/^2\b/.test(w)) return 'female';
  return null;
}

export type Ethnicity = 'white' | 'mixed' | 'asian' | 'black' | 'other' | 'unknown';

/** The DfE ethnicity code (4 letters, first in the value) grouped to the ONS top level. */
export function readEthnicity(s: string | null): Ethnicity | null {
  const v = cleanValue(s);
  if (v === null) return null;
  const m = /^([A-Za-z]{4})\b/.exec(v);
  if (!m) return null;
  const code = m[1]!.toUpperCase();
  if (code === 'REFU' || code === 'NOBT') return 'unknown';
  if (code === 'CHNE') return 'asian';
  switch (code[0]) {
    case 'W':
      return 'white';
    case 'M':
      return 'mixed';
    case 'A':
      return 'asian';
    case 'B':
      return 'black';
    case 'O':
      return 'other';
    default:
      return null;
  }
}

/** yes/y/true/1 -> true, no/n/false/0 -> false, `unknown` -> 'unknown', else null. */
export function readYesNo(s: string | null): boolean | 'unknown' | null {
  const v = cleanValue(s);
  if (v === null) return null;
  const w = v.toLowerCase();
  if (w === 'yes' || w === 'y' || w === 'true' || w === '1') return true;
  if (w === 'no' || w === 'n' || w === 'false' || w === '0') return false;
  if (w === 'unknown' || w === 'not known') return 'unknown';
  return null;
}

/** A category of abuse: true for neglect (`NEG` or `neglect`), false for any other reading. */
export function isNeglectCategory(s: string | null): boolean | null {
  const v = cleanValue(s);
  if (v === null) return null;
  return /^neg\b|^neglect\b/i.test(v);
}

/** DfE wording of the reasons for closure, for a workbook that gives words instead of codes. */
const RC_WORDS: [RegExp, string][] = [
  [/adopt/i, 'RC1'],
  [/died/i, 'RC2'],
  [/child arrangements|residence order/i, 'RC3'],
  [/special guardian/i, 'RC4'],
  [/another local authority|moved/i, 'RC5'],
  [/adult/i, 'RC6'],
  [/after assessment.*no further action|no further action/i, 'RC8'],
  [/early help|universal/i, 'RC9'],
  [/any other reason|ceased/i, 'RC7']
];

/** A reason for closure `RC1`-`RC9` (code first, else DfE's wording); null when unreadable. */
export function readClosureCode(s: string | null): string | null {
  const v = cleanValue(s);
  if (v === null) return null;
  const m = /^RC\s*([1-9])\b/i.exec(v);
  if (m) return `RC${m[1]}`;
  for (const [re, code] of RC_WORDS) if (re.test(v)) return code;
  return null;
}

/** `YYYY-MM` of a date. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}
