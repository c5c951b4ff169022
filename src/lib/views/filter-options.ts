/** The choices the filter bar offers, from the loaded extract. */
import type { Engine } from '$lib/engine/types';
import { computeMetrics } from '$lib/metrics/compute';

export interface FilterOptions {
  quarters: string[];
  months: string[];
  localities: string[];
  agencies: string[];
  hasChildren: boolean;
}

export async function filterOptions(engine: Engine): Promise<FilterOptions> {
  const tables = await engine.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()"
  );
  const have = new Set(tables.map((t) => t.name));
  const periods = (await computeMetrics(engine, { ids: ['referrals'], breakdowns: false, includeExtra: true })).metrics;
  const localities = have.has('children')
    ? (
        await engine.query<{ l: string }>(
          "SELECT DISTINCT coalesce(nullif(trim(locality), ''), 'unknown') AS l FROM children ORDER BY l"
        )
      ).map((r) => r.l)
    : [];
  const agencies = (
    await engine.query<{ a: string }>('SELECT DISTINCT referrer_agency AS a FROM referrals ORDER BY a')
  ).map((r) => r.a);
  return {
    quarters: periods.filter((r) => r.grain === 'quarter').map((r) => r.period),
    months: periods.filter((r) => r.grain === 'month').map((r) => r.period),
    localities,
    agencies,
    hasChildren: have.has('children')
  };
}
