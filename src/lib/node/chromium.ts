/**
 * Node only: Debian's chromium as this project drives it (the board pack, the benchmarks, the
 * browser tests). Playwright's own browser download does not work here; these flags keep a headless
 * chromium from reaching for the network or a sandbox it cannot have as root.
 */
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
