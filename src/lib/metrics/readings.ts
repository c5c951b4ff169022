/**
 * Where metrics.md and extract-contract.md leave room, the reading this product takes, in plain
 * words. Shown to scrutineers on the "How the numbers are made" page.
 */
export const READINGS: readonly { topic: string; reading: string }[] = [
  {
    topic: 'Outcome at an earlier as-of date',
    reading:
      'An outcome is treated as not yet recorded when its decision date is after the as-of date. A referral with an outcome but no decision date keeps its outcome.'
  },
  { topic: 'Closure reason at an earlier as-of date', reading: 'An episode whose end is after the as-of date is open, and its closure reason is set aside with the end.' },
  {
    topic: 'Filters a measure cannot take',
    reading:
      'A filter on a dimension a measure does not have (agency on an assessment measure; locality without a children file) does not apply to that measure, and the page says so beside it.'
  },
  { topic: 'Tool reviews within 6 months', reading: 'A later use on the baseline\u2019s own day (0 days after) is not a review; any later use 1 to 183 days after is.' },
  { topic: 'Cumulative concern', reading: 'The item counted is the child; the ids shown for it are child ids.' },
  {
    topic: 'Show the rows',
    reading:
      'For rates, the ids in the numerator and in the denominator; for counts and durations, the ids counted. Training and survey rows have no id and are named by quarter, agency and tool (or barrier).'
  },
  {
    topic: 'Special cause rules',
    reading:
      'A trend is N points each strictly higher (or lower) than the one before; a shift is N points strictly above (or below) the mean; a point exactly on the mean, or equal to the one before, breaks a run. Two of three beyond two-thirds of the way to a limit: two of three consecutive points beyond that line on the same side, the third anywhere. The latest point shows special cause when any rule flags it.'
  },
  {
    topic: 'SPC points',
    reading:
      'Incomplete and partial periods are drawn hollow and left out of the mean and limits. Limits from a baseline are computed from the baseline\u2019s points and drawn over the whole segment; a marked change starts a new segment with its own limits.'
  },
  {
    topic: 'Secondary suppression',
    reading:
      'Applied once per breakdown of one period: when exactly one group is suppressed, the unsuppressed group with the smallest denominator (or count) is suppressed too, ties broken by group name in code-point order.'
  },
  {
    topic: 'Headline tiles',
    reading:
      'Change on the previous quarter and on the same quarter a year earlier is the difference of values (percentage points for rates). A target comes from the action plan as edited in this browser (else the extract\u2019s): the latest-due action\u2019s target for that measure.'
  },
  {
    topic: 'Loading',
    reading:
      'An extract with no accepted referrals does not replace the data in use. Warnings are counted on loaded rows only. A CSV row with the wrong number of fields makes the whole file unreadable and it is refused with the line named.'
  }
];
