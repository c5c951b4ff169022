/**
 * Node only: Debian's chromium as this project drives it (the board pack, the benchmarks, the
 * browser tests). Playwright's own browser download does not work here; these flags keep a headless
 * chromium from reaching for the network or a sandbox it cannot have as root.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];

/** The browser's path, or an error that says what to install (the board pack and the benchmarks need it). */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `this command needs Debian's chromium at ${CHROMIUM_PATH}. Install it as root with ` +
        '`apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).'
    );
  }
  return CHROMIUM_PATH;
}
