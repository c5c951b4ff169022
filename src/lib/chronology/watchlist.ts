/**
 * The cumulative-harm watchlist: the children who meet the `cumulative_concern_no_tool` pattern at
 * the as-of date A (metrics.md: at least 3 referrals dated after A minus 12 months and on or before
 * A, and no tool use completed in that window), with their referral count in the window, the
 * agencies that referred them, their last recorded event and a link to the chronology. Reads the
 * same as-of-cut relations as the measure (prepare.ts), so the list is the measure's numerator at A.
 * Analyst's view only.
 */
import type { Engine } from '../engine/types';
import { CTX, prepare } from '../metrics/prepare';
import type { TableName } from '../metrics/types';
import { codePointCompare } from '../metrics/compute';
import { csvCell } from '../contract/csv-cell';

export interface WatchRow {
  child_id: string;
  /** Referrals in the 12 months to A. */
  referrals: number;
  first_referral: string;
  last_referral: string;
  /** Distinct referring agencies in the window, sorted. */
  agencies: string[];
  /** The latest record (by its first date, on or before A) of any table, and which. */
  last_event_date: string;
  last_event_table: string;
  last_event_id: string;
}

export interface Watchlist {
  /** null when the extract has no tool_uses table (the pattern cannot be judged) or no dates. */
  asOf: string | null;
  windowStart: string | null;
  hasTools: boolean;
  rows: WatchRow[];
}

/** SQL of the watchlist at as-of date `asOf` over the prepared relations present. */
export function watchlistSql(present: ReadonlySet<TableName>, asOf: string): string {
  const A = `DATE '${asOf}'`;
  const from = `CAST(${A} - INTERVAL 12 MONTH AS DATE)`;
  const events = [
    `SELECT child_id, 'referrals' AS tbl, referral_id AS id, referral_date AS d, 1 AS rank FROM ${CTX.referrals}`,
    present.has('assessments') ? `SELECT child_id, 'assessments', assessment_id, start_date, 2 FROM ${CTX.assessments}` : null,
    present.has('tool_uses') ? `SELECT child_id, 'tool_uses', tool_use_id, completed_date, 3 FROM ${CTX.tool_uses}` : null,
    present.has('episodes') ? `SELECT child_id, 'episodes', episode_id, start_date, 4 FROM ${CTX.episodes}` : null,
    present.has('education') ? `SELECT child_id, 'education', record_id, start_date, 5 FROM ${CTX.education}` : null
  ].filter((x) => x !== null);
  return `WITH w AS (
  SELECT child_id, count(*) AS referrals, min(referral_date) AS first_referral, max(referral_date) AS last_referral,
    list_sort(list_distinct(list(CAST(referrer_agency AS VARCHAR)))) AS agencies
  FROM ${CTX.referrals}
  WHERE referral_date > ${from} AND referral_date <= ${A}
  GROUP BY child_id
  HAVING count(*) >= 3
),
listed AS (
  SELECT w.* FROM w
  WHERE NOT EXISTS (SELECT 1 FROM ${CTX.tool_uses} t WHERE t.child_id = w.child_id AND t.completed_date > ${from} AND t.completed_date <= ${A})
),
ev AS (
  SELECT e.*, row_number() OVER (PARTITION BY e.child_id ORDER BY e.d DESC, e.rank DESC, e.id DESC) AS n
  FROM (${events.join('\n    UNION ALL ')}) e(child_id, tbl, id, d, rank)
  WHERE e.child_id IN (SELECT child_id FROM listed)
)
SELECT l.child_id, CAST(l.referrals AS INTEGER) AS referrals, l.first_referral, l.last_referral, l.agencies,
  ev.d AS last_event_date, ev.tbl AS last_event_table, ev.id AS last_event_id
FROM listed l JOIN ev ON ev.child_id = l.child_id AND ev.n = 1`;
}

export async function watchlist(engine: Engine, asOf?: string): Promise<Watchlist> {
  const prep = await prepare(engine, asOf);
  const hasTools = prep.present.has('tool_uses');
  if (prep.asOf === null || !hasTools) return { asOf: prep.asOf, windowStart: null, hasTools, rows: [] };
  const rows = await engine.query(watchlistSql(prep.present, prep.asOf));
  const [w] = await engine.query<{ s: string }>(`SELECT CAST(DATE '${prep.asOf}' - INTERVAL 12 MONTH AS DATE) AS s`);
  return {
    asOf: prep.asOf,
    windowStart: w?.s ?? null,
    hasTools,
    rows: sortWatchlist(
      rows.map((r) => ({
        child_id: String(r.child_id),
        referrals: Number(r.referrals),
        first_referral: String(r.first_referral),
        last_referral: String(r.last_referral),
        agencies: (r.agencies as string[]) ?? [],
        last_event_date: String(r.last_event_date),
        last_event_table: String(r.last_event_table),
        last_event_id: String(r.last_event_id)
      })),
      'referrals',
      'desc'
    )
  };
}

export type WatchKey = 'child_id' | 'referrals' | 'agencies' | 'last_event_date';

/** Sorted copy: by the key, then by child id (code point order) so ties are stable. */
export function sortWatchlist(rows: readonly WatchRow[], key: WatchKey, dir: 'asc' | 'desc'): WatchRow[] {
  const cmp = (a: WatchRow, b: WatchRow): number => {
    switch (key) {
      case 'referrals':
        return a.referrals - b.referrals;
      case 'agencies':
        return a.agencies.length - b.agencies.length || codePointCompare(a.agencies.join(','), b.agencies.join(','));
      case 'last_event_date':
        return codePointCompare(a.last_event_date, b.last_event_date);
      case 'child_id':
        return 0;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  // ties by child id ascending, except when the child id is the key itself
  const tieSign = key === 'child_id' ? sign : 1;
  return [...rows].sort((a, b) => sign * cmp(a, b) || tieSign * codePointCompare(a.child_id, b.child_id));
}

/** The analyst's CSV of the watchlist (UTF-8 with byte-order mark). */
export function watchlistCsv(w: Watchlist, rows: readonly WatchRow[]): string {
  const head = ['as_of', 'child_id', 'referrals_12m', 'first_referral', 'last_referral', 'agencies', 'last_event_date', 'last_event_table', 'last_event_id'];
  const lines = [head.join(',')];
  for (const r of rows)
    lines.push([w.asOf, r.child_id, r.referrals, r.first_referral, r.last_referral, r.agencies.join(';'), r.last_event_date, r.last_event_table, r.last_event_id].map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
