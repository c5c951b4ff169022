import { describe, expect, it } from 'vitest';
import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { utf8Vector } from './arrow-text';

describe('utf8Vector', () => {
  it('keeps text, empty strings, nulls and multi-byte characters through an IPC round trip', () => {
    const values = ['a', null, '', 'Zoë – “x”', null, 'é', 'ninth-ish', 'x', 'nine'];
    const v = utf8Vector(values);
    expect(v.length).toBe(9);
    expect(v.nullCount).toBe(2);
    const back = tableFromIPC(tableToIPC(new Table({ c: v }), 'stream'));
    expect(back.getChild('c')!.toArray()).toEqual(values);
  });
  it('makes an empty vector', () => {
    const v = utf8Vector([]);
    expect(v.length).toBe(0);
  });
  it('does not compile code (no Function constructor)', () => {
    const original = globalThis.Function;
    let called = 0;
    const spy = new Proxy(original, {
      construct(t, args) {
        called++;
        return Reflect.construct(t, args);
      },
      apply(t, self, args) {
        called++;
        return Reflect.apply(t, self, args);
      }
    });
    globalThis.Function = spy as FunctionConstructor;
    try {
      utf8Vector(['a', null, 'b']);
    } finally {
      globalThis.Function = original;
    }
    expect(called).toBe(0);
  });
});
