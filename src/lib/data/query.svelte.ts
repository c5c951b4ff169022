/**
 * A query as the views see it: a key, a computation against the engine, and one of four states.
 * Every chart is fed by one of these and rendered through <QueryLoad>, so all of them handle
 * loading, error, empty and ready alike. A query may start from a prepared result (computed at
 * build time by the same SQL on native DuckDB) and is replaced by the live one when it arrives.
 */
import { untrack } from 'svelte';
import type { Engine } from '$lib/engine/types';
import { session } from './session.svelte';

/** Whether two answers hold the same values (both plain data, as answers and prepared results are). */
function sameAnswer(a: unknown, b: unknown): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

export type QueryState = 'loading' | 'error' | 'empty' | 'ready';

export interface QuerySpec<T, R = unknown> {
  /** Determines the result; null while the query cannot be asked yet. */
  key: string | null;
  /**
   * What the asker wants of the answer beyond the key (a presented measure's request: grain shown,
   * SPC settings…): kept beside the data and replaced with it, so a view lays the shown data out for
   * the request it answers, not for a newer one whose answer is still on its way. A new ask with the
   * same key replaces it at once (the data answers that request too).
   */
  request?: R;
  run: (engine: Engine) => Promise<T>;
  isEmpty?: (data: T) => boolean;
  /** A result to show at once, before the engine is ready (marked as prepared). */
  prepared?: T | null;
}

export class Query<T, R = unknown> {
  state = $state<QueryState>('loading');
  /** Raw (not deeply reactive): an answer is replaced whole, never changed in place. */
  data = $state.raw<T | null>(null);
  /** The request the shown data answers (QuerySpec.request), null when none was given. */
  request = $state.raw<R | null>(null);
  error = $state<string | null>(null);
  /** True while the shown data is the build-time prepared result, not yet the live one. */
  prepared = $state(false);
  /** True when the data held is an answer with something to show (not empty, not failed): it may stay shown while a new question runs. */
  showable = $state(false);
  /** The key whose answer is shown (null for prepared data): lets tests and the benchmark see which question is answered. */
  answered = $state<string | null>(null);
  private ticket = 0;
  private key: string | null = null;
  private pending = false;
  /** The latest request asked with the key in flight: it goes with the data when that arrives. */
  private asked: R | null = null;
  /** The data generation the held answer came from: an answer of replaced data is never kept shown. */
  private answeredIn = -1;

  constructor(private readonly isEmptyFn?: (data: T) => boolean) {}

  /**
   * Ask (or re-ask) the query; stale answers from earlier asks are dropped. Called from an effect,
   * it makes the effect depend on the session (engine status, extract) and on nothing of its own
   * state, so answering never re-triggers the asking.
   */
  ask(spec: QuerySpec<T, R>, needsExtract = true): void {
    void session.generation;
    void session.status;
    void session.extract;
    untrack(() => this.askUntracked(spec, needsExtract));
  }

  private askUntracked(spec: QuerySpec<T, R>, needsExtract: boolean): void {
    // The same question asked again (an effect re-ran for an unrelated reason) keeps its answer or
    // its run in flight: no flicker, and the tabs inside the answer stay as they were.
    const runKey = spec.key === null ? null : `${session.generation}|${spec.key}`;
    const request = spec.request ?? null;
    if (runKey !== null && runKey === this.key && (this.pending || this.state === 'ready' || this.state === 'empty')) {
      this.asked = request;
      if (!this.pending && this.request !== request) this.request = request;
      return;
    }
    const ticket = ++this.ticket;
    this.asked = request;
    if (this.answeredIn !== session.generation) this.showable = false;
    const isEmpty = spec.isEmpty ?? this.isEmptyFn;
    if (spec.prepared != null && this.data === null) {
      this.data = spec.prepared;
      this.request = request;
      this.prepared = true;
      this.state = isEmpty?.(spec.prepared) ? 'empty' : 'ready';
    }
    if (spec.key === null || (needsExtract && !session.extract)) {
      this.key = null;
      this.showable = false;
      if (!this.prepared) this.state = session.status === 'failed' ? 'error' : 'loading';
      if (session.status === 'failed' && !this.prepared) this.error = session.error;
      return;
    }
    if (!this.prepared) this.state = 'loading';
    this.key = runKey;
    this.pending = true;
    const generation = session.generation;
    session.run(spec.key, spec.run).then(
      (data) => {
        if (ticket !== this.ticket) return;
        this.pending = false;
        this.answered = spec.key;
        // a live answer equal to the prepared one shown (the demo, unfiltered) keeps the shown
        // object: nothing that reads it is laid out or drawn again
        if (!(this.prepared && sameAnswer(this.data, data))) this.data = data;
        this.request = this.asked;
        this.prepared = false;
        this.error = null;
        this.state = isEmpty?.(data) ? 'empty' : 'ready';
        this.showable = this.state === 'ready';
        this.answeredIn = generation;
      },
      (e: unknown) => {
        if (ticket !== this.ticket) return;
        this.pending = false;
        this.error = e instanceof Error ? e.message : String(e);
        if (!this.prepared) {
          this.state = 'error';
          this.showable = false;
        }
      }
    );
  }
}
