/**
 * Parse the DfE C1 CSV in data/dfe/ into the compact module src/lib/national/dfe.json that ships
 * with the build (no network at run time). Run after replacing the CSV: `npm run dfe-json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { england, nationalFigure } from '../src/lib/national';
import { parseDfeC1 } from '../src/lib/national/parse';

export const DFE_CSV = 'data/dfe/dfe-c1-referrals-rereferrals-2013-2023.csv';
export const DFE_JSON = 'src/lib/national/dfe.json';

const data = parseDfeC1(readFileSync(DFE_CSV, 'utf8'));
writeFileSync(DFE_JSON, JSON.stringify(data) + '\n');
console.log(`${DFE_JSON}: ${data.areas.length} areas, years ${data.years[0]}-${data.years.at(-1)}`);

// The England figures of the measures the table covers, for the registry's national figure (tiles,
// pages, the pack and the method page read it there): a few bytes, not the whole table.
export const ENGLAND_JSON = 'src/lib/national/england.json';
const figures = Object.fromEntries(
  ['rereferral_12m', 'nfa_rate'].map((id) => {
    const f = nationalFigure(data, id);
    if (!f) throw new Error(`the DfE table has no England figure for ${id}`);
    return [id, { value: f.value, label: `${f.label} (table C1)` }];
  })
);
writeFileSync(ENGLAND_JSON, JSON.stringify({ area: england(data).name, ...figures }, null, 2) + '\n');
console.log(`${ENGLAND_JSON}: ${Object.keys(figures).join(', ')}`);
