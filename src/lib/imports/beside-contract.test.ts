/**
 * The load's privacy guard skips the value scan only for the columns an import wrote itself
 * (InputFile.importWritten): on imported census and Annex A output the load report is exactly the
 * one a full scan gives, and a column the import does not write (locality) is scanned as ever.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { loadExtract, type InputFile } from '../ingest';
import { annexAWorkbook } from '../../../tests/fixtures/imports/annex-a';
import { PASSPHRASE } from '../../../tests/fixtures/imports/ids';
import { importBesideContract, importWrittenColumns, splitFiles } from './beside-contract';

const today = '2025-06-30';
let engine: NodeEngine;
beforeEach(async () => {
  engine = await NodeEngine.create();
});
afterEach(async () => {
  await engine.close();
});

const enc = new TextEncoder();

const planted = (id: string, code: string) =>
  `<Child><ChildIdentifiers><LAchildID>${id}</LAchildID><PersonBirthDate>${code}</PersonBirthDate><GenderCurrent>${code}</GenderCurrent></ChildIdentifiers>` +
  `<ChildCharacteristics><Ethnicity>${code}</Ethnicity><Disabilities><Disability>${code}</Disability></Disabilities></ChildCharacteristics>` +
  `<CINdetails><CINreferralDate>2025-01-0${id.length % 9 + 1}</CINreferralDate><ReferralSource>1A</ReferralSource><ReasonForClosure>${code}</ReasonForClosure><ReferralNFA>${code}</ReferralNFA>` +
  `<Assessments><AssessmentActualStartDate>2025-01-10</AssessmentActualStartDate><FactorsIdentifiedAtAssessment><AssessmentFactors>${code}</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>` +
  `<ChildProtectionPlans><CPPstartDate>2025-01-20</CPPstartDate><InitialCategoryOfAbuse>${code}</InitialCategoryOfAbuse></ChildProtectionPlans></CINdetails></Child>`;
const PLANTED_CENSUS =
  '<Message><Header><CollectionDetails><Collection>CIN</Collection><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header><Children>' +
  planted('9434765919', 'SW1A 1AA') +
  planted('943 476 5870', 'A123456789012') +
  planted('SW1A1AA', '401 023 2137') +
  '</Children></Message>';

describe('importWritten: the value scan skipped only where the import wrote the values', () => {
  it('names every imported column but locality', () => {
    expect(importWrittenColumns(['child_id', 'birth_month', 'sex', 'ethnicity', 'disability', 'locality'])).toEqual([
      'child_id',
      'birth_month',
      'sex',
      'ethnicity',
      'disability'
    ]);
  });

  it('gives imported census and Annex A output the same load report as a full scan', async () => {
    const files = [
      { name: 'census-2024.xml', bytes: new Uint8Array(readFileSync('tests/fixtures/imports/census-2024.xml')) },
      { name: 'census-2025.xml', bytes: new Uint8Array(readFileSync('tests/fixtures/imports/census-2025.xml')) },
      { name: 'annex-a.xlsx', bytes: annexAWorkbook() },
      // identifier-like values planted where the census has ids and codes: none may reach a written column
      { name: 'planted.xml', bytes: enc.encode(PLANTED_CENSUS) }
    ];
    const b = await importBesideContract(splitFiles(files), PASSPHRASE, { today });
    const marked = b.files.filter((f) => f.importWritten);
    // the Annex A fixture's events all fall in the census years (covered, not written again): its
    // children table is its one part
    expect(marked.map((f) => f.name).sort()).toEqual([
      'assessments.census.csv',
      'children.annex-a.csv',
      'children.census.csv',
      'episodes.census.csv',
      'referrals.census.csv'
    ]);
    const skipped = await loadExtract(engine, b.files, { today });
    const full = await loadExtract(engine, b.files.map((f) => ({ name: f.name, bytes: f.bytes })), { today });
    expect(skipped.replaced).toBe(true);
    expect(skipped).toEqual(full);
  });

  it('still scans a column the import does not write: planted postcodes in locality are refused', async () => {
    const children: InputFile = {
      name: 'children.census.csv',
      bytes: enc.encode('child_id,birth_month,sex,ethnicity,disability,locality\nC1,2015-06,male,white,no,SW1A 1AA\nC2,2016-01,female,asian,yes,M1 1AE\n'),
      importWritten: importWrittenColumns(['child_id', 'birth_month', 'sex', 'ethnicity', 'disability', 'locality'])
    };
    const r = await loadExtract(engine, [children], { today });
    expect(r.refused.map((x) => x.reason)).toEqual([
      "children.census.csv refused: column 'locality' holds full postcodes (2 of 2 values). Remove that column, or give only an area's name (a locality), and export the file again."
    ]);
  });

  it('scans every column of a file the import did not write (no marker): planted postcodes in an id column are refused', async () => {
    const children: InputFile = {
      name: 'children.csv',
      bytes: enc.encode('child_id,birth_month\nSW1A 1AA,2015-06\nM1 1AE,2016-01\n')
    };
    const r = await loadExtract(engine, [children], { today });
    expect(r.refused.map((x) => x.reason)).toEqual([
      "children.csv refused: column 'child_id' holds full postcodes (2 of 2 values). Remove that column, or give only an area's name (a locality), and export the file again."
    ]);
  });
});
