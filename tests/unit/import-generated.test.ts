import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/imports';
import { generateCensus } from '../fixtures/imports/generate-census';

describe('the synthetic census generator (for the performance measurement) imports cleanly', () => {
  it('two years of 400 referrals: every CINdetails loaded, one referral per episode in coverage', async () => {
    const enc = new TextEncoder();
    const files = [2024, 2025].map((year) => ({ name: `c${year}.xml`, bytes: enc.encode(generateCensus({ year, referrals: 400 })) }));
    const r = await importFiles(files, { passphraseText: 'a long synthetic passphrase', today: '2025-06-30' });
    for (const s of r.report.sources) {
      expect(s.parts.CINdetails).toEqual({ read: 400, loaded: 400, rejected: 0 });
      expect(s.parts.Child!.rejected).toBe(0);
    }
    // each file's 400 referrals are dated inside its own year, and no episode repeats across years
    expect(r.report.tables.referrals).toBe(800);
    expect(r.hadProblems).toBe(false);
  });
});
