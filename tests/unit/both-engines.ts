/**
 * Native DuckDB and duckdb-wasm side by side, for the tests that prove the two give the same load
 * report and tables: opened before the file's tests, closed after. Use once per test file, at the
 * top level: `const engines = bothEngines();` then `engines.native`, `engines.wasm`.
 */
import { afterAll, beforeAll } from 'vitest';
import { NodeEngine } from '../../src/lib/engine/node';
import { createWasmNodeEngine } from '../../src/lib/engine/wasm-node';
import type { Engine } from '../../src/lib/engine/types';

export interface BothEngines {
  readonly native: Engine;
  readonly wasm: Engine;
  /** [name, engine] pairs, for `it.each`-style loops. */
  list(): readonly (readonly ['native' | 'wasm', Engine])[];
}

export function bothEngines(): BothEngines {
  let native: NodeEngine | null = null;
  let wasm: Engine | null = null;
  beforeAll(async () => {
    native = await NodeEngine.create();
    wasm = await createWasmNodeEngine();
  }, 60_000);
  afterAll(async () => {
    await native?.close();
    await wasm?.close();
  });
  const opened = <E>(e: E | null): E => {
    if (e === null) throw new Error('bothEngines: the engines are opened in beforeAll; use them inside a test');
    return e;
  };
  return {
    get native() {
      return opened(native);
    },
    get wasm() {
      return opened(wasm);
    },
    list: () => [
      ['native', opened(native)],
      ['wasm', opened(wasm)]
    ]
  };
}
