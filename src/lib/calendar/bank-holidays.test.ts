import { describe, expect, it } from 'vitest';
import { bankHolidays, easterSunday } from './bank-holidays';
import { addWorkingDays, isBankHoliday, isWorkingDay, workingDaysBetween } from './working-days';

describe('England and Wales bank holidays', () => {
  it('computes Easter Sunday (known dates)', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2011)).toBe('2011-04-24');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2035)).toBe('2035-03-25');
  });

  it('lists the published 2021, 2022, 2023 and 2024 holidays exactly (gov.uk)', () => {
    expect(bankHolidays(2021)).toEqual([
      '2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30',
      '2021-12-27', '2021-12-28'
    ]);
    expect(bankHolidays(2022)).toEqual([
      '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03',
      '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'
    ]);
    expect(bankHolidays(2023)).toEqual([
      '2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29',
      '2023-08-28', '2023-12-25', '2023-12-26'
    ]);
    expect(bankHolidays(2024)).toEqual([
      '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26',
      '2024-12-25', '2024-12-26'
    ]);
  });

  it('has the one-off days and not the days they replaced', () => {
    for (const d of ['2020-05-08', '2012-06-04', '2012-06-05', '2002-06-03', '2002-06-04', '2011-04-29',
      '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      expect(isBankHoliday(d), d).toBe(true);
    }
    for (const d of ['2020-05-04', '2022-05-30', '2012-05-28', '2002-05-27']) {
      expect(isBankHoliday(d), d).toBe(false);
      expect(isWorkingDay(d), d).toBe(true);
    }
  });

  it('substitutes weekend Christmas, Boxing Day and New Year', () => {
    // 2010: 25 Dec Saturday, 26 Sunday -> Mon 27 and Tue 28; 2011-01-01 Saturday -> Mon 3 Jan.
    expect(bankHolidays(2010).slice(-2)).toEqual(['2010-12-27', '2010-12-28']);
    expect(bankHolidays(2011)[0]).toBe('2011-01-03');
    // 2016: 25 Dec Sunday -> Boxing Day Mon 26, substitute Tue 27.
    expect(bankHolidays(2016).slice(-2)).toEqual(['2016-12-26', '2016-12-27']);
    // 2020: 26 Dec Saturday -> Mon 28.
    expect(bankHolidays(2020).slice(-2)).toEqual(['2020-12-25', '2020-12-28']);
    // 2017-01-01 Sunday -> Mon 2 Jan.
    expect(bankHolidays(2017)[0]).toBe('2017-01-02');
  });

  it('counts working days a < d <= b', () => {
    expect(workingDaysBetween('2024-03-28', '2024-03-28')).toBe(0);
    // Thu 28 Mar 2024 -> Tue 2 Apr: 29 (Good Fri), 30, 31 (weekend), 1 Apr (Easter Mon) excluded; 2 Apr counts = 1
    expect(workingDaysBetween('2024-03-28', '2024-04-02')).toBe(1);
    // Fri 24 Dec 2021 -> Wed 29 Dec: 25/26 weekend, 27/28 substitutes; 29 counts = 1
    expect(workingDaysBetween('2021-12-24', '2021-12-29')).toBe(1);
    expect(addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    // Fri 16 Sep 2022 -> Tue 20 Sep: 17/18 weekend, 19 funeral; 20 = 1
    expect(workingDaysBetween('2022-09-16', '2022-09-20')).toBe(1);
  });
});

import { addMonths } from './bank-holidays';
describe('addMonths', () => {
  it('clamps the day to the target month', () => {
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2025-02-28', -12)).toBe('2024-02-28');
    expect(addMonths('2023-02-28', 12)).toBe('2024-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', -1)).toBe('2023-12-15');
  });
});

describe('coverage 2000-2035', () => {
  it('has 8 standing holidays every year, plus the one-offs', () => {
    const extra: Record<number, number> = { 2002: 1, 2011: 1, 2012: 1, 2022: 2, 2023: 1 };
    for (let y = 2000; y <= 2035; y++) expect(bankHolidays(y).length, String(y)).toBe(8 + (extra[y] ?? 0));
  });
  it('knows substitute days in more years', () => {
    expect(bankHolidays(2000)[0]).toBe('2000-01-03'); // 1 Jan 2000 was a Saturday
    expect(bankHolidays(2004).slice(-2)).toEqual(['2004-12-27', '2004-12-28']); // Sat 25, Sun 26
    expect(bankHolidays(2027).slice(-2)).toEqual(['2027-12-27', '2027-12-28']); // Sat 25, Sun 26
    expect(bankHolidays(2033)[0]).toBe('2033-01-03'); // 1 Jan 2033 is a Saturday
    expect(bankHolidays(2035).slice(0, 3)).toEqual(['2035-01-01', '2035-03-23', '2035-03-26']); // Easter 25 Mar
  });
});
