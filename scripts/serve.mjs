#!/usr/bin/env node
/**
 * Serve the built static site (build/) on localhost, as any plain web server would. Used by
 * `npm start`, the browser tests and `.ci/run`.
 *
 * The files are served by sirv (the server behind `vite preview`, already installed with SvelteKit):
 * it indexes the folder once at start (no path from a request ever reaches the file system), answers
 * Range requests and ETags, and serves the precompressed `.br` / `.gz` siblings that
 * `scripts/compress.mjs` writes at build time (the 34 MB engine goes out as about 6 MB). Around it
 * this file adds what a council's web server should add too:
 * - a request whose address cannot be decoded (`/%E0%A4%A`) is answered 400 and the server goes on;
 * - every page is sent with its Content-Security-Policy as a response header (the one in the page's
 *   meta tag, plus `frame-ancestors 'none'`, which a meta tag cannot carry), and `X-Frame-Options`;
 * - `_app/immutable/` is cached for a year, everything else is revalidated;
 * - only GET and HEAD are answered.
 */
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import sirv from 'sirv';

const EXTRA_TYPES = { '.duckdb': 'application/octet-stream', '.parquet': 'application/octet-stream' };

/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

/**
 * The policy of each page, by the addresses that reach it (`/`, `/tools`, `/tools.html`).
 * @param {string} base
 * @returns {Map<string, string>}
 */
export function pagePolicies(base) {
  /** @type {Map<string, string>} */
  const byPath = new Map();
  for (const file of htmlFiles(base)) {
    const html = readFileSync(file, 'utf8');
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
    const policy = `${meta?.[1] ? meta[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"') : "default-src 'self'"}; frame-ancestors 'none'`;
    const rel = '/' + relative(base, file).split(sep).join('/');
    const clean = rel.replace(/\.html$/, '');
    byPath.set(rel, policy);
    byPath.set(clean, policy);
    if (clean.endsWith('/index')) {
      byPath.set(clean.slice(0, -'index'.length) || '/', policy);
      byPath.set(clean.slice(0, -'/index'.length) || '/', policy);
    }
  }
  return byPath;
}

/**
 * @param {string} root folder to serve
 * @param {number} [port] 0 for any free port
 * @param {string} [host]
 * @returns {Promise<import('node:http').Server>}
 */
export function serve(root, port = 4173, host = '127.0.0.1') {
  const base = resolve(root);
  const policies = pagePolicies(base);
  const files = sirv(base, {
    dev: false,
    etag: true,
    gzip: true,
    brotli: true,
    extensions: ['html'],
    setHeaders(res, pathname) {
      const immutable = pathname.startsWith('/_app/immutable/');
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      const ext = /\.[a-z0-9]+$/i.exec(pathname)?.[0] ?? '';
      if (ext in EXTRA_TYPES) res.setHeader('Content-Type', EXTRA_TYPES[/** @type {keyof EXTRA_TYPES} */ (ext)]);
      const policy = policies.get(pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname);
      if (policy) {
        res.setHeader('Content-Security-Policy', policy);
        res.setHeader('X-Frame-Options', 'DENY');
      }
    },
    onNoMatch(_req, res) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('Not found');
    }
  });
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    }
    try {
      decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request: the address cannot be decoded');
      return;
    }
    try {
      files(req, res);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Server error');
      console.error(e);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 4173);
  await serve(process.argv[2] ?? 'build', port);
  console.log(`Neglect Monitor is being served at http://localhost:${port}/ (Ctrl+C to stop)`);
}
