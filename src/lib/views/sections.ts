/**
 * The questions the product answers, once: each section's address, its name in the navigation,
 * the question as a title, and a sentence on why it matters. The navigation, the question pages,
 * the overview, the method page and the board pack all read this list.
 */
import type { Section } from '../metrics/types';

export interface SectionInfo {
  id: Section;
  path: string;
  nav: string;
  title: string;
  intro: string;
}

export const SECTIONS: readonly SectionInfo[] = [
  {
    id: 'tools',
    path: '/tools',
    nav: 'Tools',
    title: 'Are neglect tools used, and used together?',
    intro:
      'Whether the Graded Care Profile 2 and other neglect tools are used, by more than one agency, reviewed, and showing improvement for children.'
  },
  {
    id: 'referrals',
    path: '/referrals',
    nav: 'Referrals',
    title: 'Are referrals re-made?',
    intro: 'Whether children are referred again and again while harm builds up (‘assess and close’).'
  },
  {
    id: 'response',
    path: '/response',
    nav: 'Response',
    title: 'How quickly is there a response?',
    intro: 'Whether referrers get timely decisions and feedback, and assessments are completed in time.'
  },
  {
    id: 'closures',
    path: '/closures',
    nav: 'Closures',
    title: 'Is help closed without change?',
    intro: 'Whether help ends because families disengage with nothing changed, and whether children come back.'
  },
  {
    id: 'education',
    path: '/education',
    nav: 'Education',
    title: 'Are children missing education overseen?',
    intro:
      'Whether children missing education or on part-time timetables get prompt oversight, and whether neglect was already known.'
  },
  {
    id: 'barriers',
    path: '/barriers',
    nav: 'Barriers',
    title: 'Are the barriers going down?',
    intro: 'Whether staff are trained to use the tools, and whether practitioners report fewer barriers to using them.'
  },
  {
    id: 'cumulative-harm',
    path: '/cumulative-harm',
    nav: 'Cumulative harm',
    title: 'Is cumulative harm seen?',
    intro: 'Whether children referred again and again have had a neglect tool used for them.'
  }
];

export function sectionById(id: string): SectionInfo | undefined {
  return SECTIONS.find((s) => s.id === id);
}

/** Pages for the analyst that are not a question of their own (never in publication view or the pack). */
export interface AnalystPage {
  path: string;
  nav: string;
  title: string;
}

export const ANALYST_PAGES: readonly AnalystPage[] = [
  { path: '/chronology', nav: 'Chronology', title: 'Chronology of a child' },
  { path: '/compare', nav: 'Compare', title: 'Localities compared fairly' },
  { path: '/national', nav: 'National', title: 'The national picture' }
];
