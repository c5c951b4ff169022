/**
 * Plain-words formatting and one-sentence narrative of a metric's latest value and trend.
 *
 * Sentence shape:
 *   "<title> stood at <value> in <period>[ (period not yet over)][, up|down <change> on the previous
 *   quarter|month | , unchanged on the previous quarter|month]; <variation clause>[ (trial limits:
 *   fewer than 12 points)]."
 * The variation clause is about the latest INCLUDED SPC point; when that is not the tile's period
 * (e.g. the latest period is partial) it names it: "the latest complete point (<period>) is ...".
 */
import { RULE_PRIORITY, type SpcFlag, type SpcResult, type Variation } from './spc';
import { grainOf, type TileChange } from './change';
import type { Unit } from './types';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December'
];

/** Rounds half away from zero to `dp` decimals and prints it; never prints "-0.0". */
function fixed(x: number, dp: number): string {
  const f = 10 ** dp;
  const r = Math.round(Math.abs(x) * f) / f;
  const s = r.toFixed(dp);
  return x < 0 && r !== 0 ? `-${s}` : s;
}

/** Integer with comma thousands separators: 12345.4 -> "12,345". */
export function formatCount(x: number): string {
  const s = fixed(x, 0);
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? `-${grouped}` : grouped;
}

/** Working days to one decimal, trailing ".0" dropped, singular for exactly 1. */
function formatDays(x: number): string {
  const s = fixed(x, 1).replace(/\.0$/, '');
  return `${s} working ${s === '1' ? 'day' : 'days'}`;
}

/**
 * A value as shown: rate 0.214 -> "21.4%"; count 12345 -> "12,345"; duration 12 -> "12 working days"
 * (12.5 -> "12.5 working days", 1 -> "1 working day"); null -> "no data"; suppressed "c" -> "c".
 */
export function formatValue(value: number | null | 'c', unit: Unit): string {
  if (value === null) return 'no data';
  if (value === 'c') return 'c';
  switch (unit) {
    case 'rate':
      return `${fixed(value * 100, 1)}%`;
    case 'count':
      return formatCount(value);
    case 'duration':
      return formatDays(value);
  }
}

/** Size of a change, without sign: rate 0.012 -> "1.2 percentage points"; count -> "1,234"; duration -> "2 working days". */
export function formatChange(delta: number, unit: Unit): string {
  const d = Math.abs(delta);
  switch (unit) {
    case 'rate': {
      const s = fixed(d * 100, 1);
      return `${s} ${s === '1.0' ? 'percentage point' : 'percentage points'}`;
    }
    case 'count':
      return formatCount(d);
    case 'duration':
      return formatDays(d);
  }
}

/** "2024-25 Q3" stays as is; "2025-04" -> "April 2025". Anything else is returned unchanged. */
export function formatPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const name = MONTHS[Number(m[2]) - 1];
    if (name) return `${name} ${m[1]}`;
  }
  return period;
}

const VARIATION_WORDS: Record<Variation, string> = {
  improvement: 'improvement',
  concern: 'concern',
  neither: 'no preferred direction'
};

function plural(grain: 'quarter' | 'month'): string {
  return grain === 'quarter' ? 'quarters' : 'months';
}

/** The clause on variation at the latest included SPC point (no trailing full stop). */
export function variationClause(spc: SpcResult | null, tilePeriod: string | null): string {
  const latest = spc?.latest ?? null;
  if (!spc || !latest || latest.mean === null || latest.upper === null || latest.lower === null) {
    return 'there are not enough complete points to judge variation';
  }
  const subject = tilePeriod === latest.period ? 'this is' : `the latest complete point (${formatPeriod(latest.period)}) is`;
  const trial = latest.trial ? ' (trial limits: fewer than 12 points)' : '';
  const units = plural(grainOf(latest.period));
  if (latest.side === null || latest.variation === null) {
    return `${subject} within the range of normal variation (common cause), so it is not evidence of real change${trial}`;
  }
  const word = VARIATION_WORDS[latest.variation];
  const high = latest.side === 'high';
  let flag: SpcFlag | undefined;
  for (const rule of RULE_PRIORITY) {
    flag = latest.flags.find((f) => f.rule === rule && f.side === latest.side);
    if (flag) break;
  }
  switch (flag?.rule) {
    case 'outside':
      return `${subject} ${high ? 'above the upper' : 'below the lower'} limit: a real change - ${word}${trial}`;
    case 'two_of_three':
      return `2 of the last 3 ${units} were close to the ${high ? 'upper' : 'lower'} limit, all 3 ${high ? 'above' : 'below'} the average: a real change - ${word}${trial}`;
    case 'shift':
      return `${flag.length} ${units} in a row ${high ? 'above' : 'below'} the average: a real shift - ${word}${trial}`;
    case 'trend':
      return `${flag.length} ${units} in a row ${high ? 'rising' : 'falling'}: a real trend - ${word}${trial}`;
    default:
      return `${subject} special cause variation - ${word}${trial}`;
  }
}

/**
 * One plain-words sentence on a metric's latest value, its change and its variation.
 * `suppressed` (publication form): when the latest value is suppressed it is not stated; when the
 * latest or the previous value is suppressed the change is not stated (it would disclose it).
 * A change that rounds to zero as shown (e.g. 0.04 percentage points) is said as "unchanged".
 */
export function trendSentence(args: {
  title: string;
  unit: Unit;
  change: TileChange | null;
  spc: SpcResult | null;
  suppressed?: { latest: boolean; previous: boolean };
}): string {
  const { title, unit, change, spc } = args;
  const hidden = args.suppressed ?? { latest: false, previous: false };
  if (!change) return `${title} has no reported periods yet.`;
  const where = `${formatPeriod(change.period)}${change.partial ? ' (period not yet over)' : ''}`;
  let head: string;
  if (hidden.latest) {
    head = `${title} in ${where} is suppressed (c) because it rests on 1 to 5 children or items`;
  } else if (change.value === null) {
    head = `${title} had no value in ${where}`;
  } else {
    head = `${title} stood at ${formatValue(change.value, unit)} in ${where}`;
    const d = change.previous.delta;
    if (d !== null && !hidden.previous) {
      const size = formatChange(d, unit);
      head += /^0(\.0)?( |$)/.test(size)
        ? `, unchanged on the previous ${change.grain}`
        : `, ${d > 0 ? 'up' : 'down'} ${size} on the previous ${change.grain}`;
    }
  }
  return `${head}; ${variationClause(spc, change.period)}.`;
}

/**
 * A change in words, as a tile and the pack say it: "up 1.2 percentage points on the previous
 * quarter (better)", "unchanged on 2024-25 Q3" (also when it rounds to zero as shown), "change on
 * the previous quarter: c" when either value is suppressed, "no figure for ..." when there is none.
 */
export function changeWords(
  c: { delta: number | null; judgement: string | null },
  unit: Unit,
  against: string,
  hidden = false
): string {
  if (hidden) return `change on ${against}: c`;
  if (c.delta === null) return `no figure for ${against}`;
  const size = formatChange(c.delta, unit);
  if (c.delta === 0 || /^0(\.0)?( |$)/.test(size)) return `unchanged on ${against}`;
  const j = c.judgement === 'better' ? ' (better)' : c.judgement === 'worse' ? ' (worse)' : '';
  return `${c.delta > 0 ? 'up' : 'down'} ${size} on ${against}${j}`;
}

/** "Mar 2026" for a month label, the quarter label as it is: for axes and compact tables. */
export function shortPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const name = MONTHS[Number(m[2]) - 1];
    if (name) return `${name.slice(0, 3)} ${m[1]}`;
  }
  return period;
}
