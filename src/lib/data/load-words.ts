/** Plain words for the data page: each file's stage, and why a load did not replace the data. */
import type { LoadStage } from '$lib/ingest';
import type { LoadAttempt } from './session.svelte';

/** The page's own stages (before the engine sees a file) plus the loader's. */
export type FileStage = 'waiting' | 'opening' | LoadStage;

export const STAGE_WORDS: Record<FileStage, string> = {
  waiting: 'waiting',
  opening: 'reading the file from disk',
  reading: 'reading',
  checking: 'checking for personal identifiers',
  validating: 'checking every row',
  done: 'done',
  refused: 'refused'
};

/** Why a load left the previous extract in place, in one or two sentences. */
export function failureText(a: Pick<LoadAttempt, 'report' | 'error'>): string {
  if (a.error !== null) return `The load stopped with an error: ${a.error}`;
  if (a.report?.failure) return a.report.failure;
  const missing = a.report?.missingRequired ?? [];
  if (missing.length > 0) {
    const refused = a.report?.refused.length ?? 0;
    return (
      `No file for the required table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} was accepted` +
      (refused > 0 ? ` (${refused} ${refused === 1 ? 'file was' : 'files were'} refused: see below).` : '.')
    );
  }
  return 'The load did not complete.';
}
