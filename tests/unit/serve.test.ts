/**
 * The bundled file server (`npm start`, the browser tests, CI's start check): it survives a request
 * it cannot decode, sends each page's Content-Security-Policy as a header with `frame-ancestors`,
 * serves the precompressed copies written by scripts/compress.mjs with the original's type, and
 * answers only GET and HEAD.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressDir } from '../../scripts/compress.mjs';
import { serve } from '../../scripts/serve.mjs';

const POLICY = "default-src 'self'; script-src 'self' 'sha256-abc='";
const page = (title: string) =>
  `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${POLICY.replace(/'/g, '&#39;')}"><title>${title}</title></head><body>${'x'.repeat(2000)}</body></html>`;

let dir = '';
let server: Server;
let base = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  writeFileSync(join(dir, 'index.html'), page('Overview'));
  writeFileSync(join(dir, 'tools.html'), page('Tools'));
  mkdirSync(join(dir, '_app', 'immutable', 'assets'), { recursive: true });
  // 64 KiB of a repeating pattern: compresses well, like the engine's wasm.
  const wasm = Buffer.alloc(65536, 'abcdefgh');
  writeFileSync(join(dir, '_app', 'immutable', 'assets', 'engine.wasm'), wasm);
  writeFileSync(join(dir, 'tiny.txt'), 'short');
  compressDir(dir);
  server = await serve(dir, 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

describe('serve', () => {
  it('answers an address it cannot decode with 400 and goes on serving', async () => {
    const bad = await fetch(`${base}/%E0%A4%A`);
    expect(bad.status).toBe(400);
    const bad2 = await fetch(`${base}/tools%`);
    expect(bad2.status).toBe(400);
    const ok = await fetch(`${base}/`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<title>Overview</title>');
  });

  it("sends each page's policy as a header, with frame-ancestors 'none'", async () => {
    for (const path of ['/', '/index.html', '/tools', '/tools/', '/tools.html']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toBe(`${POLICY}; frame-ancestors 'none'`);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
    const res = await fetch(`${base}/tiny.txt`);
    expect(res.headers.get('content-security-policy')).toBeNull();
  });

  it('serves the precompressed copy the client accepts, with the original type', async () => {
    const path = '/_app/immutable/assets/engine.wasm';
    const { request } = await import('node:http');
    const get = (enc: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((ok, fail) => {
        request(base + path, { headers: { 'accept-encoding': enc } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(parts) }));
        })
          .on('error', fail)
          .end();
      });
    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('application/wasm');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(65536 / 10);
    expect(brotliDecompressSync(br.body).equals(Buffer.alloc(65536, 'abcdefgh'))).toBe(true);
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).length).toBe(65536);
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBe(65536);
  });

  it('answers only GET and HEAD, and 404 for what is not there', async () => {
    expect((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`${base}/`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/../../etc/passwd`)).status).toBe(404);
  });
});
