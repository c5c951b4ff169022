import { describe, expect, it } from 'vitest';
import { failureText, STAGE_WORDS } from './load-words';
import type { LoadReport } from '$lib/ingest';

function report(missingRequired: string[], refused: number): LoadReport {
  return {
    tables: {},
    refused: Array.from({ length: refused }, (_, i) => ({ file: `f${i}.csv`, reason: 'x' })),
    unused: [],
    ignoredColumns: [],
    rejections: [],
    warnings: [],
    rejectionsOmitted: 0,
    warningsOmitted: 0,
    present: [],
    missingRequired,
    today: '2026-01-01',
    failure: null,
    replaced: false
  };
}

describe('failureText', () => {
  it('names the error when the load stopped', () => {
    expect(failureText({ report: null, error: 'boom' })).toBe('The load stopped with an error: boom');
  });
  it('names the missing required table and counts refused files', () => {
    expect(failureText({ report: report(['referrals'], 1), error: null })).toBe(
      'No file for the required table referrals was accepted (1 file was refused: see below).'
    );
    expect(failureText({ report: report(['referrals'], 2), error: null })).toBe(
      'No file for the required table referrals was accepted (2 files were refused: see below).'
    );
    expect(failureText({ report: report(['referrals'], 0), error: null })).toBe(
      'No file for the required table referrals was accepted.'
    );
  });
  it("gives the loader's reason when referrals loaded no row or names repeated", () => {
    const r = { ...report([], 0), failure: 'No referral was loaded: the referrals file has a header but no rows.' };
    expect(failureText({ report: r, error: null })).toBe('No referral was loaded: the referrals file has a header but no rows.');
  });
  it('has words for every stage', () => {
    expect(STAGE_WORDS.checking).toBe('checking for personal identifiers');
  });
});
