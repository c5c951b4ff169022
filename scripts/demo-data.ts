/**
 * Write the seeded demo partnership extract as CSV files, one per table.
 *   npm run demo-data -- [--seed N] [--out DIR] [--referrals N]
 * Defaults: seed 20260331, out data/demo, 25,000 referrals. The same options give the same bytes.
 * For benchmarks: `npm run demo-data -- --referrals 1000000 --out /tmp/demo-1m` (other tables scale).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { DEMO_DEFAULT_REFERRALS, DEMO_DEFAULT_SEED, DEMO_TABLES, generateDemo } from '../src/lib/demo/generate';

const USAGE = 'usage: npm run demo-data -- [--seed N] [--out DIR] [--referrals N]';

function misuse(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { seed: number; out: string; referrals: number } {
  let seed = DEMO_DEFAULT_SEED;
  let out = 'data/demo';
  let referrals = DEMO_DEFAULT_REFERRALS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') misuse(`${flag} needs a value`);
      return v;
    };
    const whole = (v: string, min: number): number => {
      if (!/^\d+$/.test(v) || Number(v) < min) misuse(`${flag} must be a whole number >= ${min}`);
      return Number(v);
    };
    if (flag === '--seed') seed = whole(value(), 0);
    else if (flag === '--out') out = value();
    else if (flag === '--referrals') referrals = whole(value(), 1);
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else misuse(`unknown option ${a}`);
  }
  if (seed > 0xffffffff) misuse('--seed must be below 2^32');
  return { seed, out, referrals };
}

const opts = parseArgs(process.argv.slice(2));
// The whole extract is built in memory before it is written: 5M referrals peak at about 3.7 GB, at
// the edge of Node's default heap (about 4 GB), so large runs restart once with a larger heap.
if (opts.referrals > 2_000_000 && getHeapStatistics().heap_size_limit < 7e9 && !process.env.NM_DEMO_DATA_HEAP) {
  const r = spawnSync(process.execPath, [...process.execArgv, '--max-old-space-size=8192', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NM_DEMO_DATA_HEAP: '1' }
  });
  process.exit(r.status ?? 1);
}
const extract = generateDemo({ seed: opts.seed, referrals: opts.referrals });
mkdirSync(opts.out, { recursive: true });
for (const table of DEMO_TABLES) {
  const lines = extract[table];
  const path = join(opts.out, `${table}.csv`);
  // Written in slices so that a million-row table never needs one giant string.
  writeFileSync(path, '');
  for (let i = 0; i < lines.length; i += 100_000) {
    writeFileSync(path, lines.slice(i, i + 100_000).join('\n') + '\n', { flag: 'a' });
  }
  process.stdout.write(`${path}: ${lines.length - 1} rows\n`);
}
