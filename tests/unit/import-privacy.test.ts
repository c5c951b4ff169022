import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importFiles, importReportJson } from '../../src/lib/imports';
import { annexAWorkbook, PLANTED } from '../fixtures/imports/annex-a';
import { PASSPHRASE } from '../fixtures/imports/ids';

const today = '2025-06-30';

/** Every personal value planted in the fixtures, in the forms it could leak in. */
const needles = [
  PLANTED.surname,
  PLANTED.surname.toLowerCase(),
  PLANTED.worker,
  PLANTED.team,
  PLANTED.postcode,
  PLANTED.postcode.replace(' ', ''),
  PLANTED.upn,
  'B987654321098',
  'C111111111111',
  PLANTED.dobText,
  PLANTED.dobIso,
  PLANTED.dobSerialIso,
  PLANTED.censusDob,
  '17/06/2015',
  '2024-04-28',
  '2010-01-31',
  '8.73',
  '42429',
  PASSPHRASE
];

// a census whose malformed values carry personal data into places a problem would quote
const bad = `<Message><Header><CollectionDetails><Collection>CIN</Collection><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>9</LAchildID><PersonBirthDate>17/06/2015 ${PLANTED.surname}</PersonBirthDate><GenderCurrent>${PLANTED.surname}</GenderCurrent></ChildIdentifiers>
<ChildCharacteristics><Ethnicity>${PLANTED.postcode}</Ethnicity></ChildCharacteristics>
<CINdetails><CINreferralDate>${PLANTED.surname} 2024</CINreferralDate><ReferralSource>6</ReferralSource></CINdetails>
<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>${PLANTED.worker}</ReferralSource></CINdetails>
</Child></Children></Message>`;

describe('minimised on read: planted personal values appear in no output', () => {
  const logs: string[] = [];
  afterEach(() => vi.restoreAllMocks());

  it('not in tables, CSV files, the report, problems or the console', async () => {
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(' ')));
    }
    const files = [
      { name: 'census-2024.xml', bytes: new Uint8Array(readFileSync('tests/fixtures/imports/census-2024.xml')) },
      { name: 'census-2025.xml', bytes: new Uint8Array(readFileSync('tests/fixtures/imports/census-2025.xml')) },
      { name: 'bad.xml', bytes: new TextEncoder().encode(bad) },
      { name: 'annex-a.xlsx', bytes: annexAWorkbook() }
    ];
    for (const contacts of [false, true]) {
      const r = await importFiles(files, { passphraseText: PASSPHRASE, today, contacts });
      const outputs = [
        ...r.files.map((f) => f.text),
        JSON.stringify(r.tables),
        importReportJson(r.report),
        ...logs
      ].join('\n');
      // the planted values were really read: the problems they caused are there
      expect(r.report.problems.filter((p) => p.file === 'bad.xml').map((p) => [p.column, p.value])).toEqual([
        ['PersonBirthDate', 'value withheld'],
        ['GenderCurrent', 'value withheld'],
        ['Ethnicity', 'value withheld'],
        ['CINreferralDate', 'value withheld'],
        ['ReferralSource', 'value withheld']
      ]);
      for (const n of needles) expect(outputs.includes(n), `'${n}' leaked`).toBe(false);
    }
  });
});
