/** The overview's four charts, declared once: the page, the build-time prepared results and the tests read this. */
import type { ChartSpec } from './chart-data';

export const OVERVIEW_CHARTS: readonly ChartSpec[] = [
  {
    id: 'referrals-by-agency',
    title: 'Referrals by referrer agency',
    metric: 'referrals',
    grain: 'quarter',
    dimension: 'agency',
    kind: 'stacked'
  },
  {
    id: 'rereferrals',
    title: 'Re-referrals within 12 months',
    metric: 'rereferral_12m',
    grain: 'quarter',
    dimension: null,
    kind: 'line'
  },
  {
    id: 'tool-uses-by-agency',
    title: 'Neglect tool uses by lead agency',
    metric: 'tool_uses',
    grain: 'quarter',
    dimension: 'agency',
    kind: 'stacked'
  },
  {
    id: 'training-coverage',
    title: 'Training coverage',
    metric: 'training_coverage',
    grain: 'quarter',
    dimension: null,
    kind: 'line'
  }
];
