/** Plain-words names for dimensions and their groups, as a board reads them. Data text passes through as text. */
const DIMENSIONS: Record<string, string> = {
  locality: 'Locality',
  age_band: 'Age band',
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  disability: 'Disability',
  imd_quintile: 'Deprivation quintile (1 = most deprived)',
  agency: 'Agency',
  neglect: 'Neglect case',
  tool: 'Tool',
  type: 'Type of help',
  status: 'Education status',
  barrier: 'Barrier'
};

const GROUPS: Record<string, string> = {
  social_care: 'Social care',
  early_help: 'Early help',
  early_years: 'Early years',
  gcp2: 'Graded Care Profile 2',
  quality_of_care: 'Quality of Care',
  local_toolkit: 'Local toolkit',
  child_in_need: 'Child in need',
  child_protection: 'Child protection',
  missing_education: 'Missing education',
  part_time_timetable: 'Part-time timetable',
  elective_home_education: 'Elective home education'
};

export function dimensionLabel(d: string): string {
  return DIMENSIONS[d] ?? d;
}

export function groupLabel(dimension: string, group: string | null): string {
  if (group === null) return 'All';
  if (dimension === 'neglect') return group === 'true' ? 'Neglect' : 'Not neglect';
  if (dimension === 'locality') return group;
  if (dimension === 'imd_quintile') return group === 'unknown' ? 'Unknown' : `Quintile ${group}`;
  const known = GROUPS[group];
  if (known) return known;
  return group.length > 0 ? group[0]!.toUpperCase() + group.slice(1).replaceAll('_', ' ') : group;
}
