/**
 * CIN census XML (imports.md, "CIN census XML"): one file read into minimised records, then several
 * files merged in ReferenceDate order. Only the listed items are kept as text by the XML reader;
 * the LAchildID is turned into a normalised source id and hashed later; a birth date is cut to its
 * month here. Nothing personal appears in a problem (values are codes and event dates only).
 */
import type { Agency } from '../contract/agencies';
import { normaliseSourceId } from './pseudonym';
import { parseXmlBytes, kid, kidsNamed, kidText, xmlText, XmlError, type XmlNode } from './xml-tree';
import { readAgency, readEthnicity, readSex, textDate, type Ethnicity, type Sex } from './values';
import { codeShown, WITHHELD, type ImportProblem, type PartCount } from './types';

/** Elements whose text the reader keeps (lower-case local names); everything else is dropped unread. */
const KEPT = new Set([
  'collection',
  'year',
  'referencedate',
  'lea',
  'lachildid',
  'personbirthdate',
  'expectedpersonbirthdate',
  'gendercurrent',
  'sex',
  'ethnicity',
  'disability',
  'cinreferraldate',
  'referralsource',
  'cinclosuredate',
  'reasonforclosure',
  'referralnfa',
  'assessmentactualstartdate',
  'assessmentauthorisationdate',
  'assessmentfactors',
  's47actualstartdate',
  'cppstartdate',
  'cppenddate',
  'initialcategoryofabuse',
  'latestcategoryofabuse'
]);

/** Elements that hold the kept ones; any other element (UPN, reviews, CIN plans...) makes no node. */
const STRUCTURE = new Set([
  'message',
  'header',
  'collectiondetails',
  'source',
  'children',
  'child',
  'childidentifiers',
  'childcharacteristics',
  'disabilities',
  'cindetails',
  'assessments',
  'factorsidentifiedatassessment',
  'section47',
  'childprotectionplans'
]);

export const CENSUS_PARTS = ['Child', 'CINdetails', 'Assessments', 'ChildProtectionPlans'] as const;

export interface CensusAssessment {
  start: string;
  completion: string | null;
  /** AssessmentFactors codes (upper case); empty when none recorded */
  factors: string[];
}
export interface CensusPlan {
  start: string;
  end: string | null;
  initialNeg: boolean | null;
  latestNeg: boolean | null;
}
export interface CensusEpisode {
  referralDate: string;
  /** 1 for the first episode of the child with this referral date in its file, 2 for the next... */
  repeat: number;
  source: Agency;
  closureDate: string | null;
  reason: string | null;
  nfa: boolean | null;
  assessments: Map<string, CensusAssessment>;
  s47: Set<string>;
  plans: Map<string, CensusPlan>;
}
export interface CensusChild {
  sourceId: string;
  birthMonth: string | null;
  sex: Sex | null;
  ethnicity: Ethnicity | null;
  /** null: no Disabilities element in this file */
  disability: 'yes' | 'no' | null;
  episodes: CensusEpisode[];
}
export interface CensusFile {
  file: string;
  referenceDate: string;
  periodStart: string;
  lea: string | null;
  children: CensusChild[];
  parts: Record<string, PartCount>;
  problems: ImportProblem[];
}

export type CensusRead = { ok: true; census: CensusFile } | { ok: false; reason: string; line: number | null };

function yearBefore(iso: string): string {
  // the day after the same date a year earlier: the first day of the year ending `iso`
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y - 1, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0); // 29 Feb -> 28 Feb
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** Whether the bytes look like a census (root Message with a CIN collection): cheap sniff. */
export function looksLikeXml(bytes: Uint8Array): boolean {
  const head = xmlText(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<');
}

/** Read one census file. `today` bounds event dates (YYYY-MM-DD). */
export function readCensusFile(file: string, bytes: Uint8Array, today: string): CensusRead {
  const parts: Record<string, PartCount> = {};
  for (const p of CENSUS_PARTS) parts[p] = { read: 0, loaded: 0, rejected: 0 };
  const problems: ImportProblem[] = [];
  const problem = (part: string, row: number, column: string | null, value: string, reason: string, effect: ImportProblem['effect']) =>
    problems.push({ file, part, row, column, value, reason, effect });

  const eventDate = (node: XmlNode | undefined, name: string, label: string, part: string, required: boolean): string | null | false => {
    const raw = kidText(node, name);
    if (raw === null) {
      if (required) {
        problem(part, node?.line ?? 0, label, '', `${label} is missing`, 'rejected');
        return false;
      }
      return null;
    }
    const d = textDate(raw);
    const ok = d !== null && d >= '2000-01-01' && d <= today;
    if (ok) return d;
    const reason = d === null ? `${label} is not a date` : d < '2000-01-01' ? `${label} is before 2000` : `${label} is after today (${today})`;
    const shown = codeShown(raw, true);
    problem(part, kid(node, name)?.line ?? node?.line ?? 0, label, shown, reason, required ? 'rejected' : 'set to null');
    return required ? false : null;
  };


  const children: CensusChild[] = [];
  /** One Child element, read as it closes (the tree never holds every child at once). */
  const readChild = (cn: XmlNode): void => {
    parts.Child!.read++;
    const ids = kid(cn, 'childidentifiers');
    const chars = kid(cn, 'childcharacteristics');
    const cins = kidsNamed(cn, 'cindetails');
    const sourceId = normaliseSourceId(kidText(ids, 'lachildid'));
    if (sourceId === null) {
      parts.Child!.rejected++;
      problem('Child', cn.line, 'LAchildID', '', 'LAchildID is missing: the child and its elements are not loaded', 'rejected');
      for (const c of cins) {
        parts.CINdetails!.read++;
        parts.CINdetails!.rejected++;
        const a = kidsNamed(c, 'assessments').length;
        const p = kidsNamed(c, 'childprotectionplans').length;
        parts.Assessments!.read += a;
        parts.Assessments!.rejected += a;
        parts.ChildProtectionPlans!.read += p;
        parts.ChildProtectionPlans!.rejected += p;
      }
      return;
    }
    parts.Child!.loaded++;
    // birth: month only; an unreadable birth date is withheld (it is personal)
    const birthRaw = kidText(ids, 'personbirthdate') ?? kidText(ids, 'expectedpersonbirthdate');
    let birthMonth: string | null = null;
    if (birthRaw !== null) {
      const d = textDate(birthRaw);
      if (d) birthMonth = d.slice(0, 7);
      else problem('Child', ids?.line ?? cn.line, 'PersonBirthDate', WITHHELD, 'the birth date is not a date: birth_month left empty', 'set to null');
    }
    const sexRaw = kidText(ids, 'gendercurrent') ?? kidText(ids, 'sex') ?? kidText(chars, 'sex') ?? kidText(chars, 'gendercurrent');
    const sex = readSex(sexRaw);
    if (sexRaw !== null && sex === null) {
      problem('Child', cn.line, 'GenderCurrent', codeShown(sexRaw), 'an unknown gender code: sex left empty', 'warning');
    }
    const ethRaw = kidText(chars, 'ethnicity');
    const ethnicity = readEthnicity(ethRaw);
    if (ethRaw !== null && ethnicity === null) {
      problem('Child', kid(chars, 'ethnicity')?.line ?? cn.line, 'Ethnicity', codeShown(ethRaw), 'an unknown ethnicity code: ethnicity left empty', 'warning');
    }
    const disNode = kid(chars, 'disabilities');
    let disability: 'yes' | 'no' | null = null;
    if (disNode) {
      const codes = kidsNamed(disNode, 'disability').map((d) => d.text.toUpperCase()).filter((t) => t !== '');
      disability = codes.length === 0 ? null : codes.every((c) => c === 'NONE') ? 'no' : 'yes';
    }

    const episodes: CensusEpisode[] = [];
    const repeats = new Map<string, number>();
    for (const c of cins) {
      parts.CINdetails!.read++;
      const asNodes = kidsNamed(c, 'assessments');
      const cpNodes = kidsNamed(c, 'childprotectionplans');
      const rejectInside = () => {
        parts.Assessments!.read += asNodes.length;
        parts.Assessments!.rejected += asNodes.length;
        parts.ChildProtectionPlans!.read += cpNodes.length;
        parts.ChildProtectionPlans!.rejected += cpNodes.length;
      };
      const refDate = eventDate(c, 'cinreferraldate', 'CINreferralDate', 'CINdetails', true);
      if (refDate === false || refDate === null) {
        parts.CINdetails!.rejected++;
        rejectInside();
        continue;
      }
      const srcRaw = kidText(c, 'referralsource');
      const source = readAgency(srcRaw);
      if (source === null) {
        problem(
          'CINdetails',
          kid(c, 'referralsource')?.line ?? c.line,
          'ReferralSource',
          srcRaw === null ? '' : codeShown(srcRaw),
          srcRaw === null ? 'ReferralSource is missing' : 'an unknown referral source code',
          'rejected'
        );
        parts.CINdetails!.rejected++;
        rejectInside();
        continue;
      }
      const closure = eventDate(c, 'cinclosuredate', 'CINclosureDate', 'CINdetails', false);
      let closureDate = closure === false ? null : closure;
      if (closureDate !== null && closureDate < refDate) {
        problem('CINdetails', kid(c, 'cinclosuredate')?.line ?? c.line, 'CINclosureDate', closureDate, 'CINclosureDate is before CINreferralDate: the element is not loaded', 'rejected');
        parts.CINdetails!.rejected++;
        rejectInside();
        continue;
      }
      const reasonRaw = kidText(c, 'reasonforclosure');
      let reason: string | null = null;
      if (reasonRaw !== null) {
        const m = /^RC\s*([1-9])$/i.exec(reasonRaw.trim());
        if (m) reason = `RC${m[1]}`;
        else problem('CINdetails', kid(c, 'reasonforclosure')?.line ?? c.line, 'ReasonForClosure', codeShown(reasonRaw), 'an unknown reason for closure: closure_code left empty', 'warning');
      }
      const nfaRaw = kidText(c, 'referralnfa');
      let nfa: boolean | null = null;
      if (nfaRaw !== null) {
        const w = nfaRaw.toLowerCase();
        if (w === 'true' || w === '1') nfa = true;
        else if (w === 'false' || w === '0') nfa = false;
        else problem('CINdetails', kid(c, 'referralnfa')?.line ?? c.line, 'ReferralNFA', codeShown(nfaRaw), 'ReferralNFA is neither true nor false: read as not recorded', 'warning');
      }
      parts.CINdetails!.loaded++;
      const repeat = (repeats.get(refDate) ?? 0) + 1;
      repeats.set(refDate, repeat);
      const ep: CensusEpisode = {
        referralDate: refDate,
        repeat,
        source,
        closureDate,
        reason,
        nfa,
        assessments: new Map(),
        s47: new Set(),
        plans: new Map()
      };
      for (const a of asNodes) {
        parts.Assessments!.read++;
        const start = eventDate(a, 'assessmentactualstartdate', 'AssessmentActualStartDate', 'Assessments', true);
        if (start === false || start === null) {
          parts.Assessments!.rejected++;
          continue;
        }
        const done = eventDate(a, 'assessmentauthorisationdate', 'AssessmentAuthorisationDate', 'Assessments', false);
        const completion = done === false ? null : done;
        if (completion !== null && completion < start) {
          problem('Assessments', a.line, 'AssessmentAuthorisationDate', completion, 'AssessmentAuthorisationDate is before AssessmentActualStartDate: the element is not loaded', 'rejected');
          parts.Assessments!.rejected++;
          continue;
        }
        const factors: string[] = [];
        for (const f of kidsNamed(a, 'factorsidentifiedatassessment')) {
          for (const x of kidsNamed(f, 'assessmentfactors')) if (x.text !== '') factors.push(x.text.toUpperCase());
        }
        for (const x of kidsNamed(a, 'assessmentfactors')) if (x.text !== '') factors.push(x.text.toUpperCase());
        parts.Assessments!.loaded++;
        ep.assessments.set(start, { start, completion, factors });
      }
      for (const s of kidsNamed(c, 'section47')) {
        const d = eventDate(s, 's47actualstartdate', 'S47ActualStartDate', 'CINdetails', false);
        if (typeof d === 'string') ep.s47.add(d);
      }
      for (const p of cpNodes) {
        parts.ChildProtectionPlans!.read++;
        const start = eventDate(p, 'cppstartdate', 'CPPstartDate', 'ChildProtectionPlans', true);
        if (start === false || start === null) {
          parts.ChildProtectionPlans!.rejected++;
          continue;
        }
        const e = eventDate(p, 'cppenddate', 'CPPendDate', 'ChildProtectionPlans', false);
        const end = e === false ? null : e;
        if (end !== null && end < start) {
          problem('ChildProtectionPlans', p.line, 'CPPendDate', end, 'CPPendDate is before CPPstartDate: the element is not loaded', 'rejected');
          parts.ChildProtectionPlans!.rejected++;
          continue;
        }
        const cat = (name: string): boolean | null => {
          const t = kidText(p, name);
          return t === null ? null : t.toUpperCase() === 'NEG';
        };
        parts.ChildProtectionPlans!.loaded++;
        ep.plans.set(start, { start, end, initialNeg: cat('initialcategoryofabuse'), latestNeg: cat('latestcategoryofabuse') });
      }
      episodes.push(ep);
    }
    children.push({ sourceId, birthMonth, sex, ethnicity, disability, episodes });
  };
  /** Children/Child elements are read and dropped as they close; only the first Children is read. */
  let childrenDone = false;
  let root: XmlNode;
  try {
    root = parseXmlBytes(
      bytes,
      (n) => KEPT.has(n),
      (n) => KEPT.has(n) || STRUCTURE.has(n),
      (node, parent, depth) => {
        if (depth === 1 && node.name === 'children') childrenDone = true;
        if (depth !== 2 || childrenDone || node.name !== 'child' || parent.name !== 'children') return false;
        readChild(node);
        return true;
      }
    );
  } catch (e) {
    if (e instanceof XmlError) return { ok: false, reason: `the XML does not parse (${e.message})`, line: e.line };
    throw e;
  }
  if (root.name !== 'message') {
    return { ok: false, reason: `its root element is <${root.name}>, not <Message>: neither a census nor Annex A`, line: root.line };
  }
  const header = kid(root, 'header');
  const details = kid(header, 'collectiondetails');
  const collection = kidText(details, 'collection');
  if (collection === null || collection.toUpperCase() !== 'CIN') {
    return {
      ok: false,
      reason:
        collection === null
          ? 'it has no Header/CollectionDetails/Collection: not a CIN census'
          : `it is a census from another collection ('${collection.slice(0, 20)}'), not CIN`,
      line: details?.line ?? header?.line ?? root.line
    };
  }
  let referenceDate = textDate(kidText(details, 'referencedate'));
  if (!referenceDate) {
    const year = kidText(details, 'year');
    if (year && /^\d{4}$/.test(year)) referenceDate = `${year}-03-31`;
  }
  if (!referenceDate) {
    return { ok: false, reason: 'it has neither a readable ReferenceDate nor a Year, so its period is unknown', line: details?.line ?? root.line };
  }
  const lea = kidText(kid(header, 'source'), 'lea');
  return {
    ok: true,
    census: { file, referenceDate, periodStart: yearBefore(referenceDate), lea, children, parts, problems }
  };
}

/** A child's merged record across files. */
export interface MergedChild {
  sourceId: string;
  birthMonth: string | null;
  sex: Sex | null;
  ethnicity: Ethnicity | null;
  disability: 'yes' | 'no' | null;
  /** keyed by referral date + '#' + repeat, in first-met order */
  episodes: Map<string, CensusEpisode>;
}

export interface MergedCensus {
  /** in first-met order */
  children: Map<string, MergedChild>;
  /** [start, end] periods, in ReferenceDate order */
  periods: [string, string][];
  lea: string | null;
  latestReferenceDate: string;
  problems: ImportProblem[];
}

/**
 * Merge census files in ReferenceDate order: an episode met in several files is one record, a
 * later file's values replacing earlier ones item by item; a child's field from the latest file
 * giving it readably. The files' episode records become the merged ones (updated in place): use
 * the files' children no more after merging.
 */
export function mergeCensus(files: CensusFile[]): MergedCensus {
  const sorted = [...files].sort((a, b) => (a.referenceDate < b.referenceDate ? -1 : a.referenceDate > b.referenceDate ? 1 : 0));
  const children = new Map<string, MergedChild>();
  const problems: ImportProblem[] = [];
  for (const f of sorted) {
    for (const c of f.children) {
      let m = children.get(c.sourceId);
      if (!m) {
        m = { sourceId: c.sourceId, birthMonth: null, sex: null, ethnicity: null, disability: null, episodes: new Map() };
        children.set(c.sourceId, m);
      }
      if (c.birthMonth !== null) m.birthMonth = c.birthMonth;
      if (c.sex !== null) m.sex = c.sex;
      if (c.ethnicity !== null) m.ethnicity = c.ethnicity;
      if (c.disability !== null) m.disability = c.disability;
      for (const e of c.episodes) {
        const key = `${e.referralDate}#${e.repeat}`;
        const old = m.episodes.get(key);
        if (!old) {
          // taken over, not copied: a file's records are read by nothing after the merge
          m.episodes.set(key, e);
          continue;
        }
        old.source = e.source;
        old.closureDate = e.closureDate ?? old.closureDate;
        old.reason = e.reason ?? old.reason;
        if (e.nfa !== null) old.nfa = e.nfa;
        for (const [k, a] of e.assessments) old.assessments.set(k, a);
        for (const s of e.s47) old.s47.add(s);
        for (const [k, p] of e.plans) old.plans.set(k, p);
      }
    }
  }
  const periods: [string, string][] = sorted.map((f) => [f.periodStart, f.referenceDate]);
  for (let i = 1; i < sorted.length; i++) {
    const prevEnd = periods[i - 1]![1];
    const start = periods[i]![0];
    const dayAfter = new Date(Date.parse(prevEnd + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
    if (start > dayAfter) {
      problems.push({
        file: sorted[i]!.file,
        part: null,
        row: null,
        column: null,
        value: '',
        reason: `a gap between census years: ${dayAfter} to the day before ${start} is in no file, so referrals then are not counted`,
        effect: 'warning'
      });
    }
  }
  let lea: string | null = null;
  for (const f of sorted) if (f.lea !== null) lea = f.lea;
  return {
    children,
    periods,
    lea,
    latestReferenceDate: sorted[sorted.length - 1]?.referenceDate ?? '',
    problems
  };
}
