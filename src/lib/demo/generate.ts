/**
 * The seeded demo partnership: three localities, four financial years (2022-23 to 2025-26), about
 * 25,000 referrals over about 13,000 children, with the tables of extract-contract.md as CSV lines.
 * Deterministic: the same seed and size give the same bytes (no clock, no locale, stable order).
 * Pure TypeScript, no node: imports (the CLI that writes files is scripts/demo-data.ts).
 */
import { Prng } from './prng';
import { addWorkingDays, dayOf, isoOf, monthOf, weekdayOf } from './days';
import { csvLine, type Cell } from './csv';
import { actionRows, barrierRows, trainingRows } from './aggregates';

export const DEMO_DEFAULT_SEED = 20260331;
export const DEMO_DEFAULT_REFERRALS = 25_000;
export const DEMO_FIRST_DAY = '2022-04-01';
export const DEMO_AS_OF = '2026-03-31';

export const DEMO_HEADERS = {
  children: ['child_id', 'birth_month', 'sex', 'ethnicity', 'disability', 'imd_decile', 'locality'],
  referrals: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern', 'decision_date', 'outcome', 'feedback_date'],
  assessments: ['assessment_id', 'child_id', 'referral_id', 'start_date', 'completion_date', 'neglect_identified', 'outcome'],
  tool_uses: ['tool_use_id', 'child_id', 'tool', 'completed_date', 'lead_agency', 'contributing_agencies', 'physical_care', 'safety', 'love_belonging', 'esteem'],
  episodes: ['episode_id', 'child_id', 'type', 'start_date', 'end_date', 'closure_reason', 'neglect'],
  education: ['record_id', 'child_id', 'status', 'start_date', 'end_date', 'first_action_date', 'last_review_date'],
  training: ['quarter', 'agency', 'tool', 'staff_in_scope', 'staff_trained'],
  barriers: ['quarter', 'agency', 'barrier', 'respondents', 'reporting_barrier'],
  actions: ['action_id', 'title', 'owner_agency', 'due_date', 'status', 'completed_date', 'metric_id', 'target']
} as const;

export type DemoTable = keyof typeof DEMO_HEADERS;
export const DEMO_TABLES = Object.keys(DEMO_HEADERS) as DemoTable[];

export interface DemoOptions {
  seed: number;
  referrals: number;
}

/** Each table's CSV lines, header first, without line endings. */
export type DemoExtract = Record<DemoTable, string[]>;

interface Child {
  birth: number | null; // day of the first of the birth month
  sex: string | null;
  ethnicity: string | null;
  disability: string | null;
  imd: number | null;
  locality: string | null;
  omitted: boolean; // no row in `children`
  firstDay: number;
  neglectProp: number;
  severity: number; // GCP2 grade level
}
interface Referral {
  child: number;
  day: number;
  agency: string;
  neglect: boolean;
  decision: number | null;
  outcome: string | null;
  feedback: number | null;
}
interface Assessment {
  child: number;
  referral: number; // -1 = not recorded
  start: number;
  completion: number | null;
  neglect: boolean | null;
  outcome: string | null;
}
interface ToolUse {
  child: number;
  tool: string;
  day: number;
  lead: string;
  contributing: string[];
  grades: number[] | null;
}
interface Episode {
  child: number;
  type: string;
  start: number;
  end: number | null;
  reason: string | null;
  neglect: boolean | null;
}
interface EducationRecord {
  child: number;
  status: string;
  start: number;
  end: number | null;
  firstAction: number | null;
  review: number | null;
}

const START = dayOf(DEMO_FIRST_DAY);
const END = dayOf(DEMO_AS_OF);
const SPAN = END - START;
const FEEDBACK_SHIFT = dayOf('2025-04-01'); // a new feedback protocol takes hold
const DECISION_DIP = [dayOf('2024-10-01'), dayOf('2024-12-31')]; // a staffing gap at the front door
const TOOL_LAUNCH = dayOf('2023-10-01'); // the neglect strategy and GCP2 roll-out (2023-24 Q3)
const TOOL_MATURE = dayOf('2025-10-01');
const STEP_DOWN = dayOf('2025-04-01'); // stronger step-down plans: fewer quick re-referrals

const PROFESSIONAL_EXCLUDED = new Set(['public', 'anonymous', 'other', 'unknown']);
const AGENCIES = ['police', 'education', 'health', 'social_care', 'early_help', 'early_years', 'housing', 'voluntary', 'public', 'anonymous', 'other', 'unknown'];
const AGENCY_W = [28, 20, 17, 7, 4, 3, 3, 3, 8, 3, 3, 1];
const CONTRIBUTORS = ['police', 'health', 'education', 'early_years', 'social_care', 'early_help', 'housing', 'voluntary'];

/** Linear from `a` at day `d0` to `b` at day `d1`, flat outside. */
function ramp(day: number, d0: number, d1: number, a: number, b: number): number {
  if (day <= d0) return a;
  if (day >= d1) return b;
  return a + ((b - a) * (day - d0)) / (d1 - d0);
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function firstOfMonth(day: number): number {
  return dayOf(monthOf(day) + '-01');
}

/** Whole years from the first of the birth month to `day`. */
function ageAt(birth: number, day: number): number {
  const b = isoOf(birth);
  const d = isoOf(day);
  const years = Number(d.slice(0, 4)) - Number(b.slice(0, 4));
  return d.slice(5) < b.slice(5) ? years - 1 : years;
}

/** Most referrals arrive on weekdays: push three in four weekend dates to the Monday. */
function weekdayish(rng: Prng, day: number): number {
  const w = weekdayOf(day);
  if (w === 6 && rng.chance(0.75)) return day + 2;
  if (w === 0 && rng.chance(0.75)) return day + 1;
  return day;
}

function makeChild(rng: Prng): Child {
  const locality = rng.pick(['North', 'Central', 'South'], [35, 40, 25]);
  const deprivedShift = locality === 'South' ? 1.6 : locality === 'North' ? 1.15 : 0.85;
  const imdW = [16, 14, 12, 11, 10, 9, 8, 7, 7, 6].map((w, i) => (i < 3 ? w * deprivedShift : w));
  const imd = rng.pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], imdW);
  let prop = 0.35 * (imd <= 3 ? 1.2 : imd >= 8 ? 0.7 : 1) * (0.35 + 1.3 * rng.next());
  prop = clamp(prop, 0.02, 0.95);
  return {
    birth: null,
    sex: rng.chance(0.015) ? null : rng.pick(['female', 'male', 'other', 'unknown'], [48.5, 50, 0.3, 1.2]),
    ethnicity: rng.chance(0.02) ? null : rng.pick(['white', 'mixed', 'asian', 'black', 'other', 'unknown'], [78, 6, 8, 4, 2, 2]),
    disability: rng.chance(0.03) ? null : rng.pick(['yes', 'no', 'unknown'], [8.3, 87.7, 4]),
    imd: rng.chance(0.03) ? null : imd,
    locality: rng.chance(0.015) ? null : locality,
    omitted: rng.chance(0.02),
    firstDay: 0,
    neglectProp: prop,
    severity: clamp(3.1 + rng.normal() * 0.7, 1.5, 4.8)
  };
}

function birthFor(rng: Prng, firstDay: number): number | null {
  if (rng.chance(0.03)) return null;
  const band = rng.pick(['unborn', '0', '1-4', '5-9', '10-15', '16-17'], [2, 10, 22, 26, 30, 10]);
  let day: number;
  if (band === 'unborn') day = firstDay + rng.int(30, 180);
  else {
    const [lo, hi] = band === '0' ? [0, 0] : band === '1-4' ? [1, 4] : band === '5-9' ? [5, 9] : band === '10-15' ? [10, 15] : [16, 17];
    const years = rng.int(lo, hi);
    day = firstDay - Math.floor(years * 365.25) - rng.int(0, 364);
  }
  day = clamp(day, dayOf('2005-01-01'), dayOf('2026-02-01'));
  return firstOfMonth(day);
}

/** Referral dates of one child within the window (possibly none). */
function referralDays(rng: Prng): number[] {
  const k = rng.pick([1, 2, 3, 4, 5, 6, 7, 8], [20, 26, 20, 14, 8.5, 5.5, 3.5, 2.5]);
  // Starting up to six months before the window models history the extract does not show.
  let day = weekdayish(rng, START - 180 + Math.floor((SPAN + 181) * rng.next() ** 1.35));
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    if (i > 0) {
      const quick = 0.35 * (day >= STEP_DOWN ? 0.8 : 1);
      const gap = rng.chance(quick) ? 10 + Math.floor(355 * rng.next() ** 1.3) : 366 + Math.floor(450 * rng.next());
      day = weekdayish(rng, day + gap);
    }
    if (day > END) break;
    if (day >= START) out.push(day);
  }
  return out;
}

function decisionWorkingDays(rng: Prng, day: number): number {
  const dip = day >= (DECISION_DIP[0] as number) && day <= (DECISION_DIP[1] as number);
  const weights = dip ? [38, 36, 11, 6, 3, 2, 2, 2] : [56, 33, 4.5, 2.5, 1.5, 1, 1, 0.5];
  return rng.pick([0, 1, 2, 3, 4, 5, 8, 12], weights);
}

function makeReferral(rng: Prng, child: number, c: Child, day: number): Referral {
  const young = c.birth !== null && ageAt(c.birth, day) < 5 && day >= c.birth;
  const w = young ? AGENCY_W.map((x, i) => (AGENCIES[i] === 'health' ? x * 1.8 : AGENCIES[i] === 'education' ? x * 0.3 : x)) : AGENCY_W;
  const agency = rng.pick(AGENCIES, w);
  const neglect = rng.chance(c.neglectProp);
  const dwd = decisionWorkingDays(rng, day);
  let decision: number | null = addWorkingDays(day, dwd);
  if (decision > END || rng.chance(0.0002)) decision = null;
  let outcome: string | null = null;
  if (decision !== null) {
    outcome = neglect
      ? rng.pick(['nfa', 'advice', 'early_help', 'assessment', 'strategy', 'other'], [4, 14, 19, 55, 6, 2])
      : rng.pick(['nfa', 'advice', 'early_help', 'assessment', 'strategy', 'other'], [8.5, 24, 22, 39.5, 4, 2]);
  }
  let feedback: number | null = null;
  if (decision !== null) {
    let fwd: number | null;
    if (!PROFESSIONAL_EXCLUDED.has(agency)) {
      const prompt = day >= FEEDBACK_SHIFT ? 0.66 : 0.5 + 0.03 * rng.normal();
      if (rng.chance(0.07)) fwd = null;
      else if (rng.chance(prompt) && dwd <= 3) fwd = rng.int(dwd, 3);
      else fwd = Math.max(dwd, rng.int(4, 25));
    } else {
      fwd = rng.chance(0.4) ? dwd + rng.int(0, 10) : null;
    }
    if (fwd !== null) {
      const f = addWorkingDays(day, fwd);
      feedback = f > END ? null : f;
    }
  }
  return { child, day, agency, neglect, decision, outcome, feedback };
}

function makeAssessment(rng: Prng, ri: number, r: Referral): Assessment | null {
  if (r.decision === null) return null;
  const start = addWorkingDays(r.decision, rng.pick([0, 1, 2, 3], [40, 35, 15, 10]));
  if (start > END) return null;
  // Most within 45 working days; some drift past; about one in fifty stalls for months.
  const wd = rng.chance(0.02)
    ? rng.int(80, 320)
    : rng.chance(0.86) ? 45 - Math.floor(35 * rng.next() ** 1.1) : 46 + Math.floor(60 * rng.next() ** 2);
  let completion: number | null = addWorkingDays(start, wd);
  if (completion !== null && completion > END) completion = null;
  let neglect: boolean | null = null;
  let outcome: string | null = null;
  if (completion !== null) {
    neglect = rng.chance(0.03) ? null : rng.chance(r.neglect ? 0.72 : 0.07);
    outcome = neglect
      ? rng.pick(['nfa', 'early_help', 'child_in_need', 'child_protection', 'other'], [10, 20, 42, 22, 6])
      : rng.pick(['nfa', 'early_help', 'child_in_need', 'child_protection', 'other'], [30, 25, 32, 7, 6]);
  }
  return { child: r.child, referral: rng.chance(0.01) ? -1 : ri, start, completion, neglect, outcome };
}

function makeEpisode(rng: Prng, child: number, type: string, start: number, neglect: boolean): Episode | null {
  if (start > END) return null;
  const u = rng.next();
  const days = type === 'early_help' ? 50 + Math.floor(250 * u) : type === 'child_in_need' ? 60 + Math.floor(400 * u) : 90 + Math.floor(500 * u ** 1.2);
  let end: number | null = start + days;
  if (end > END) end = null;
  let reason: string | null = null;
  if (end !== null) {
    const withoutChange = 0.31 - 0.09 * ((end - START) / SPAN) + 0.03 * rng.normal();
    if (rng.chance(0.005)) reason = null;
    else if (rng.chance(withoutChange)) {
      reason = type === 'early_help'
        ? rng.pick(['no_change', 'non_engagement', 'consent_withdrawn'], [45, 35, 20])
        : rng.pick(['no_change', 'non_engagement'], [60, 40]);
    } else {
      const step = type === 'early_help' ? 'stepped_up' : 'stepped_down';
      reason = rng.pick(['improved', step, 'moved_away', 'other'], [55, 25, 12, 8]);
    }
  }
  return { child, type, start, end, reason, neglect: rng.chance(0.03) ? null : neglect };
}

function grades(rng: Prng, level: number): number[] {
  return [0, 1, 2, 3].map(() => clamp(Math.round(level + rng.normal() * 0.6), 1, 5));
}

/** A baseline tool use and, as practice matures, reviews of it 2-8 months later. */
function makeToolUses(rng: Prng, child: number, c: Child, day: number, leadHint: string | null, out: ToolUse[]): void {
  if (day < START || day > END) return;
  const tool = rng.pick(['gcp2', 'quality_of_care', 'local_toolkit', 'other'], [74, 13, 10, 3]);
  const lead = leadHint !== null && rng.chance(0.5) ? leadHint : rng.pick(['health', 'social_care', 'education', 'early_help', 'early_years', 'unknown'], [30, 32, 14, 20, 2, 2]);
  const graded = tool === 'gcp2' && rng.chance(0.9);
  let level = c.severity;
  let d = day;
  for (let use = 0; use < 3; use++) {
    const multi = ramp(d, START, END, 0.2, 0.58);
    const contributing: string[] = [];
    if (rng.chance(multi)) {
      const n = rng.pick([1, 2, 3], [60, 30, 10]);
      while (contributing.length < n) {
        const a = CONTRIBUTORS[rng.int(0, CONTRIBUTORS.length - 1)] as string;
        if (a !== lead && !contributing.includes(a)) contributing.push(a);
      }
    }
    if (rng.chance(0.02)) contributing.push('unknown');
    out.push({ child, tool, day: d, lead, contributing, grades: graded && !rng.chance(0.05) ? grades(rng, level) : null });
    const review = use === 0 ? ramp(d, TOOL_LAUNCH, TOOL_MATURE, 0.18, 0.47) : 0.3;
    if (!rng.chance(review)) return;
    d += rng.int(60, 240);
    if (d > END) return;
    level = clamp(level - 0.45 + rng.normal() * 0.6, 1, 5);
  }
}

function makeEducation(rng: Prng, child: number, start: number): EducationRecord {
  const status = rng.pick(['missing_education', 'part_time_timetable', 'elective_home_education'], [45, 30, 25]);
  const prompt = status === 'missing_education' ? ramp(start, dayOf('2024-09-01'), END, 0.87, 0.76) : status === 'part_time_timetable' ? 0.8 : 0.7;
  let firstAction: number | null = null;
  if (!rng.chance(0.04)) {
    const wd = rng.chance(prompt) ? rng.pick([0, 1, 2, 3, 4, 5], [10, 30, 25, 15, 12, 8]) : rng.int(6, 30);
    firstAction = addWorkingDays(start, wd);
    if (firstAction > END) firstAction = null;
  }
  const u = rng.next();
  let end: number | null =
    status === 'missing_education'
      ? rng.chance(0.06) ? null : start + 5 + Math.floor(150 * u ** 1.5)
      : status === 'part_time_timetable'
        ? start + 14 + Math.floor(200 * u ** 1.3)
        : rng.chance(0.4) ? null : start + 60 + Math.floor(700 * u);
  if (end !== null && end > END) end = null;
  const lastDay = end ?? END;
  let review: number | null = null;
  if (lastDay - start > 42 && rng.chance(0.7)) review = start + rng.int(28, lastDay - start);
  return { child, status, start, end, firstAction, review };
}

function pad(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}

interface Numbered {
  ids: string[]; // by generation index
  order: number[]; // generation indexes in id order
}

/**
 * Ids in order of (date, generation index): a stable, total order. Sorting one packed number per
 * item (date x 2^26 + index) keeps this fast for millions of rows (2^26: 67M rows a table, room for
 * 5M-referral benchmarks; the order, hence the bytes, are the same as with any smaller factor).
 */
const ROW_KEY = 2 ** 26;

function numberByDate(days: readonly number[], prefix: string, minWidth: number): Numbered {
  const n = days.length;
  if (n >= ROW_KEY) throw new Error('too many rows for one demo table');
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (days[i] as number) * ROW_KEY + i;
  keys.sort();
  const width = Math.max(minWidth, String(n).length);
  const ids = new Array<string>(n);
  const order = new Array<number>(n);
  for (let rank = 0; rank < n; rank++) {
    const i = (keys[rank] as number) % ROW_KEY;
    order[rank] = i;
    ids[i] = prefix + String(rank + 1).padStart(width, '0');
  }
  return { ids, order };
}

function lines(header: readonly string[], order: readonly number[], row: (i: number) => Cell[]): string[] {
  const out = new Array<string>(order.length + 1);
  out[0] = header.join(',');
  for (let k = 0; k < order.length; k++) out[k + 1] = csvLine(row(order[k] as number));
  return out;
}

const b = (v: boolean | null): Cell => (v === null ? null : v ? 'true' : 'false');
const d = (v: number | null): Cell => (v === null ? null : isoOf(v));

export function generateDemo(opts: DemoOptions): DemoExtract {
  const rng = new Prng(opts.seed);
  const target = Math.max(1, Math.floor(opts.referrals));
  const scale = target / DEMO_DEFAULT_REFERRALS;

  const children: Child[] = [];
  const referrals: Referral[] = [];
  const assessments: Assessment[] = [];
  const toolUses: ToolUse[] = [];
  const episodes: Episode[] = [];

  while (referrals.length < target) {
    const days = referralDays(rng);
    if (days.length === 0) continue;
    const c = makeChild(rng);
    c.firstDay = days[0] as number;
    c.birth = birthFor(rng, c.firstDay);
    const ci = children.length;
    children.push(c);
    for (const day of days) {
      if (referrals.length >= target) break;
      const ri = referrals.length;
      const r = makeReferral(rng, ci, c, day);
      referrals.push(r);
      const toolP = ramp(day, TOOL_LAUNCH, TOOL_MATURE, 0.1, 0.56);
      let a: Assessment | null = null;
      if (r.outcome === 'assessment') {
        a = makeAssessment(rng, ri, r);
        if (a !== null) {
          assessments.push(a);
          if (a.completion !== null && (a.outcome === 'child_in_need' || a.outcome === 'child_protection')) {
            const s = a.completion + (a.outcome === 'child_in_need' ? rng.int(0, 5) : rng.int(5, 15));
            const e = makeEpisode(rng, ci, a.outcome, s, a.neglect === true);
            if (e !== null) episodes.push(e);
          } else if (a.completion !== null && a.outcome === 'early_help' && rng.chance(0.85)) {
            const e = makeEpisode(rng, ci, 'early_help', a.completion + rng.int(3, 20), a.neglect === true);
            if (e !== null) episodes.push(e);
          }
        }
      } else if (r.outcome === 'early_help' && r.decision !== null && rng.chance(0.85)) {
        const e = makeEpisode(rng, ci, 'early_help', r.decision + rng.int(3, 20), r.neglect);
        if (e !== null) {
          episodes.push(e);
          if (r.neglect && rng.chance(toolP * 0.6)) makeToolUses(rng, ci, c, e.start + rng.int(0, 60), 'early_help', toolUses);
        }
      }
      if (r.neglect) {
        const weight = r.outcome === 'assessment' || r.outcome === 'strategy' ? 1 : r.outcome === 'early_help' ? 0.5 : 0.25;
        if (rng.chance(toolP * weight)) {
          const base = a !== null ? a.start + rng.int(-20, 40) : r.day + rng.int(-25, 45);
          makeToolUses(rng, ci, c, base, a !== null ? 'social_care' : null, toolUses);
        }
      }
    }
  }

  const education: EducationRecord[] = [];
  const educationCount = Math.round(target * 0.06);
  for (let n = 0; n < educationCount; n++) {
    const start = weekdayish(rng, START + rng.int(0, SPAN));
    let ci = rng.int(0, children.length - 1);
    for (let tries = 0; tries < 20; tries++) {
      const birth = (children[ci] as Child).birth;
      if (birth === null || (start > birth && ageAt(birth, start) >= 5 && ageAt(birth, start) <= 15)) break;
      ci = rng.int(0, children.length - 1);
    }
    education.push(makeEducation(rng, ci, start));
  }

  const ch = numberByDate(children.map((c) => c.firstDay), 'C', 6);
  const rf = numberByDate(referrals.map((r) => r.day), 'R', 7);
  const as = numberByDate(assessments.map((a) => a.start), 'A', 6);
  const tu = numberByDate(toolUses.map((t) => t.day), 'T', 6);
  const ep = numberByDate(episodes.map((e) => e.start), 'E', 6);
  const ed = numberByDate(education.map((e) => e.start), 'M', 6);
  const cid = (i: number): string => ch.ids[i] as string;

  return {
    children: lines(DEMO_HEADERS.children, ch.order.filter((i) => !(children[i] as Child).omitted), (i) => {
      const c = children[i] as Child;
      return [cid(i), c.birth === null ? null : monthOf(c.birth), c.sex, c.ethnicity, c.disability, c.imd, c.locality];
    }),
    referrals: lines(DEMO_HEADERS.referrals, rf.order, (i) => {
      const r = referrals[i] as Referral;
      return [rf.ids[i] as string, cid(r.child), d(r.day), r.agency, b(r.neglect), d(r.decision), r.outcome, d(r.feedback)];
    }),
    assessments: lines(DEMO_HEADERS.assessments, as.order, (i) => {
      const a = assessments[i] as Assessment;
      return [as.ids[i] as string, cid(a.child), a.referral < 0 ? null : (rf.ids[a.referral] as string), d(a.start), d(a.completion), b(a.neglect), a.outcome];
    }),
    tool_uses: lines(DEMO_HEADERS.tool_uses, tu.order, (i) => {
      const t = toolUses[i] as ToolUse;
      const g = t.grades ?? [null, null, null, null];
      return [tu.ids[i] as string, cid(t.child), t.tool, d(t.day), t.lead, t.contributing.join(';'), ...g] as Cell[];
    }),
    episodes: lines(DEMO_HEADERS.episodes, ep.order, (i) => {
      const e = episodes[i] as Episode;
      return [ep.ids[i] as string, cid(e.child), e.type, d(e.start), d(e.end), e.reason, b(e.neglect)];
    }),
    education: lines(DEMO_HEADERS.education, ed.order, (i) => {
      const e = education[i] as EducationRecord;
      return [ed.ids[i] as string, cid(e.child), e.status, d(e.start), d(e.end), d(e.firstAction), d(e.review)];
    }),
    training: [DEMO_HEADERS.training.join(','), ...trainingRows(rng, scale).map(csvLine)],
    barriers: [DEMO_HEADERS.barriers.join(','), ...barrierRows(rng, scale).map(csvLine)],
    actions: [DEMO_HEADERS.actions.join(','), ...actionRows().map(csvLine)]
  };
}
