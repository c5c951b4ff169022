#!/usr/bin/env node
/**
 * CI's check that the README's first command serves the dashboard (`.ci/run`, after the tests):
 * starts `npm start` on a free port exactly as a user would, waits for the address it prints, fetches
 * `/` and a question page, checks each answers 200 with its page title, checks that an address that
 * cannot be decoded is answered 400 and the server still serves after it, and stops the server it
 * started by its process id (its whole process group). Exit 0 when all of that holds, else 1.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const TIMEOUT_MS = Number(process.env.SMOKE_TIMEOUT_MS ?? 300_000);

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => ok(port));
    });
  });
}

const port = await freePort();
const child = spawn('npm', ['start'], {
  env: { ...process.env, PORT: String(port) },
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe']
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));

/** @param {string} msg */
function fail(msg) {
  console.error(`start check FAILED: ${msg}\n--- npm start printed ---\n${output.slice(-4000)}`);
  stop();
  process.exit(1);
}

function stop() {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

child.on('exit', (code) => {
  if (!stopping) fail(`npm start exited (code ${code}) before the checks finished`);
});
let stopping = false;

const address = `http://localhost:${port}/`;
const started = Date.now();
while (!output.includes(address)) {
  if (Date.now() - started > TIMEOUT_MS) fail(`npm start did not print ${address} within ${TIMEOUT_MS / 1000} s`);
  await new Promise((r) => setTimeout(r, 250));
}
const base = `http://127.0.0.1:${port}`;

/** @param {string} path @param {string} title */
async function page(path, title) {
  const res = await fetch(base + path);
  const html = await res.text();
  if (res.status !== 200) fail(`GET ${path} answered ${res.status}`);
  const found = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  if (!found.includes(title)) fail(`GET ${path}: the title is "${found}", expected it to contain "${title}"`);
  if (!res.headers.get('content-security-policy')?.includes("frame-ancestors 'none'"))
    fail(`GET ${path}: no Content-Security-Policy header with frame-ancestors`);
  console.log(`start check: GET ${path} 200 "${found}"`);
}

await page('/', 'Overview');
const bad = await fetch(`${base}/%E0%A4%A`);
if (bad.status !== 400) fail(`GET /%E0%A4%A answered ${bad.status}, expected 400`);
console.log('start check: GET /%E0%A4%A 400');
await page('/referrals', 'Are referrals re-made?');

stopping = true;
stop();
console.log(`start check: npm start served the dashboard at ${address}; stopped it (process group ${child.pid})`);
