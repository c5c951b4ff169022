/** The `agency` enum of the extract contract, with its aliases (CIN census referral source codes and common words). */
export const AGENCIES = [
  'police',
  'health',
  'education',
  'early_years',
  'social_care',
  'early_help',
  'housing',
  'voluntary',
  'public',
  'anonymous',
  'other',
  'unknown'
] as const;
export type Agency = (typeof AGENCIES)[number];

/** Alias (already normalised: lower case, spaces and hyphens as underscores) -> canonical agency. */
export const AGENCY_ALIASES: Readonly<Record<string, Agency>> = {
  '1a': 'public',
  '1b': 'public',
  '1c': 'public',
  '1d': 'public',
  '2a': 'education',
  '2b': 'education',
  '3a': 'health',
  '3b': 'health',
  '3c': 'health',
  '3d': 'health',
  '3e': 'health',
  '3f': 'health',
  '4': 'housing',
  '5a': 'social_care',
  '5b': 'social_care',
  '5c': 'social_care',
  '5d': 'early_help',
  '6': 'police',
  '7': 'other',
  '8': 'other',
  '9': 'anonymous',
  '10': 'unknown',
  school: 'education',
  nursery: 'early_years',
  gp: 'health',
  nhs: 'health',
  hospital: 'health'
};
