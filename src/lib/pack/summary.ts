/**
 * The board pack's executive summary: what improved, what got worse, what to watch, in plain words.
 * Pure: it reads each measure's Making Data Count variation icon (from the monthly SPC chart, up to
 * its latest complete point) and, where the action plan sets a target, its assurance icon. A measure
 * is "improved" or "got worse" only on special cause variation in a preferred direction, never on a
 * one-quarter change (that could be noise). Every line names the measure, its headline value and
 * the quarter that value is for.
 *
 * - improved: special cause improvement (with what assurance says about its target, if any);
 * - got worse: special cause concern (likewise);
 * - to watch: no real change but the target will consistently be missed, or is met only at random;
 *   or a real change in a measure with no preferred direction;
 * - no real change: common cause, and either no target or one consistently met;
 * - not yet judged: too few complete points for limits.
 */
import type { AssuranceIcon, VariationIcon } from '../stats/spc';

export interface SummaryInput {
  title: string;
  /** The headline value as printed ("21.0%", "c", or words such as "no complete quarter yet"). */
  value: string;
  /** The quarter the headline value is for (null when there is none). */
  quarter: string | null;
  variation: VariationIcon | null;
  assurance: AssuranceIcon | null;
  /** The target as printed ("20.0%"), null when the action plan sets none. */
  target: string | null;
  /** Set when the source does not record a field the measure needs: the "Not in this source" words. */
  notInSource?: string;
}

export interface ExecutiveSummary {
  improved: string[];
  worse: string[];
  watch: string[];
  steady: string[];
  unjudged: string[];
  /** Measures the extract's source does not record (never judged, never 0). */
  notInSource: string[];
}

function head(m: SummaryInput): string {
  const value = m.value === 'c' ? 'c (suppressed: too few children to publish)' : m.value;
  return `${m.title}: ${value}${m.quarter ? ` in ${m.quarter}` : ''}.`;
}

function moved(icon: VariationIcon): string {
  return icon.endsWith('_high') ? 'has risen beyond normal variation' : 'has fallen beyond normal variation';
}

function targetWords(m: SummaryInput): string {
  if (!m.assurance || !m.target) return '';
  switch (m.assurance) {
    case 'pass':
      return ` It will consistently meet its target of ${m.target}.`;
    case 'fail':
      return ` At this level it will consistently miss its target of ${m.target}.`;
    case 'hit_and_miss':
      return ` It will meet its target of ${m.target} only some of the time.`;
  }
}

export function executiveSummary(measures: readonly SummaryInput[]): ExecutiveSummary {
  const out: ExecutiveSummary = { improved: [], worse: [], watch: [], steady: [], unjudged: [], notInSource: [] };
  for (const m of measures) {
    const v = m.variation;
    if (m.notInSource) {
      out.notInSource.push(`${m.title}: ${m.notInSource}`);
    } else if (v === null) {
      out.unjudged.push(`${head(m)} Too few complete points to judge variation yet.${targetWords(m)}`);
    } else if (v.startsWith('improvement')) {
      out.improved.push(`${head(m)} It ${moved(v)}: a real improvement.${targetWords(m)}`);
    } else if (v.startsWith('concern')) {
      out.worse.push(`${head(m)} It ${moved(v)}: a real deterioration.${targetWords(m)}`);
    } else if (v.startsWith('neither')) {
      out.watch.push(`${head(m)} It ${moved(v)}; this measure has no better direction, so ask why.${targetWords(m)}`);
    } else if (m.target && (m.assurance === 'fail' || m.assurance === 'hit_and_miss')) {
      out.watch.push(`${head(m)} No real change.${targetWords(m)}`);
    } else {
      out.steady.push(`${head(m)} No real change.${targetWords(m)}`);
    }
  }
  return out;
}
