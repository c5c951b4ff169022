import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { hmacSha256 } from '../../src/lib/imports/sha256';
import {
  childIdSync,
  childIdOf,
  deriveKey,
  EventIds,
  fingerprintOf,
  normaliseSourceId,
  PassphraseError,
  readPassphrase
} from '../../src/lib/imports/pseudonym';

// Worked outside the product with node:crypto (and checked with openssl):
//   k = pbkdf2Sync('correct horse battery staple', 'neglect-monitor/pseudonym/v1', 600000, 32, 'sha256')
//     = a19080d8dfef19cb9dd2a115194918e2fa018392dcc9982f6683b24b9a0fef75
//   echo -n 'child:48213' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<k>
//     = cec7daa3382339573b6868665c0a920d04d88c1355dfb644f6ee454e557e9a1b
//   HMAC(k, 'child:AB12C') = 94e70e2f14fbcaa1850c74195f45021387b03d0d99a0f82a008b95151a86ee90
//   HMAC(k, 'fingerprint') = 315b32434723d35e525c95fd9d24b9e13ca068472698ef965c0fa7492efc032a
describe('pseudonymous ids', () => {
  it('derives the key and child ids as the spec says (values worked with node:crypto and openssl)', async () => {
    const key = await deriveKey('correct horse battery staple');
    expect(await childIdOf(key, '48213')).toBe('Ccec7daa3382339573b68');
    expect(await childIdOf(key, 'AB12C')).toBe('C94e70e2f14fbcaa1850c');
    expect(await fingerprintOf(key)).toBe('315b3243');
    // the synchronous plain-JavaScript HMAC used for many children gives the same ids
    expect(childIdSync(key, '48213')).toBe('Ccec7daa3382339573b68');
    expect(childIdSync(key, 'AB12C')).toBe('C94e70e2f14fbcaa1850c');
  });

  it('plain-JavaScript HMAC-SHA256 agrees with node:crypto at every padding length', () => {
    const key = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
    const mac = hmacSha256(key);
    for (let n = 0; n <= 200; n++) {
      const msg = new Uint8Array(n).map((_, i) => (i * 13 + n) & 0xff);
      expect(Buffer.from(mac(msg)).toString('hex'), `length ${n}`).toBe(createHmac('sha256', key).update(msg).digest('hex'));
    }
  });

  it('normalises source ids: trimmed, upper case, leading zeros of all-digit ids dropped', () => {
    expect(normaliseSourceId(' 0048213 ')).toBe('48213');
    expect(normaliseSourceId('48213')).toBe('48213');
    expect(normaliseSourceId('ab12c ')).toBe('AB12C');
    expect(normaliseSourceId('0AB1')).toBe('0AB1');
    expect(normaliseSourceId('000')).toBe('0');
    expect(normaliseSourceId('  ')).toBeNull();
    expect(normaliseSourceId(null)).toBeNull();
  });

  it('event ids: letter and YYYYMMDD, repeats numbered -2, -3 in the order asked', () => {
    const e = new EventIds();
    expect(e.next('Cabc', 'R', '2024-07-01')).toBe('Cabc-R20240701');
    expect(e.next('Cabc', 'R', '2024-07-01')).toBe('Cabc-R20240701-2');
    expect(e.next('Cabc', 'N', '2024-07-01')).toBe('Cabc-N20240701');
    expect(e.next('Cabc', 'R', '2024-07-01')).toBe('Cabc-R20240701-3');
    expect(e.next('Cdef', 'R', '2024-07-01')).toBe('Cdef-R20240701');
  });

  it('reads the passphrase: trailing CR/LF dropped, empty refused, short warned', () => {
    expect(readPassphrase('correct horse battery staple\r\n')).toEqual({ text: 'correct horse battery staple', warning: null });
    expect(readPassphrase('  short \n').text).toBe('  short ');
    expect(readPassphrase('short\n').warning).toMatch(/under 12/);
    expect(() => readPassphrase('\r\n')).toThrow(PassphraseError);
  });
});
