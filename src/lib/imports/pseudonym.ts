/**
 * Pseudonymous ids (imports.md, "Pseudonymous ids"): a key derived from the passphrase by
 * PBKDF2-HMAC-SHA256, child ids by HMAC-SHA256, event ids from the child id, a letter and a date.
 * WebCrypto only (globalThis.crypto.subtle), so the same code runs in Node 20 and the browser.
 */

import { hmacSha256 } from './sha256';

export const PSEUDONYM_SALT = 'neglect-monitor/pseudonym/v1';
export const PSEUDONYM_ITERATIONS = 600_000;

/** Event letters: referral, assessment, child in need start, plan start, contact. */
export type EventLetter = 'R' | 'A' | 'N' | 'P' | 'K';

export class PassphraseError extends Error {}

export interface Passphrase {
  text: string;
  /** null, or why the passphrase is weak (it is still used). */
  warning: string | null;
}

/** The passphrase from a file's text: trailing CR/LF removed; empty is refused, short warned. */
export function readPassphrase(fileText: string): Passphrase {
  const text = fileText.replace(/[\r\n]+$/, '');
  if (text.length === 0) throw new PassphraseError('The passphrase is empty: write one of at least 12 characters.');
  const warning =
    [...text].length < 12 ? 'The passphrase is under 12 characters: ids made with it are easier to reverse.' : null;
  return { text, warning };
}

const enc = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available: use a secure (https) page or Node 20.');
  return s;
}

function hex(buf: ArrayBuffer): string {
  const b = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

/**
 * The pseudonym key. `crypto` is the WebCrypto HMAC key; `mac` the same HMAC computed in plain
 * JavaScript, synchronously, for the many child ids of an import (sha256.ts says why).
 */
export interface PseudonymKey {
  crypto: CryptoKey;
  mac: (msg: Uint8Array) => Uint8Array;
}

/** The HMAC key: PBKDF2-HMAC-SHA256(passphrase, salt, 600000 iterations, 32 bytes). */
export async function deriveKey(passphrase: string, iterations = PSEUDONYM_ITERATIONS): Promise<PseudonymKey> {
  return (await startDeriveKey(passphrase, iterations)).key;
}

/**
 * deriveKey begun: answers as soon as PBKDF2 is under way in WebCrypto (which runs it off the
 * calling thread: Node's thread pool, the browser's crypto threads), with the key to await later,
 * so that a caller can read its files meanwhile instead of waiting for the 600,000 rounds first.
 */
export async function startDeriveKey(passphrase: string, iterations = PSEUDONYM_ITERATIONS): Promise<{ key: Promise<PseudonymKey> }> {
  const s = subtle();
  const base = await s.importKey('raw', enc.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: enc.encode(PSEUDONYM_SALT), iterations }, base, 256);
  const key = bits.then(async (b) => {
    const raw = new Uint8Array(b);
    const k = { crypto: await s.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']), mac: hmacSha256(raw) };
    raw.fill(0);
    return k;
  });
  key.catch(() => undefined);
  return { key };
}

async function hmacHex(key: PseudonymKey, message: string): Promise<string> {
  return hex(await subtle().sign('HMAC', key.crypto, enc.encode(message)));
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The first `n` bytes of HMAC-SHA256(key, message) in hex. */
function hmacHexSync(key: PseudonymKey, message: string, n = 32): string {
  const mac = key.mac(enc.encode(message));
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[mac[i]!]!;
  return s;
}

/**
 * A source child id as the spec normalises it: trimmed, ASCII upper case; all digits: leading
 * zeros dropped (so text `0048213` and the number cell 48213 are one child). null when empty.
 */
export function normaliseSourceId(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  let s = raw.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
  if (s === '') return null;
  if (/^[0-9]+$/.test(s)) s = s.replace(/^0+(?=[0-9])/, '');
  return s;
}

/** `C` + the first 20 hex digits of HMAC-SHA256(key, `child:` + normalised source id). */
export async function childIdOf(key: PseudonymKey, sourceId: string): Promise<string> {
  return 'C' + (await hmacHex(key, 'child:' + sourceId)).slice(0, 20);
}

/** The same id computed synchronously (plain-JavaScript HMAC). */
export function childIdSync(key: PseudonymKey, sourceId: string): string {
  return 'C' + hmacHexSync(key, 'child:' + sourceId, 10);
}

/** First 8 hex of HMAC-SHA256(key, `fingerprint`): shows two imports used one passphrase. */
export async function fingerprintOf(key: PseudonymKey): Promise<string> {
  return (await hmacHex(key, 'fingerprint')).slice(0, 8);
}

/** Child ids for one import: each source id hashed once. */
export class ChildIds {
  private readonly cache = new Map<string, string>();
  constructor(private readonly key: PseudonymKey) {}
  /** The child id of a normalised source id. */
  async of(sourceId: string): Promise<string> {
    let id = this.cache.get(sourceId);
    if (id === undefined) {
      id = childIdSync(this.key, sourceId);
      this.cache.set(sourceId, id);
    }
    return id;
  }
}

/**
 * Event ids: child id + `-` + letter + YYYYMMDD; a repeat of (child, letter, date), in the order
 * asked, adds `-2`, `-3`...
 */
export class EventIds {
  /** per child id: how many times each letter + date was asked (a child has few events) */
  private readonly seen = new Map<string, Map<string, number>>();
  next(childId: string, letter: EventLetter, isoDate: string): string {
    const digits =
      isoDate.length === 10 && isoDate[4] === '-' && isoDate[7] === '-'
        ? isoDate.slice(0, 4) + isoDate.slice(5, 7) + isoDate.slice(8)
        : isoDate.replace(/-/g, '');
    const event = letter + digits;
    let child = this.seen.get(childId);
    if (!child) this.seen.set(childId, (child = new Map()));
    const n = (child.get(event) ?? 0) + 1;
    child.set(event, n);
    const base = childId + '-' + event;
    return n === 1 ? base : `${base}-${n}`;
  }
}
