import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IN_USE_KEY, keepExtract } from '$lib/imports/kept-extracts';
import { MemDir, MemStore } from '../../../tests/unit/kept-stores';

// the session (engine, runes) and the browser's stores are stood in for: what start-up asks of them is the test
const h = vi.hoisted(() => ({
  store: null as unknown as MemStore,
  root: null as unknown as MemDir,
  opfsCalls: 0,
  loads: [] as { names: string[]; label: string; kept: unknown }[],
  demoLoads: 0,
  replaced: true,
  session: { notice: null as string | null, load: null as unknown, loadDemo: null as unknown }
}));
vi.mock('./session.svelte', () => ({ session: h.session }));
vi.mock('$lib/imports/kept-extracts', async (orig) => ({
  ...(await orig<typeof import('$lib/imports/kept-extracts')>()),
  browserStore: () => h.store,
  opfsRoot: async () => {
    h.opfsCalls++;
    return h.root;
  }
}));
const { openAtStart } = await import('./start-up');

const enc = (s: string) => new TextEncoder().encode(s);

beforeEach(() => {
  h.store = new MemStore();
  h.root = new MemDir();
  h.opfsCalls = 0;
  h.loads = [];
  h.demoLoads = 0;
  h.replaced = true;
  h.session.notice = null;
  h.session.load = async (files: { name: string }[], _source: string, label: string, _p: unknown, kept: unknown) => {
    h.loads.push({ names: files.map((f) => f.name), label, kept });
    return { replaced: h.replaced };
  };
  h.session.loadDemo = async () => {
    h.demoLoads++;
  };
});

describe('start-up: the kept extract in use, else the demo', () => {
  it('with no mark, opens the demo without touching the private file system', async () => {
    await openAtStart();
    expect(h.opfsCalls).toBe(0);
    expect(h.loads).toEqual([]);
    expect(h.demoLoads).toBe(1);
    expect(h.session.notice).toBeNull();
  });

  it('with a mark, reopens that kept extract under its label and as-of date, and not the demo', async () => {
    const m = await keepExtract(h.root, [{ name: 'referrals.census.csv', bytes: enc('referral_id\n') }], 'import of 2 files', '2025-03-31');
    h.store.setItem(IN_USE_KEY, m.id);
    await openAtStart();
    expect(h.loads).toEqual([{ names: ['referrals.census.csv'], label: 'import of 2 files', kept: { id: m.id, label: 'import of 2 files', asOf: '2025-03-31' } }]);
    expect(h.demoLoads).toBe(0);
    expect(h.session.notice).toBeNull();
    expect(h.store.getItem(IN_USE_KEY)).toBe(m.id);
  });

  it('a marked extract no longer stored: says so, clears the mark, opens the demo', async () => {
    h.store.setItem(IN_USE_KEY, 'xgone1');
    await openAtStart();
    expect(h.session.notice).toBe('The kept extract could not be opened: it is no longer stored in this browser. The demo partnership is shown instead.');
    expect(h.store.getItem(IN_USE_KEY)).toBeNull();
    expect(h.demoLoads).toBe(1);
  });

  it('a marked extract whose files no longer load: says so and opens the demo', async () => {
    const m = await keepExtract(h.root, [{ name: 'referrals.csv', bytes: enc('x\n') }], 'north', null);
    h.store.setItem(IN_USE_KEY, m.id);
    h.replaced = false;
    await openAtStart();
    expect(h.session.notice).toBe(
      'The kept extract could not be opened: “north” did not pass validation (the load report on the Data page says why). The demo partnership is shown instead.'
    );
    expect(h.demoLoads).toBe(1);
  });
});
