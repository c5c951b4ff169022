/** Headline measures, in the order a board reads them: tools embedded, then barriers down (overview, pack). */
export const HEADLINES = [
  'tool_use_neglect_assessments',
  'tool_use_multi_agency',
  'training_coverage',
  'barrier_prevalence',
  'rereferral_12m',
  'cumulative_concern_no_tool',
  'decision_within_1wd',
  'feedback_within_3wd',
  'assessment_within_45wd',
  'closure_without_change',
  'education_first_action_5wd'
] as const;
