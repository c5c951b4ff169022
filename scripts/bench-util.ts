/** Shared by the benchmark scripts: medians, chromium (src/lib/node/chromium.ts), and the tab's memory. */
import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';

import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH, requireChromium } from '../src/lib/node/chromium';

export const CHROMIUM = CHROMIUM_PATH;

/** Called first by `npm run bench`: without chromium it stops at once and says what to install. */
export function chromiumOrExit(): void {
  try {
    requireChromium();
  } catch (e) {
    console.error(`npm run bench: ${(e as Error).message}`);
    process.exit(1);
  }
}
export const CHROMIUM_ARGS = [...ARGS];

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Resident memory of chromium's renderer processes (the tab and its workers), in MB. */
export function rendererRssMb(): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      /* the process ended */
    }
  }
  return kb / 1024;
}

/**
 * Until every question panel on the page (`data-metric`) is `data-state="ready"` and, given the
 * answers before a change (answeredNow), at least one shows a new answer.
 */
export async function allPanelsReady(page: Page, before: Record<string, string | null> | null): Promise<void> {
  await page.waitForFunction(
    (prev) => {
      const panels = [...document.querySelectorAll('[data-metric]')];
      if (panels.length === 0 || !panels.every((p) => p.getAttribute('data-state') === 'ready')) return false;
      if (prev === null) return true;
      // answered again after the change: at least one panel shows a new question's answer
      return panels.some((p) => p.getAttribute('data-answered') !== prev[p.getAttribute('data-metric') ?? '']);
    },
    before,
    { timeout: 300_000, polling: 'raf' }
  );
}

/** Each question panel's `data-answered` stamp, to tell a new answer from the one shown before. */
export async function answeredNow(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-metric]')].map((p) => [p.getAttribute('data-metric') ?? '', p.getAttribute('data-answered')]))
  );
}
