/**
 * The Query behind every card: answers of earlier asks are dropped, the request an answer was asked
 * with travels with it (a card lays the shown data out for the request it answers, never for a newer
 * one still on its way), and an answer from replaced data is never kept shown (`showable`).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  generation: 0,
  status: 'ready' as string,
  extract: {} as object | null,
  error: null as string | null,
  run: (_key: string, fn: (engine: unknown) => Promise<unknown>) => fn({})
}));
vi.mock('./session.svelte', () => ({ session: fake }));

import { Query } from './query.svelte';

/** A run whose answer is given later, in the order the test chooses. */
function deferred<T>(): { run: () => Promise<T>; answer: (v: T) => Promise<void> } {
  let resolve!: (v: T) => void;
  const p = new Promise<T>((r) => (resolve = r));
  return { run: () => p, answer: async (v) => { resolve(v); await p; await Promise.resolve(); } };
}

beforeEach(() => {
  fake.generation = 0;
  fake.extract = {};
});

describe('Query', () => {
  it('drops the answer of an earlier ask that arrives after a newer one', async () => {
    const q = new Query<string>();
    const a = deferred<string>();
    const b = deferred<string>();
    q.ask({ key: 'a', run: a.run });
    q.ask({ key: 'b', run: b.run });
    await b.answer('B');
    await a.answer('A');
    expect(q.data).toBe('B');
    expect(q.answered).toBe('b');
    expect(q.state).toBe('ready');
  });

  it('keeps the shown data with the request it answers until the new answer arrives', async () => {
    const q = new Query<string, { publication: boolean }>();
    const analyst = { publication: false };
    const publication = { publication: true };
    const a = deferred<string>();
    q.ask({ key: 'a', request: analyst, run: a.run });
    await a.answer('analyst rows');
    const b = deferred<string>();
    q.ask({ key: 'b', request: publication, run: b.run });
    // still the analyst's answer, and it says so: a card can refuse to keep it shown
    expect(q.state).toBe('loading');
    expect(q.data).toBe('analyst rows');
    expect(q.request).toBe(analyst);
    expect(q.showable).toBe(true);
    await b.answer('publication rows');
    expect(q.data).toBe('publication rows');
    expect(q.request).toBe(publication);
  });

  it('the same key asked again with another request takes the request at once, without a new run', async () => {
    const q = new Query<string, string>();
    const a = deferred<string>();
    q.ask({ key: 'k', request: 'quarters', run: a.run });
    await a.answer('rows');
    let ran = false;
    q.ask({
      key: 'k',
      request: 'months',
      run: async () => {
        ran = true;
        return 'again';
      }
    });
    expect(ran).toBe(false);
    expect(q.request).toBe('months');
    expect(q.data).toBe('rows');
  });

  it('an answer from data since replaced is not showable while the new one loads', async () => {
    const q = new Query<string>();
    const a = deferred<string>();
    q.ask({ key: 'a', run: a.run });
    await a.answer('old extract');
    expect(q.showable).toBe(true);
    fake.generation = 1;
    q.ask({ key: 'a', run: deferred<string>().run });
    expect(q.state).toBe('loading');
    expect(q.showable).toBe(false);
  });

  it('an empty answer is not showable', async () => {
    const q = new Query<string[]>((d) => d.length === 0);
    const a = deferred<string[]>();
    q.ask({ key: 'a', run: a.run });
    await a.answer([]);
    expect(q.state).toBe('empty');
    expect(q.showable).toBe(false);
  });

  it('a live answer with the same values as the prepared one shown keeps the shown object (nothing is drawn again); a different one replaces it', async () => {
    const prepared = { periods: ['2024-25 Q1'], values: [3] };
    const q = new Query<typeof prepared>();
    const a = deferred<typeof prepared>();
    q.ask({ key: 'a', run: a.run, prepared });
    expect(q.prepared).toBe(true);
    await a.answer({ periods: ['2024-25 Q1'], values: [3] });
    expect(q.data).toBe(prepared);
    expect(q.prepared).toBe(false);
    expect(q.state).toBe('ready');
    expect(q.answered).toBe('a');

    const other = new Query<typeof prepared>();
    const b = deferred<typeof prepared>();
    other.ask({ key: 'b', run: b.run, prepared });
    const live = { periods: ['2024-25 Q1'], values: [4] };
    await b.answer(live);
    expect(other.data).toBe(live);
    expect(other.prepared).toBe(false);
  });
});
