import { describe, expect, it } from 'vitest';
import {
  forgetKept,
  IN_USE_KEY,
  keepExtract,
  keptInUse,
  listKept,
  markKeptInUse,
  openKept,
  type MarkStore
} from '../../src/lib/imports/kept-extracts';
import { MemDir, MemStore } from './kept-stores';
import { forgetPassphrase, keepPassphrase, PASSPHRASE_KEY, rememberedPassphrase } from '../../src/lib/imports/remembered-passphrase';

const enc = (s: string) => new TextEncoder().encode(s);

describe('kept extracts', () => {
  it('keeps contract files, lists newest first, reopens them byte for byte, forgets them', async () => {
    const root = new MemDir();
    expect(await listKept(root)).toEqual([]);
    const a = await keepExtract(root, [{ name: 'referrals.census.csv', bytes: enc('referral_id\nR1\n') }], 'import of census.xml', '2025-03-31', new Date('2025-06-01T10:00:00Z'));
    const b = await keepExtract(root, [{ name: 'referrals.csv', bytes: enc('x\n') }], 'two files', null, new Date('2025-06-02T10:00:00Z'));
    expect((await listKept(root)).map((m) => [m.label, m.asOf])).toEqual([
      ['two files', null],
      ['import of census.xml', '2025-03-31']
    ]);
    const opened = await openKept(root, a.id);
    expect(opened.files.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([['referrals.census.csv', 'referral_id\nR1\n']]);
    await forgetKept(root, b.id);
    expect((await listKept(root)).map((m) => m.id)).toEqual([a.id]);
  });

  it('refuses to keep anything but contract files (no census, workbook or report)', async () => {
    const root = new MemDir();
    await expect(keepExtract(root, [{ name: 'census.xml', bytes: enc('<Message/>') }], 'x', null)).rejects.toThrow(/Only contract files are kept, not census\.xml/);
    expect(await listKept(root)).toEqual([]);
  });
});

describe('the kept extract in use', () => {
  it('is remembered by its id only, read back, and cleared', () => {
    const store = new MemStore();
    expect(keptInUse(store)).toBeNull();
    markKeptInUse(store, 'xm3k9a1');
    expect([...store.items]).toEqual([[IN_USE_KEY, 'xm3k9a1']]);
    expect(keptInUse(store)).toBe('xm3k9a1');
    markKeptInUse(store, null);
    expect([...store.items]).toEqual([]);
    expect(keptInUse(store)).toBeNull();
  });

  it('ignores a mark that is not a kept id (it would name a folder) and a store that refuses', () => {
    const store = new MemStore();
    store.setItem(IN_USE_KEY, '../other');
    expect(keptInUse(store)).toBeNull();
    const refusing: MarkStore = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => undefined
    };
    expect(keptInUse(refusing)).toBeNull();
    expect(() => markKeptInUse(refusing, 'x1')).not.toThrow();
    expect(keptInUse(null)).toBeNull();
  });
});

describe('remember the passphrase on this device', () => {
  it('unticked stores nothing (and removes one remembered before); ticked stores only the passphrase; forget removes it', () => {
    const store = new MemStore();
    keepPassphrase(store, 'correct horse battery', false);
    expect([...store.items]).toEqual([]);
    expect(rememberedPassphrase(store)).toBeNull();
    keepPassphrase(store, 'correct horse battery', true);
    expect([...store.items]).toEqual([[PASSPHRASE_KEY, 'correct horse battery']]);
    expect(rememberedPassphrase(store)).toBe('correct horse battery');
    keepPassphrase(store, 'another one entirely', false);
    expect([...store.items]).toEqual([]);
    keepPassphrase(store, 'correct horse battery', true);
    forgetPassphrase(store);
    expect([...store.items]).toEqual([]);
    expect(rememberedPassphrase(store)).toBeNull();
  });
});
