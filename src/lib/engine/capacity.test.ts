import { describe, expect, it } from 'vitest';
import { capacityRefusal, estimateTabBytes } from './capacity';

const MB = 1024 ** 2;

describe('pre-load size check', () => {
  it('lets the 1M-referral extract (154 MB of CSV, 1.5 GB in the tab) load', () => {
    const files = [{ name: 'referrals.csv', size: 100 * MB }, { name: 'children.csv', size: 54 * MB }];
    // 154 MB x 10 = 1540 MB, under 3.5 GB
    expect(estimateTabBytes(files).estimatedBytes).toBe(1540 * MB);
    expect(capacityRefusal(files)).toBeNull();
  });

  it('refuses 5M referrals (770 MB of CSV) with a message naming the command line', () => {
    const msg = capacityRefusal([{ name: 'referrals.csv', size: 500 * MB }, { name: 'children.csv', size: 270 * MB }]);
    expect(msg).toContain('npm run metrics -- --data DIR');
    expect(msg).toContain('770 MB');
    expect(msg).toContain('7.5 GB');
    expect(msg).toContain('Nothing was loaded');
  });

  it('counts compressed formats as the CSV they hold', () => {
    // 80 MB of Parquet stands for 400 MB of CSV: 4000 MB, over 3.5 GB (3584 MB)
    expect(capacityRefusal([{ name: 'REFERRALS.PARQUET', size: 80 * MB }])).not.toBeNull();
    expect(capacityRefusal([{ name: 'referrals.csv', size: 80 * MB }])).toBeNull();
  });

  it('takes a measured ratio and budget', () => {
    expect(capacityRefusal([{ name: 'a.csv', size: 100 }], { ratio: 2, budgetBytes: 199 })).not.toBeNull();
    expect(capacityRefusal([{ name: 'a.csv', size: 100 }], { ratio: 2, budgetBytes: 200 })).toBeNull();
  });
});
