/**
 * Import performance: two synthetic census years of N referrals each (default 25,000), imported
 * with the product's import (PBKDF2 at 600,000 iterations included). Median of R runs.
 *   npx tsx scripts/bench-import.ts [--referrals N] [--runs R]
 */
import { readFlags } from '../src/lib/cli/flags';
import { importFiles } from '../src/lib/imports';
import { generateCensus } from '../tests/fixtures/imports/generate-census';

async function main(): Promise<void> {
  const f = readFlags(process.argv.slice(2), { '--referrals': 'value', '--runs': 'value' });
  const n = Number(f.values.get('--referrals') ?? 25000);
  const runs = Number(f.values.get('--runs') ?? 3);
  const enc = new TextEncoder();
  const files = [2024, 2025].map((year) => ({ name: `census-${year}.xml`, bytes: enc.encode(generateCensus({ year, referrals: n })) }));
  process.stdout.write(`two census years, ${n} referrals each: ${files.map((x) => (x.bytes.length / 1e6).toFixed(1) + ' MB').join(' + ')}\n`);
  const times: number[] = [];
  const cpu: number[] = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    last = await importFiles(files, { passphraseText: 'a long synthetic passphrase', today: '2025-06-30' });
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  // on a shared machine wall time depends on the load; the process's CPU time (all its threads,
  // GC included) is the better guide to an unloaded machine
  cpu.sort((a, b) => a - b);
  process.stdout.write(`cpu ms: ${cpu.map((t) => t.toFixed(0)).join(', ')}\n`);
  times.sort((a, b) => a - b);
  process.stdout.write(`tables: ${JSON.stringify(last!.report.tables)}\n`);
  process.stdout.write(`import ms: ${times.map((t) => t.toFixed(0)).join(', ')} (median ${times[Math.floor(runs / 2)]!.toFixed(0)})\n`);
}

void main();
