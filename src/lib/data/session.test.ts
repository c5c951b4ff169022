/**
 * The session hands a computation's answer to the page only after the next queued computation has
 * been sent to the engine: the engine's worker computes while the page draws the answer before.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('$lib/engine/browser', () => ({
  startBrowserEngine: async () => ({ engine: {}, bundle: 'eh', terminate: async () => undefined })
}));
const { session } = await import('./session.svelte');

describe('session.run', () => {
  it('starts the next queued computation before handing over the answer of the one before', async () => {
    const order: string[] = [];
    const a = session.run('a', async () => {
      order.push('a computed');
      return 'A';
    });
    const b = session.run('b', async () => {
      order.push('b sent');
      return 'B';
    });
    a.then((v) => order.push(`${v} handed`));
    b.then((v) => order.push(`${v} handed`));
    await b;
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['a computed', 'b sent', 'A handed', 'B handed']);
  });

  it('a repeated question is answered from the cache, with the same value', async () => {
    let runs = 0;
    const fn = async () => ++runs;
    expect(await session.run('same', fn)).toBe(1);
    expect(await session.run('same', fn)).toBe(1);
    expect(runs).toBe(1);
  });
});
