/**
 * Which quarter stands for a measure in the board pack (metrics.md "The headline of a measure"):
 * the latest quarter up to the pack's quarter that is complete, i.e. not partial and with its
 * look-back and follow-up windows complete as of the as-of date. A later quarter that is not complete
 * may be shown beside it only as "so far". One small function, so the shared presented-measure
 * layer's rule can replace it in one place.
 */
export interface HeadlineCandidate {
  period: string;
  complete: boolean;
  partial: boolean;
}

export interface HeadlinePick<R> {
  /** The latest complete quarter (null when no quarter is complete yet). */
  headline: R | null;
  /** The latest quarter after the headline that is not complete (shown only as "so far"), or null. */
  soFar: R | null;
}

/**
 * Picks the headline quarter among one measure's quarter rows (any order), considering only quarters
 * up to `upTo` (a quarter label) when given.
 */
export function pickHeadline<R extends HeadlineCandidate>(quarterRows: readonly R[], upTo?: string): HeadlinePick<R> {
  const rows = quarterRows.filter((r) => upTo === undefined || r.period <= upTo).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  let headline: R | null = null;
  for (const r of rows) if (r.complete && !r.partial) headline = r;
  const last = rows[rows.length - 1] ?? null;
  const soFar = last && last !== headline && (headline === null || last.period > headline.period) ? last : null;
  return { headline, soFar };
}
