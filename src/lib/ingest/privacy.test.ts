/** The privacy guard: column-name words, and the NHS-number / UPN value checks with their 90% thresholds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { identifierInColumnName, identifierValues } from './privacy';

describe('identifier-like column names', () => {
  it.each([
    ['Name', 'name'],
    ['first-name', 'first_name'],
    ['Child Name', 'child_name'],
    ['date of birth', 'date_of_birth'],
    ['NI Number', 'ni_number'],
    ['nhs_number', 'nhs'],
    ['Home Postcode', 'postcode'],
    ['child_dob', 'dob'],
    ['UPN', 'upn'],
    ['carer email', 'email'],
    ['Mobile-No', 'mobile'],
    ['address_line_1', 'address']
  ])('%s is refused (%s)', (header, why) => {
    expect(identifierInColumnName(header)).toBe(why);
  });
  it.each(['locality_name', 'child_id', 'surnames', 'nhsno', 'named_worker', 'referral_date'])('%s is fine', (header) => {
    expect(identifierInColumnName(header)).toBeNull();
  });
});

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.create();
});
afterAll(async () => {
  await engine.close();
});

async function check(values: string[]): Promise<string | null> {
  await engine.createTextTable('_t', [{ name: 'c0', values }]);
  return identifierValues(engine, '_t', ['ref'], 'x.csv');
}

describe('NHS numbers in values', () => {
  // valid (Modulus 11): 9434765919 (sum 299, 299 mod 11 = 2, 11 - 2 = 9) and
  // 4010232137 (sum 92, 92 mod 11 = 4, 11 - 4 = 7); invalid: 9434765918, 4010232138
  it('refuses when at least 90% of 10-digit values pass: 9 of 10', async () => {
    const vals = [...Array(9).fill('943 476 5919'), '9434765918', 'not a number'];
    expect(await check(vals)).toMatch(/NHS numbers \(9 of 10 ten-digit values/);
  });
  it('accepts pseudonyms that mostly fail: 8 of 10 is under 90%', async () => {
    const vals = [...Array(8).fill('4010232137'), '4010232138', '4010232138'];
    expect(await check(vals)).toBeNull();
  });
  it('ignores a column with no 10-digit value', async () => {
    expect(await check(['123456789', '12345678901', 'C1'])).toBeNull();
  });
});

describe('UPNs in values', () => {
  // C100000000000: 1*2 = 2 -> C; P000000000001: 1*13 = 13 -> P; K100000000000 has a wrong letter
  it('refuses when at least 90% carry a valid check letter (case-insensitive)', async () => {
    expect(await check(['c100000000000', 'P000000000001'])).toMatch(/Unique Pupil Numbers \(2 of 2 values/);
  });
  it('accepts when fewer than 90% are valid: 1 of 2', async () => {
    expect(await check(['C100000000000', 'K100000000000'])).toBeNull();
  });
});
