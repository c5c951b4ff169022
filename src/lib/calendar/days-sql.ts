/**
 * The working-day table every metric reads: `_nm_days(d DATE, is_workday BOOLEAN, cum INTEGER)`
 * over 2000-01-01..2036-12-31, where cum(d) = working days in [2000-01-01, d], so
 * wd(a, b) = cum(b) - cum(a) by two equi-joins. Built once per engine (or carried by a prepared file).
 */
import type { Engine } from '../engine/types';
import { bankHolidaysBetween, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from './bank-holidays';

export const DAYS_TABLE = '_nm_days';

export function daysTableSql(): string {
  const hols = bankHolidaysBetween(CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR)
    .map((d) => `(DATE '${d}')`)
    .join(', ');
  return `CREATE OR REPLACE TABLE ${DAYS_TABLE} AS
WITH hol(d) AS (VALUES ${hols}),
cal AS (
  SELECT CAST(range AS DATE) AS d
  FROM range(DATE '${CALENDAR_FIRST_YEAR}-01-01', DATE '${CALENDAR_LAST_YEAR + 1}-01-01', INTERVAL 1 DAY)
),
flag AS (
  SELECT cal.d, (isodow(cal.d) <= 5 AND hol.d IS NULL) AS is_workday
  FROM cal LEFT JOIN hol ON hol.d = cal.d
)
SELECT d, is_workday, CAST(sum(CASE WHEN is_workday THEN 1 ELSE 0 END) OVER (ORDER BY d) AS INTEGER) AS cum
FROM flag ORDER BY d`;
}

/**
 * Create `_nm_days` unless the engine has it. Asked each time (one catalog query, only when the
 * metrics' relations are prepared afresh): a loaded prepared file may have carried the table, or
 * dropped it with the rest of an earlier extract (ingest/prepared.ts).
 */
export async function ensureDaysTable(engine: Engine): Promise<void> {
  const rows = await engine.query(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '${DAYS_TABLE}'`
  );
  if (Number(rows[0]?.n ?? 0) === 0) await engine.exec(daysTableSql());
}
