import { describe, expect, it } from 'vitest';
import { defaultPartnership, loadPartnership, partnershipKey, savePartnership } from './partnership';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('partnership name', () => {
  it('defaults to the extract name', () => {
    expect(defaultPartnership({ source: 'demo', label: 'Demo partnership' })).toBe('Demo partnership');
    expect(defaultPartnership({ source: 'files', label: 'Northshire.xlsx' })).toBe('Northshire');
    expect(defaultPartnership({ source: 'files', label: '9 files' })).toBe('9 files');
  });
  it('is kept per extract (files and their hashes, in name order) and forgotten when emptied', () => {
    const s = memory();
    const a = partnershipKey([{ name: 'b.csv', sha256: '2' }, { name: 'a.csv', sha256: '1' }]);
    const b = partnershipKey([{ name: 'a.csv', sha256: '1' }, { name: 'b.csv', sha256: '3' }]);
    expect(a).toBe('nm:pack-partnership:v1:a.csv=1|b.csv=2');
    expect(savePartnership(s, a, '  Northshire Safeguarding Children Partnership ')).toBeNull();
    expect(loadPartnership(s, a)).toBe('Northshire Safeguarding Children Partnership');
    expect(loadPartnership(s, b)).toBeNull();
    savePartnership(s, a, '   ');
    expect(loadPartnership(s, a)).toBeNull();
    expect(s.m.size).toBe(0);
    expect(savePartnership(null, a, 'X')).toContain('no storage');
  });
});
