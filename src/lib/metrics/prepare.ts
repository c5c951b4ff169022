/**
 * Everything the metrics read, prepared once per computation:
 * - which contract tables are in the extract;
 * - the as-of date (default: latest event date; an earlier one cuts the data as metrics.md says);
 * - cut, enriched copies of the typed tables (`_nm_ref`, `_nm_asm`, `_nm_tool`, `_nm_epi`,
 *   `_nm_edu`, `_nm_trn`, `_nm_bar`) so every metric reads the same as-of view of the data;
 * - `_nm_periods`: reported periods of both grains with their partial and completeness flags.
 */
import type { Engine } from '../engine/types';
import { ensureDaysTable, DAYS_TABLE } from '../calendar/days-sql';
import { addDays, addMonths } from '../calendar/bank-holidays';
import { addWorkingDays } from '../calendar/working-days';
import { periodsBetween, GRAINS } from '../calendar/periods';
import type { ItemsContext, TableName } from './types';
import { neglectFlagSql, unrecordedFields, type Unrecorded } from './recorded';

export const CONTRACT_TABLES: readonly TableName[] = [
  'children',
  'referrals',
  'assessments',
  'tool_uses',
  'episodes',
  'education',
  'training',
  'barriers'
];

/** The event-date fields that set the default as-of date (metrics.md, Conventions). */
export const AS_OF_FIELDS: Readonly<Partial<Record<TableName, readonly string[]>>> = {
  referrals: ['referral_date', 'decision_date', 'feedback_date'],
  assessments: ['start_date', 'completion_date'],
  tool_uses: ['completed_date'],
  episodes: ['start_date', 'end_date'],
  education: ['start_date', 'end_date', 'first_action_date', 'last_review_date']
};

export class AsOfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AsOfError';
  }
}

export const CTX: ItemsContext = {
  referrals: '_nm_ref',
  assessments: '_nm_asm',
  tool_uses: '_nm_tool',
  episodes: '_nm_epi',
  education: '_nm_edu',
  training: '_nm_trn',
  barriers: '_nm_bar',
  periods: '_nm_periods',
  days: DAYS_TABLE
};

export async function presentTables(engine: Engine): Promise<Set<TableName>> {
  const rows = await engine.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main'`
  );
  const names = new Set(rows.map((r) => r.t));
  return new Set(CONTRACT_TABLES.filter((t) => names.has(t)));
}

/** Latest event date of the loaded rows, or null when there is none. */
export async function defaultAsOf(engine: Engine, present: Set<TableName>): Promise<string | null> {
  const parts: string[] = [];
  for (const [t, fields] of Object.entries(AS_OF_FIELDS) as [TableName, string[]][]) {
    if (!present.has(t)) continue;
    for (const f of fields) parts.push(`SELECT max(${f}) AS d FROM ${t}`);
  }
  if (parts.length === 0) return null;
  const r = await engine.query<{ d: string | null }>(
    `SELECT strftime(max(d), '%Y-%m-%d') AS d FROM (${parts.join(' UNION ALL ')})`
  );
  return r[0]?.d ?? null;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The as-of date to use: the default, or an earlier one asked for; a later one is refused. */
export function resolveAsOf(requested: string | undefined, latest: string | null): string | null {
  if (requested === undefined || requested === '') return latest;
  if (!validDate(requested)) throw new AsOfError(`The as-of date "${requested}" is not a date (YYYY-MM-DD).`);
  if (latest === null) throw new AsOfError('The extract holds no event dates, so no as-of date can be set.');
  if (requested > latest)
    throw new AsOfError(
      `The as-of date ${requested} is after the latest date in the extract (${latest}); it can only be moved earlier.`
    );
  return requested;
}

function d(s: string): string {
  return `DATE '${s}'`;
}

function cut(col: string, asOf: string): string {
  return `CASE WHEN ${col} <= ${d(asOf)} THEN ${col} END`;
}

/**
 * SQL that (re)builds the prepared, as-of-cut relations of the tables in `present` (and only those:
 * prepare adds one table's relation later without building the others again). `unrecorded`: a row whose part does not
 * record the neglect field gets a NULL neglect_flag (recorded.ts neglectFlagSql).
 */
export function prepareSql(present: Set<TableName>, asOf: string, unrecorded: Unrecorded = new Map()): string {
  const A = d(asOf);
  const D = DAYS_TABLE;
  const out: string[] = [];
  // Referrals: cut, then each referral's neighbours in the child's (referral_date, referral_id) order
  // and working-day counts. Ids compare in byte order (DuckDB's default binary collation for VARCHAR).
  if (present.has('referrals'))
    out.push(`CREATE OR REPLACE TABLE _nm_ref AS
WITH c AS (
  SELECT referral_id, child_id, referral_date, referrer_agency, neglect_concern,
    ${cut('decision_date', asOf)} AS decision_date,
    CASE WHEN decision_date > ${A} THEN NULL ELSE outcome END AS outcome,
    ${cut('feedback_date', asOf)} AS feedback_date
  FROM referrals WHERE referral_date <= ${A}
)
SELECT c.*,
  lag(c.referral_date, 1) OVER w AS prev1_date,
  lag(c.referral_date, 2) OVER w AS prev2_date,
  lead(c.referral_date, 1) OVER w AS next_date,
  dd.cum - dr.cum AS wd_decision,
  df.cum - dr.cum AS wd_feedback
FROM c
JOIN ${D} dr ON dr.d = c.referral_date
LEFT JOIN ${D} dd ON dd.d = c.decision_date
LEFT JOIN ${D} df ON df.d = c.feedback_date
WINDOW w AS (PARTITION BY c.child_id ORDER BY c.referral_date, c.referral_id)`);
  if (present.has('assessments'))
    out.push(`CREATE OR REPLACE TABLE _nm_asm AS
WITH c AS (
  SELECT assessment_id, child_id, start_date, ${cut('completion_date', asOf)} AS completion_date,
    ${neglectFlagSql('assessments', 'assessment_id', unrecorded)} AS neglect_flag
  FROM assessments WHERE start_date <= ${A}
)
SELECT c.*, ds.cum AS cum_start, dc.cum - ds.cum AS wd_completion
FROM c JOIN ${D} ds ON ds.d = c.start_date LEFT JOIN ${D} dc ON dc.d = c.completion_date`);
  if (present.has('tool_uses'))
    out.push(`CREATE OR REPLACE TABLE _nm_tool AS
WITH c AS (
  SELECT tool_use_id, child_id, tool, completed_date, lead_agency,
    coalesce(contributing_agencies, []::VARCHAR[]) AS contributing_agencies,
    physical_care, safety, love_belonging, esteem,
    CASE WHEN physical_care IS NOT NULL AND safety IS NOT NULL AND love_belonging IS NOT NULL AND esteem IS NOT NULL
      THEN physical_care + safety + love_belonging + esteem END AS grade_sum
  FROM tool_uses WHERE completed_date <= ${A}
),
o AS (
  SELECT c.*,
    row_number() OVER w AS use_no,
    lag(c.grade_sum) OVER w AS prev_grade_sum,
    min(c.completed_date) OVER (PARTITION BY c.child_id, c.tool) AS base_date
  FROM c
  WINDOW w AS (PARTITION BY c.child_id, c.tool ORDER BY c.completed_date, c.tool_use_id)
)
SELECT o.*,
  min(CASE WHEN o.completed_date > o.base_date THEN o.completed_date END)
    OVER (PARTITION BY o.child_id, o.tool) AS first_later_date
FROM o`);
  if (present.has('episodes'))
    out.push(`CREATE OR REPLACE TABLE _nm_epi AS
SELECT episode_id, child_id, type, start_date, ${cut('end_date', asOf)} AS end_date,
  CASE WHEN end_date <= ${A} THEN closure_reason END AS closure_reason,
  ${neglectFlagSql('episodes', 'episode_id', unrecorded)} AS neglect_flag
FROM episodes WHERE start_date <= ${A}`);
  if (present.has('education'))
    out.push(`CREATE OR REPLACE TABLE _nm_edu AS
WITH c AS (
  SELECT record_id, child_id, status, start_date, ${cut('end_date', asOf)} AS end_date,
    ${cut('first_action_date', asOf)} AS first_action_date, ${cut('last_review_date', asOf)} AS last_review_date
  FROM education WHERE start_date <= ${A}
)
SELECT c.*, df.cum - ds.cum AS wd_first_action
FROM c JOIN ${D} ds ON ds.d = c.start_date LEFT JOIN ${D} df ON df.d = c.first_action_date`);
  if (present.has('training'))
    out.push(`CREATE OR REPLACE VIEW _nm_trn AS SELECT quarter, agency, tool, staff_in_scope, staff_trained FROM training`);
  if (present.has('barriers'))
    out.push(
      `CREATE OR REPLACE VIEW _nm_bar AS SELECT quarter, agency, barrier, respondents, reporting_barrier FROM barriers`
    );
  return out.join(';\n');
}

export interface PeriodRow {
  grain: 'quarter' | 'month';
  period: string;
  p_start: string;
  p_end: string;
  e: string;
  partial: boolean;
  lookback_12m: boolean;
  followup_12m: boolean;
  followup_183d: boolean;
  followup_1wd: boolean;
  followup_3wd: boolean;
  followup_5wd: boolean;
  cumulative_12m: boolean;
  e_minus_12m: string;
  /** Month label of E: a snapshot at a quarter's E is the snapshot at this month's E. */
  e_month: string;
  /** Integer period key: months since year 0 (month grain); (that - 3) div 3 for quarters. */
  k: number;
}

/** Reported periods (both grains) from the earliest referral_date to the as-of date, with flags. */
export function buildPeriods(firstReferral: string | null, asOf: string): PeriodRow[] {
  if (firstReferral === null || firstReferral > asOf) return [];
  const rows: PeriodRow[] = [];
  for (const grain of GRAINS) {
    for (const p of periodsBetween(grain, firstReferral, asOf)) {
      const e = p.end > asOf ? asOf : p.end;
      rows.push({
        grain,
        period: p.label,
        p_start: p.start,
        p_end: p.end,
        e,
        partial: p.end > asOf,
        // "complete: false ... when the period's first day minus L is before the earliest referral_date"
        lookback_12m: addMonths(p.start, -12) >= firstReferral,
        // "... when the period's last day plus F is after the as-of date"
        followup_12m: addMonths(p.end, 12) <= asOf,
        followup_183d: addDays(p.end, 183) <= asOf,
        followup_1wd: addWorkingDays(p.end, 1) <= asOf,
        followup_3wd: addWorkingDays(p.end, 3) <= asOf,
        followup_5wd: addWorkingDays(p.end, 5) <= asOf,
        cumulative_12m: addMonths(e, -12) >= firstReferral,
        e_minus_12m: addMonths(e, -12),
        k: periodKey(grain, p.start),
        e_month: e.slice(0, 7)
      });
    }
  }
  return rows;
}

/** Same key as the SQL in sql-blocks.ts: year*12 + month - 1, and (that - 3) div 3 for quarters. */
export function periodKey(grain: 'quarter' | 'month', start: string): number {
  const mi = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1;
  return grain === 'month' ? mi : Math.floor((mi - 3) / 3);
}

export function periodsSql(rows: PeriodRow[]): string {
  const cols =
    'grain VARCHAR, period VARCHAR, p_start DATE, p_end DATE, e DATE, partial BOOLEAN, lookback_12m BOOLEAN, followup_12m BOOLEAN, followup_183d BOOLEAN, followup_1wd BOOLEAN, followup_3wd BOOLEAN, followup_5wd BOOLEAN, cumulative_12m BOOLEAN, e_minus_12m DATE, k INTEGER, e_month VARCHAR';
  if (rows.length === 0) return `CREATE OR REPLACE TABLE _nm_periods (${cols})`;
  const values = rows
    .map(
      (r) =>
        `('${r.grain}', '${r.period}', ${d(r.p_start)}, ${d(r.p_end)}, ${d(r.e)}, ${r.partial}, ${r.lookback_12m}, ${r.followup_12m}, ${r.followup_183d}, ${r.followup_1wd}, ${r.followup_3wd}, ${r.followup_5wd}, ${r.cumulative_12m}, ${d(r.e_minus_12m)}, ${r.k}, '${r.e_month}')`
    )
    .join(',\n');
  return `CREATE OR REPLACE TABLE _nm_periods (${cols});\nINSERT INTO _nm_periods VALUES\n${values}`;
}

export interface Prepared {
  asOf: string | null;
  present: Set<TableName>;
  periods: PeriodRow[];
  /** Per table, fields some loaded rows' files do not record while others' do (metrics/recorded.ts). */
  unrecorded: Unrecorded;
}

/** The prepared relation kept as a table for each extract table that has one (not children, not the views). */
const TABLE_RELATIONS: Partial<Record<TableName, string>> = {
  referrals: CTX.referrals,
  assessments: CTX.assessments,
  tool_uses: CTX.tool_uses,
  episodes: CTX.episodes,
  education: CTX.education
};

/** The relations prepare builds as tables (never part of the fingerprint: only prepare changes them). */
const PREPARED_RELATIONS = new Set<string>([...Object.values(TABLE_RELATIONS), CTX.periods, DAYS_TABLE]);

/**
 * Fingerprint of the extract's tables: a table replaced (new oid) or grown/shrunk (new estimated
 * size) changes it, so prepared relations are reused only while the data is unchanged. The prepared
 * relations themselves are left out: building one more of them does not change the data.
 */
async function fingerprint(engine: Engine, requestedAsOf: string | undefined): Promise<string> {
  const names = CONTRACT_TABLES.map((t) => `'${t}'`).join(', ');
  const rows = await engine.query<{ table_name: string }>(
    `SELECT table_name, table_oid, estimated_size, column_count FROM duckdb_tables()
     WHERE schema_name = 'main' AND database_name = current_database() AND (table_name IN (${names}) OR starts_with(table_name, '_nm_'))
     ORDER BY table_name`
  );
  return JSON.stringify([requestedAsOf ?? null, rows.filter((r) => !PREPARED_RELATIONS.has(r.table_name))]);
}

interface CacheEntry {
  key: string;
  prep: Prepared;
  /** the extract tables whose prepared relation is built (referrals always: the periods read it) */
  built: Set<TableName>;
}

const cache = new WeakMap<Engine, CacheEntry>();

/**
 * Work out the as-of date and build the prepared relations of `tables` (default: every table in the
 * extract), reused while the data is unchanged. Each relation is built the first time a question
 * needs it: the first page after a load (say /referrals) waits only for its own tables' relations,
 * not for every table's (a million referrals' extract: about 40% of the work). Referrals' relation
 * and the periods are always built (every measure's periods start at the first referral).
 */
export async function prepare(engine: Engine, requestedAsOf?: string, tables?: readonly TableName[]): Promise<Prepared> {
  const key = await fingerprint(engine, requestedAsOf);
  let hit = cache.get(engine);
  if (!hit || hit.key !== key) {
    cache.delete(engine);
    const { prep, built } = await prepareFresh(engine, requestedAsOf, tables);
    hit = { key, prep, built };
    cache.set(engine, hit);
    return prep;
  }
  const { prep, built } = hit;
  if (prep.asOf === null) return prep;
  const missing = new Set([...(tables ?? prep.present)].filter((t) => prep.present.has(t) && !built.has(t)));
  if (missing.size) {
    await engine.exec(prepareSql(missing, prep.asOf, prep.unrecorded));
    for (const t of missing) built.add(t);
  }
  return prep;
}

/** The reported periods from the first prepared referral (`_nm_ref`) to `asOf`. */
async function periodsTo(engine: Engine, asOf: string): Promise<PeriodRow[]> {
  const r = await engine.query<{ d: string | null }>(`SELECT strftime(min(referral_date), '%Y-%m-%d') AS d FROM _nm_ref`);
  return buildPeriods(r[0]?.d ?? null, asOf);
}

/**
 * The prepared relations kept as tables (the two views are made again: they cost nothing), which a
 * prepared database file can carry beside the extract's tables (scripts/prepare.ts, the demo), and
 * the table saying what they were built for.
 */
export const BUILT_FOR_TABLE = '_nm_built_for';
export const CARRIED_RELATIONS: readonly string[] = [...PREPARED_RELATIONS, BUILT_FOR_TABLE];

const VIEW_TABLES: readonly TableName[] = ['training', 'barriers'];

/**
 * Write, beside the relations prepare has built on `engine` (at the default as-of date), which they
 * are and the as-of date they were built for, so a prepared database file saved now can carry them
 * (adoptBuilt). Call after prepare(engine).
 */
export async function recordBuilt(engine: Engine): Promise<void> {
  const hit = cache.get(engine);
  if (!hit || hit.prep.asOf === null || hit.key !== (await fingerprint(engine, undefined)))
    throw new Error('recordBuilt: prepare(engine) at the default as-of date first');
  const relations = [...hit.built].flatMap((t) => TABLE_RELATIONS[t] ?? []);
  const rows = [...relations, CTX.periods, DAYS_TABLE].map((r) => `('${r}', DATE '${hit.prep.asOf}')`);
  await engine.exec(`CREATE OR REPLACE TABLE ${BUILT_FOR_TABLE} AS SELECT * FROM (VALUES ${rows.join(', ')}) t(relation, as_of)`);
}

/**
 * After a prepared database file is loaded with its relations (ingest/prepared.ts, the demo): take
 * them as built, without building them again, when they were built for the as-of date this
 * extract's rows give (the default). The as-of date, tables, periods and unrecorded fields are
 * worked out here as prepare does; only the relations are reused. Returns false (nothing adopted:
 * prepare builds them when asked) when the file carries none or they were built for another date.
 */
export async function adoptBuilt(engine: Engine): Promise<boolean> {
  const marked = await engine.query<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND database_name = current_database() AND table_name = '${BUILT_FOR_TABLE}'`
  );
  if (Number(marked[0]?.n ?? 0) === 0) return false;
  const rows = await engine.query<{ relation: string; as_of: string }>(
    `SELECT relation, strftime(as_of, '%Y-%m-%d') AS as_of FROM ${BUILT_FOR_TABLE}`
  );
  const present = await presentTables(engine);
  const unrecorded = await unrecordedFields(engine, [...present]);
  const asOf = present.has('referrals') ? await defaultAsOf(engine, present) : null;
  const have = new Set(rows.filter((r) => r.as_of === asOf).map((r) => r.relation));
  if (asOf === null || rows.length === 0 || have.size !== rows.length || !have.has(CTX.referrals) || !have.has(CTX.periods) || !have.has(DAYS_TABLE))
    return false;
  const built = new Set<TableName>(
    [...present].filter((t) => {
      if (VIEW_TABLES.includes(t)) return false; // made below
      const relation = TABLE_RELATIONS[t];
      return relation === undefined || have.has(relation); // children: nothing to build
    })
  );
  const views = new Set(VIEW_TABLES.filter((t) => present.has(t)));
  if (views.size) await engine.exec(prepareSql(views, asOf, unrecorded));
  for (const t of views) built.add(t);
  const prep: Prepared = { asOf, present, periods: await periodsTo(engine, asOf), unrecorded };
  cache.set(engine, { key: await fingerprint(engine, undefined), prep, built });
  return true;
}

async function prepareFresh(
  engine: Engine,
  requestedAsOf: string | undefined,
  tables: readonly TableName[] | undefined
): Promise<{ prep: Prepared; built: Set<TableName> }> {
  await ensureDaysTable(engine);
  const present = await presentTables(engine);
  const unrecorded = await unrecordedFields(engine, [...present]);
  if (!present.has('referrals')) return { prep: { asOf: null, present, periods: [], unrecorded }, built: new Set(present) };
  const latest = await defaultAsOf(engine, present);
  const asOf = resolveAsOf(requestedAsOf, latest);
  if (asOf === null) {
    await engine.exec(prepareSql(present, '1999-12-31', unrecorded) + ';\n' + periodsSql([]));
    return { prep: { asOf, present, periods: [], unrecorded }, built: new Set(present) };
  }
  const built = new Set<TableName>((['referrals', ...(tables ?? present)] as TableName[]).filter((t) => present.has(t)));
  await engine.exec(prepareSql(built, asOf, unrecorded));
  const periods = await periodsTo(engine, asOf);
  await engine.exec(periodsSql(periods));
  return { prep: { asOf, present, periods, unrecorded }, built };
}
