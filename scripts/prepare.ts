/**
 * Build step: compute the overview's charts on the demo data with native DuckDB, by the same SQL
 * the browser runs, and write them to src/lib/views/prepared.json. The page shows these at once,
 * before the browser engine has started, and replaces them with live results when it is ready.
 */
import { writeFileSync } from 'node:fs';
import { computePrepared } from './prepared-lib';

const out = 'src/lib/views/prepared.json';
const prepared = await computePrepared('data/demo');
writeFileSync(out, JSON.stringify(prepared) + '\n');
console.log(`prepared ${Object.keys(prepared).length} overview charts -> ${out}`);
