/**
 * An Arrow Utf8 vector built straight from its buffers. apache-arrow's builders (vectorFromArray)
 * compile their null check with `new Function`, which a strict Content-Security-Policy (no
 * 'unsafe-eval', as this app ships) refuses in the browser; this path evaluates no code.
 */
import { Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const bitmap = new Uint8Array(Math.ceil(n / 8) || 1);
  const encoded: Uint8Array[] = new Array(n);
  let bytes = 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nulls++;
      encoded[i] = new Uint8Array(0);
    } else {
      bitmap[i >> 3]! |= 1 << (i & 7);
      encoded[i] = encoder.encode(v);
      bytes += encoded[i]!.length;
    }
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  for (let i = 0; i < n; i++) data.set(encoded[i]!, offsets[i]!);
  return makeVector(
    makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: nulls > 0 ? bitmap : null, valueOffsets: offsets, data })
  );
}
