/**
 * Parse the DfE C1 CSV in data/dfe/ into the compact module src/lib/national/dfe.json that ships
 * with the build (no network at run time). Run after replacing the CSV: `npm run dfe-json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDfeC1 } from '../src/lib/national/parse';

export const DFE_CSV = 'data/dfe/dfe-c1-referrals-rereferrals-2013-2023.csv';
export const DFE_JSON = 'src/lib/national/dfe.json';

const data = parseDfeC1(readFileSync(DFE_CSV, 'utf8'));
writeFileSync(DFE_JSON, JSON.stringify(data) + '\n');
console.log(`${DFE_JSON}: ${data.areas.length} areas, years ${data.years[0]}-${data.years.at(-1)}`);
