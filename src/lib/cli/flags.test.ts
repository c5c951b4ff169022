import { describe, expect, it } from 'vitest';
import { readFlags, UsageError } from './flags';

const KNOWN = { '--data': 'value', '--json': 'switch' } as const;

describe('readFlags', () => {
  it('reads values both ways and switches', () => {
    const f = readFlags(['--data', 'a b', '--json'], KNOWN);
    expect(f.values.get('--data')).toBe('a b');
    expect(f.switches.has('--json')).toBe(true);
    expect(readFlags(['--data=x=y'], KNOWN).values.get('--data')).toBe('x=y');
  });

  it('refuses unknown flags, missing values and a value given to a switch', () => {
    expect(() => readFlags(['--bogus'], KNOWN)).toThrow(new UsageError('Unknown argument: --bogus'));
    expect(() => readFlags(['--data'], KNOWN)).toThrow(new UsageError('--data needs a value.'));
    expect(() => readFlags(['--data', '--json'], KNOWN)).toThrow(UsageError);
    expect(() => readFlags(['--json=1'], KNOWN)).toThrow(UsageError);
  });

  it('stops at --help', () => {
    expect(readFlags(['--help', '--bogus'], KNOWN).help).toBe(true);
  });
});

describe('readFlags: list flags', () => {
  it('collects every value of a repeated list flag, in order', () => {
    const f = readFlags(['--from', 'a', '--from=b', '--out', 'o'], { '--from': 'list', '--out': 'value' });
    expect(f.lists.get('--from')).toEqual(['a', 'b']);
    expect(f.values.get('--out')).toBe('o');
    expect(() => readFlags(['--from'], { '--from': 'list' })).toThrow(new UsageError('--from needs a value.'));
  });
});
