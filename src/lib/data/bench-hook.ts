/**
 * For `npm run bench` only: with `?bench` in the address, the page exposes one function that
 * computes every metric (both grains, overall and all breakdowns) on the loaded extract through the
 * session, and returns the row count and the time it took. It reads nothing the page does not
 * already show and sends nothing anywhere.
 */
import { computeMetrics } from '$lib/metrics/compute';
import { session } from './session.svelte';

export function installBenchHook(): void {
  if (!new URLSearchParams(location.search).has('bench')) return;
  (window as unknown as Record<string, unknown>).__neglectMonitorBench = {
    computeAll: async (): Promise<{ rows: number; ms: number }> => {
      const t0 = performance.now();
      const result = await session.run(`bench-all-${Math.random()}`, (engine) => computeMetrics(engine));
      return { rows: result.metrics.length, ms: performance.now() - t0 };
    }
  };
}
