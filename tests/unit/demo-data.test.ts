/**
 * The demo partnership generator: reproducible to the byte, and plausible, checked with plain JS
 * on the CSV text (nothing here reuses the generator's own code except by running its CLI).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const DEMO = join(ROOT, 'data', 'demo');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Field names from extract-contract.md, in the contract's order. */
const CONTRACT: Record<string, string[]> = {
  children: ['child_id', 'birth_month', 'sex', 'ethnicity', 'disability', 'imd_decile', 'locality'],
  referrals: ['referral_id', 'child_id', 'referral_date', 'referrer_agency', 'neglect_concern', 'decision_date', 'outcome', 'feedback_date'],
  assessments: ['assessment_id', 'child_id', 'referral_id', 'start_date', 'completion_date', 'neglect_identified', 'outcome'],
  tool_uses: ['tool_use_id', 'child_id', 'tool', 'completed_date', 'lead_agency', 'contributing_agencies', 'physical_care', 'safety', 'love_belonging', 'esteem'],
  episodes: ['episode_id', 'child_id', 'type', 'start_date', 'end_date', 'closure_reason', 'neglect'],
  education: ['record_id', 'child_id', 'status', 'start_date', 'end_date', 'first_action_date', 'last_review_date'],
  training: ['quarter', 'agency', 'tool', 'staff_in_scope', 'staff_trained'],
  barriers: ['quarter', 'agency', 'barrier', 'respondents', 'reporting_barrier'],
  actions: ['action_id', 'title', 'owner_agency', 'due_date', 'status', 'completed_date', 'metric_id', 'target']
};
const TABLES = Object.keys(CONTRACT);
const AGENCIES = ['police', 'health', 'education', 'early_years', 'social_care', 'early_help', 'housing', 'voluntary', 'public', 'anonymous', 'other', 'unknown'];

type Row = Record<string, string>;

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

const files: Record<string, { text: string; header: string[]; rows: Row[] }> = {};
function table(name: string): Row[] {
  return files[name]!.rows;
}

/** d minus 12 calendar months, day clamped to the month's length (metrics.md). */
function minus12Months(d: string): string {
  const y = Number(d.slice(0, 4)) - 1;
  const m = Number(d.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${d.slice(5, 7)}-${String(Math.min(Number(d.slice(8, 10)), last)).padStart(2, '0')}`;
}

/** Monday-Friday dates d with a < d <= b (no bank holidays: an upper bound on working days). */
function weekdaysBetween(a: string, b: string): number {
  let n = 0;
  const t = new Date(a + 'T00:00:00Z');
  const end = new Date(b + 'T00:00:00Z');
  while (t < end) {
    t.setUTCDate(t.getUTCDate() + 1);
    const w = t.getUTCDay();
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}

/** Values of `field` in `rows` that are not among `allowed` (one entry per distinct bad value). */
function outside(rows: Row[], field: string, allowed: readonly string[]): string[] {
  return [...new Set(rows.map((r) => r[field]!))].filter((v) => !allowed.includes(v)).map((v) => `${field}=${v}`);
}

let tmp = '';
beforeAll(() => {
  for (const t of TABLES) {
    const text = readFileSync(join(DEMO, `${t}.csv`), 'utf8');
    const [header, ...body] = parseCsv(text);
    files[t] = { text, header: header!, rows: body.map((v) => Object.fromEntries(header!.map((h, i) => [h, v[i] ?? '']))) };
  }
  tmp = mkdtempSync(join(tmpdir(), 'demo-data-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('demo-data generator: reproducible', () => {
  it('regenerates data/demo byte for byte with the default seed', () => {
    const out = join(tmp, 'default');
    execFileSync(TSX, ['scripts/demo-data.ts', '--out', out], { cwd: ROOT, stdio: 'pipe' });
    expect(readdirSync(out).sort()).toEqual(TABLES.map((t) => `${t}.csv`).sort());
    for (const t of TABLES) {
      const fresh = readFileSync(join(out, `${t}.csv`));
      const committed = readFileSync(join(DEMO, `${t}.csv`));
      expect(fresh.equals(committed), `${t}.csv differs from the committed file`).toBe(true);
    }
  });

  it('honours --seed and --referrals: exactly N referrals, other tables in proportion, seeds differ', () => {
    const run = (seed: string) => {
      const out = join(tmp, `seed-${seed}`);
      execFileSync(TSX, ['scripts/demo-data.ts', '--seed', seed, '--referrals', '2000', '--out', out], { cwd: ROOT, stdio: 'pipe' });
      return { refs: readFileSync(join(out, 'referrals.csv'), 'utf8'), edu: readFileSync(join(out, 'education.csv'), 'utf8') };
    };
    const a = run('7');
    const b = run('8');
    expect(parseCsv(a.refs).length).toBe(2001); // header + 2000 rows
    // Education scales with referrals: 6% of 2000 = 120 (25,000 gives 1,500).
    expect(parseCsv(a.edu).length).toBe(121);
    expect(a.refs).not.toBe(b.refs);
  });

  it('refuses a malformed option with exit code 2', () => {
    let status = 0;
    try {
      execFileSync(TSX, ['scripts/demo-data.ts', '--seed', 'abc', '--out', join(tmp, 'bad')], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});

describe('demo-data: shape of the contract', () => {
  it('has exactly the contract header in every file, UTF-8 without BOM, one newline at the end', () => {
    for (const t of TABLES) {
      expect(files[t]!.header).toEqual(CONTRACT[t]);
      expect(files[t]!.text.charCodeAt(0)).not.toBe(0xfeff);
      expect(files[t]!.text.endsWith('\n')).toBe(true);
      const widths = new Set(parseCsv(files[t]!.text).map((r) => r.length));
      expect([...widths]).toEqual([CONTRACT[t]!.length]);
    }
  });

  it('keeps ids unique, pseudonymous and within the id rule; nothing like an NHS number or UPN', () => {
    const idField: Record<string, string> = { children: 'child_id', referrals: 'referral_id', assessments: 'assessment_id', tool_uses: 'tool_use_id', episodes: 'episode_id', education: 'record_id', actions: 'action_id' };
    for (const [t, f] of Object.entries(idField)) {
      const ids = table(t).map((r) => r[f]!);
      expect(new Set(ids).size, `${t}.${f} unique`).toBe(ids.length);
      expect(ids.filter((id) => !/^[A-Za-z0-9_.-]{1,64}$/.test(id))).toEqual([]);
    }
    for (const t of TABLES) {
      expect(files[t]!.text).not.toMatch(/\d{10}/);
      expect(files[t]!.text).not.toMatch(/[A-Z]\d{12}/);
    }
  });

  it('writes enums as canonical values and bools as true/false', () => {
    const opt = (xs: string[]) => ['', ...xs];
    const refs = table('referrals');
    const kids = table('children');
    const tools = table('tool_uses');
    const bad = [
      ...outside(refs, 'referrer_agency', AGENCIES),
      ...outside(refs, 'neglect_concern', ['true', 'false']),
      ...outside(refs, 'outcome', opt(['nfa', 'advice', 'early_help', 'assessment', 'strategy', 'other'])),
      ...outside(kids, 'sex', opt(['female', 'male', 'other', 'unknown'])),
      ...outside(kids, 'ethnicity', opt(['white', 'mixed', 'asian', 'black', 'other', 'unknown'])),
      ...outside(kids, 'disability', opt(['yes', 'no', 'unknown'])),
      ...outside(kids, 'imd_decile', opt(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])),
      ...outside(kids, 'locality', opt(['North', 'Central', 'South'])),
      ...kids.map((r) => r.birth_month!).filter((m) => m !== '' && !(/^\d{4}-\d{2}$/.test(m) && m >= '2005-01' && m <= '2026-02')),
      ...outside(tools, 'tool', ['gcp2', 'quality_of_care', 'local_toolkit', 'other']),
      ...outside(tools, 'lead_agency', AGENCIES),
      ...tools.flatMap((r) => r.contributing_agencies!.split(';').filter((a) => a !== '' && !AGENCIES.includes(a))),
      ...['physical_care', 'safety', 'love_belonging', 'esteem'].flatMap((g) => outside(tools, g, opt(['1', '2', '3', '4', '5']))),
      ...outside(table('assessments'), 'neglect_identified', opt(['true', 'false'])),
      ...outside(table('assessments'), 'outcome', opt(['nfa', 'early_help', 'child_in_need', 'child_protection', 'other'])),
      ...outside(table('episodes'), 'type', ['early_help', 'child_in_need', 'child_protection']),
      ...outside(table('episodes'), 'closure_reason', opt(['improved', 'no_change', 'non_engagement', 'consent_withdrawn', 'moved_away', 'stepped_up', 'stepped_down', 'other'])),
      ...outside(table('episodes'), 'neglect', opt(['true', 'false'])),
      ...outside(table('education'), 'status', ['missing_education', 'part_time_timetable', 'elective_home_education']),
      ...outside(table('actions'), 'status', ['not_started', 'on_track', 'at_risk', 'off_track', 'complete'])
    ];
    expect(bad).toEqual([]);
    // Messy realities: some blanks in optional child fields, some unknown agencies.
    for (const f of ['birth_month', 'sex', 'ethnicity', 'imd_decile', 'locality']) expect(kids.some((r) => r[f] === '')).toBe(true);
    expect(refs.some((r) => r.referrer_agency === 'unknown')).toBe(true);
  });

  it('keeps every event date from 2022-04-01 (referrals) to 2026-03-31, with the date-order rules', () => {
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    const ok = (d: string | undefined) => d === '' || (iso.test(d!) && d! >= '2021-01-01' && d! <= '2026-03-31');
    const bad: string[] = [];
    const refs = table('referrals');
    for (const r of refs) {
      if (!(r.referral_date! >= '2022-04-01' && r.referral_date! <= '2026-03-31')) bad.push(`referral_date ${r.referral_date}`);
      if (!ok(r.decision_date) || !ok(r.feedback_date)) bad.push(`${r.referral_id} dates`);
      if (r.decision_date && r.decision_date < r.referral_date!) bad.push(`${r.referral_id} decision before referral`);
      if (r.feedback_date && r.feedback_date < r.referral_date!) bad.push(`${r.referral_id} feedback before referral`);
      if ((r.outcome === '') !== (r.decision_date === '')) bad.push(`${r.referral_id} outcome without decision or the reverse`);
    }
    const pairs: [string, string, string][] = [
      ['assessments', 'start_date', 'completion_date'],
      ['episodes', 'start_date', 'end_date'],
      ['education', 'start_date', 'end_date'],
      ['education', 'start_date', 'first_action_date'],
      ['education', 'start_date', 'last_review_date']
    ];
    for (const [t, a, b] of pairs) {
      for (const r of table(t)) {
        if (r[a] === '' || !ok(r[a]) || !ok(r[b])) bad.push(`${t} ${a}/${b} ${r[a]} ${r[b]}`);
        if (r[b] && r[b]! < r[a]!) bad.push(`${t} ${b} before ${a}`);
      }
    }
    for (const r of table('tool_uses')) if (!(r.completed_date! >= '2022-04-01' && r.completed_date! <= '2026-03-31')) bad.push(`tool ${r.completed_date}`);
    for (const r of table('actions')) {
      if (!(r.due_date! <= '2026-12-31')) bad.push(`due ${r.due_date}`);
      if (r.completed_date && r.completed_date > '2026-03-31') bad.push(`completed ${r.completed_date}`);
    }
    expect(bad).toEqual([]);
    // The as-of date (latest event) is the last day of 2025-26.
    expect(refs.reduce((m, r) => (r.referral_date! > m ? r.referral_date! : m), '')).toBe('2026-03-31');
  });

  it('keeps aggregate rows consistent and action targets as fractions of known metrics', () => {
    // 16 quarters x 6 agencies x 2 tools = 192; 16 x 6 agencies x 6 barriers = 576.
    expect(table('training').length).toBe(192);
    expect(table('barriers').length).toBe(576);
    for (const r of table('training')) expect(Number(r.staff_trained) <= Number(r.staff_in_scope)).toBe(true);
    for (const r of table('barriers')) expect(Number(r.reporting_barrier) <= Number(r.respondents)).toBe(true);
    const metricIds = ['tool_use_neglect_assessments', 'tool_uses', 'tool_use_multi_agency', 'tool_review_6m', 'tool_improvement', 'rereferral_12m', 'repeat_referral_3plus_12m', 'nfa_rate', 'nfa_rereferred_12m', 'decision_within_1wd', 'decision_wd', 'awaiting_decision', 'feedback_within_3wd', 'assessment_within_45wd', 'assessment_wd', 'assessments_open_over_45wd', 'closure_without_change', 'closure_non_engagement', 'rereferral_after_closure_12m', 'education_first_action_5wd', 'missing_education_open', 'part_time_timetable_over_6w', 'missing_education_neglect_known', 'training_coverage', 'barrier_prevalence', 'cumulative_concern_no_tool'];
    const actions = table('actions');
    expect(actions.length).toBeGreaterThanOrEqual(10);
    for (const r of actions) {
      if (r.metric_id) expect(metricIds).toContain(r.metric_id);
      if (r.target) expect(Number(r.target) >= 0 && Number(r.target) <= 1).toBe(true);
    }
    expect(actions.some((r) => r.due_date! > '2026-03-31')).toBe(true);
    expect(actions.some((r) => r.due_date! < '2026-03-31' && r.status !== 'complete')).toBe(true); // overdue
  });
});

describe('demo-data: plausible headline figures', () => {
  it('has about 25,000 referrals over about 13,000 children, ~2% of them without a children row', () => {
    const refs = table('referrals');
    expect(refs.length).toBeGreaterThanOrEqual(23_000);
    expect(refs.length).toBeLessThanOrEqual(27_000);
    const referred = new Set(refs.map((r) => r.child_id));
    expect(referred.size).toBeGreaterThanOrEqual(11_500);
    expect(referred.size).toBeLessThanOrEqual(14_500);
    const withRow = new Set(table('children').map((r) => r.child_id));
    const missing = [...referred].filter((c) => !withRow.has(c)).length / referred.size;
    expect(missing).toBeGreaterThan(0.01);
    expect(missing).toBeLessThan(0.03);
  });

  it('re-refers about 22% of referrals within 12 months (computed independently)', () => {
    const byChild = new Map<string, Row[]>();
    for (const r of table('referrals')) {
      const list = byChild.get(r.child_id!) ?? [];
      list.push(r);
      byChild.set(r.child_id!, list);
    }
    let re = 0;
    let total = 0;
    for (const list of byChild.values()) {
      list.sort((a, b) => (a.referral_date! + a.referral_id! < b.referral_date! + b.referral_id! ? -1 : 1));
      list.forEach((r, i) => {
        total++;
        const from = minus12Months(r.referral_date!);
        if (list.slice(0, i).some((p) => p.referral_date! >= from)) re++;
      });
    }
    expect(re / total).toBeGreaterThan(0.19);
    expect(re / total).toBeLessThan(0.25);
  });

  it('has neglect concern on about 35% of referrals, assessment outcome on about 45%, a few awaiting decision', () => {
    const refs = table('referrals');
    const share = (f: (r: Row) => boolean) => refs.filter(f).length / refs.length;
    expect(share((r) => r.neglect_concern === 'true')).toBeGreaterThan(0.3);
    expect(share((r) => r.neglect_concern === 'true')).toBeLessThan(0.4);
    expect(share((r) => r.outcome === 'assessment')).toBeGreaterThan(0.4);
    expect(share((r) => r.outcome === 'assessment')).toBeLessThan(0.5);
    const awaiting = refs.filter((r) => r.decision_date === '').length;
    expect(awaiting).toBeGreaterThan(0);
    expect(awaiting).toBeLessThan(100);
  });

  it('completes most assessments within 45 working days and leaves a few open', () => {
    const as = table('assessments');
    const done = as.filter((a) => a.completion_date);
    // Counting weekdays only over-counts working days, so this share is a lower bound on the real one.
    const within = done.filter((a) => weekdaysBetween(a.start_date!, a.completion_date!) <= 45).length / done.length;
    expect(within).toBeGreaterThan(0.8);
    expect(within).toBeLessThan(0.92);
    const open = (as.length - done.length) / as.length;
    expect(open).toBeGreaterThan(0.02);
    expect(open).toBeLessThan(0.08);
  });

  it('shows tool use, training coverage rising and barriers falling between the first and last year', () => {
    const inYear = (d: string, fy: number) => d >= `${fy}-04-01` && d <= `${fy + 1}-03-31`;
    const tools = table('tool_uses');
    const first = tools.filter((t) => inYear(t.completed_date!, 2022)).length;
    const last = tools.filter((t) => inYear(t.completed_date!, 2025)).length;
    expect(last).toBeGreaterThan(3 * first);
    const ratio = (rows: Row[], q: string, num: string, den: string) => {
      const sel = rows.filter((r) => r.quarter === q);
      return sel.reduce((s, r) => s + Number(r[num]), 0) / sel.reduce((s, r) => s + Number(r[den]), 0);
    };
    const t0 = ratio(table('training'), '2022-23 Q1', 'staff_trained', 'staff_in_scope');
    const t1 = ratio(table('training'), '2025-26 Q4', 'staff_trained', 'staff_in_scope');
    expect(t0).toBeGreaterThan(0.2);
    expect(t0).toBeLessThan(0.4);
    expect(t1).toBeGreaterThan(0.7);
    expect(t1).toBeLessThan(0.9);
    const b0 = ratio(table('barriers'), '2022-23 Q1', 'reporting_barrier', 'respondents');
    const b1 = ratio(table('barriers'), '2025-26 Q4', 'reporting_barrier', 'respondents');
    expect(b1).toBeLessThan(b0);
    expect(table('education').length).toBeGreaterThan(1_200);
    expect(table('education').length).toBeLessThan(1_800);
  });
});
