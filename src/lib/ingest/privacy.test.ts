/**
 * The privacy guard: the contract's column-name normalisation and lists, and the value checks with
 * their thresholds (NHS numbers 50%, full postcodes 50% of non-empty values, UPNs 90%).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { identifierInColumnName, identifierValues, scanValues, sqlTrim } from './privacy';

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
    ['address_line_1', 'address'],
    ['post_code', 'postcode'],
    ['e-mail', 'email'],
    ['NHSNumber', 'nhs'],
    ['given_name', 'given_name'],
    ['GivenName', 'given_name'],
    ['FamilyName', 'family_name'],
    ['birth_date', 'birth_date'],
    ['BirthDate', 'birth_date'],
    ['homeAddr', 'addr'],
    ['carer.Tele phone', 'telephone'],
    ['person.surname', 'surname'],
    ['First  Name', 'first_name']
  ])('%s is refused (%s)', (header, why) => {
    expect(identifierInColumnName(header)).toBe(why);
  });
  it.each(['locality_name', 'child_id', 'surnames', 'nhsno', 'named_worker', 'referral_date', 'birth_month', 'NameOfTeam'])('%s is fine', (header) => {
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
  it('refuses when at least 50% of 10-digit values pass, spaces or hyphens removed: 8 of 10', async () => {
    const vals = [...Array(4).fill('943 476 5919'), ...Array(4).fill('943-476-5919'), '9434765918', '4010232138', 'not a number'];
    expect(await check(vals)).toBe(
      "x.csv refused: column 'ref' holds what look like NHS numbers (8 of 10 ten-digit values pass the NHS number check). Remove that column, or replace its values with pseudonymous ids, and export the file again."
    );
  });
  it('refuses at exactly 50%: 1 of 2', async () => {
    expect(await check(['4010232137', '4010232138'])).toMatch(/NHS numbers \(1 of 2 ten-digit values/);
  });
  it('accepts pseudonyms that mostly fail: 1 of 3 is under 50%', async () => {
    expect(await check(['4010232137', '4010232138', '9434765918'])).toBeNull();
  });
  it('counts the forms the cheap tests must let through: led by a hyphen, spaced at the ends, 10 digits run together', async () => {
    // '-943 476 5919' (a hyphen first, kept by trimming), ' 9434765919 ' (trimmed), '4010232137';
    // '2024-01-01' (ten characters, a hyphen fifth) and 'assessment' are not ten-digit values
    const vals = ['-943 476 5919', ' 9434765919 ', '4010232137', '2024-01-01', 'assessment', '9434765918'];
    expect(await check(vals)).toMatch(/NHS numbers \(3 of 4 ten-digit values/);
  });
  it('ignores a column with no 10-digit value', async () => {
    expect(await check(['123456789', '12345678901', 'C1'])).toBeNull();
  });
});

describe('full postcodes in values', () => {
  it('refuses a column where at least 50% of non-empty values are full postcodes', async () => {
    // 'ST4 1AB', 'st41ab', 'SW1A 1AA' are full; 'Stoke', 'ST4' are not; '' is not counted: 3 of 5
    expect(await check(['ST4 1AB', 'st41ab', 'SW1A 1AA', 'Stoke', 'ST4', ''])).toBe(
      "x.csv refused: column 'ref' holds full postcodes (3 of 5 values). Remove that column, or give only an area's name (a locality), and export the file again."
    );
  });
  it('accepts fewer than 50%: 1 of 3', async () => {
    expect(await check(['M1 1AE', 'Manchester', 'Salford'])).toBeNull();
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

describe('a column of few distinct values (a date or a code) is checked once per distinct value', () => {
  // the same fixtures as above, the column scanned by its distinct values: each value counts as
  // often as it occurs, so the figures in the messages are the same
  const grouped = async (values: (string | null)[]) => {
    await engine.createTextTable('_g', [
      { name: 'c0', values: values.map(() => 'x') },
      { name: 'c1', values }
    ]);
    return scanValues(engine, '_g', ['id', 'ref'], 'x.csv', undefined, [false, true]);
  };
  it('counts repeated NHS numbers as often as they occur: 8 of 10', async () => {
    const vals = [...Array(4).fill('943 476 5919'), ...Array(4).fill('943-476-5919'), '9434765918', '4010232138', 'not a number'];
    expect((await grouped(vals)).refusal).toMatch(/column 'ref' holds what look like NHS numbers \(8 of 10 ten-digit values/);
  });
  it('counts repeated postcodes and empty values as often as they occur: 4 of 7', async () => {
    // 'ST4 1AB' twice and 'st41ab', 'SW1A 1AA' are full; 'Stoke' twice, 'ST4' are not; '' and null are not counted
    const vals = ['ST4 1AB', 'ST4 1AB', 'st41ab', 'SW1A 1AA', 'Stoke', 'Stoke', 'ST4', '', '', null];
    expect((await grouped(vals)).refusal).toMatch(/column 'ref' holds full postcodes \(4 of 7 values\)/);
  });
  it('accepts 3 postcodes of 7 values (under 50%), and tells the column is not plain when one value is padded', async () => {
    const vals = ['ST4 1AB', 'st41ab', 'SW1A 1AA', 'Stoke', 'Stoke', 'Stoke', ' Leek'];
    expect(await grouped(vals)).toEqual({ refusal: null, plain: [true, false] });
  });
  it('reads a column of repeated dates and codes as plain', async () => {
    expect(await grouped(['2022-04-01', '2022-04-01', 'social_care', 'social_care'])).toEqual({ refusal: null, plain: [true, true] });
  });
  it('counts a leading quote as not plain however often it occurs', async () => {
    expect((await grouped(["'=1", "'=1", 'a'])).plain).toEqual([true, false]);
  });
});

describe('sqlTrim', () => {
  // DuckDB's trim removes spaces and the Unicode space separators, never a tab
  it.each([
    [' a ', 'a'],
    ['\u00a0a\u3000', 'a'],
    ['a\u2003', 'a'],
    ['\ta', '\ta'],
    ['café ', 'café'],
    ['é', 'é'],
    ['!x', '!x'],
    ['a b', 'a b'],
    ['', '']
  ])('%j reads as %j', async (value, trimmed) => {
    await engine.createTextTable('_trim', [{ name: 'v', values: [value] }]);
    const [row] = await engine.query(`SELECT ${sqlTrim('v')} AS t FROM _trim`);
    expect(row?.t).toBe(trimmed);
  });
});
