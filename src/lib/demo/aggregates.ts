/**
 * The demo partnership's aggregate tables: training coverage by quarter x agency x tool, the
 * practitioner barrier survey by quarter x agency x barrier, and the strategy's action plan.
 */
import type { Prng } from './prng';
import type { Cell } from './csv';

export const DEMO_QUARTERS: readonly string[] = (() => {
  const out: string[] = [];
  for (let y = 2022; y <= 2025; y++) {
    const fy = `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
    for (let q = 1; q <= 4; q++) out.push(`${fy} Q${q}`);
  }
  return out;
})();

const TRAINING_AGENCIES = ['police', 'health', 'education', 'early_years', 'social_care', 'early_help'] as const;
const BARRIERS = ['training', 'guidance', 'time', 'systems', 'confidence', 'other'] as const;

/** Staff expected to use each tool, per agency, at the default scale. */
const IN_SCOPE: Record<(typeof TRAINING_AGENCIES)[number], { gcp2: number; quality_of_care: number }> = {
  police: { gcp2: 120, quality_of_care: 40 },
  health: { gcp2: 310, quality_of_care: 90 },
  education: { gcp2: 260, quality_of_care: 60 },
  early_years: { gcp2: 140, quality_of_care: 50 },
  social_care: { gcp2: 180, quality_of_care: 70 },
  early_help: { gcp2: 95, quality_of_care: 35 }
};

/** Agencies' head start or lag against the partnership's coverage curve. */
const AGENCY_LEAD: Record<(typeof TRAINING_AGENCIES)[number], number> = {
  police: -0.08,
  health: 0.02,
  education: 0.0,
  early_years: -0.03,
  social_care: 0.08,
  early_help: 0.06
};

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Coverage rising from ~30% to ~80% along a smooth S-curve, quarter index 0..15. */
function coverageAt(q: number): number {
  return 0.3 + 0.5 / (1 + Math.exp(-(q - 7) / 2));
}

export function trainingRows(rng: Prng, scale: number): Cell[][] {
  const rows: Cell[][] = [];
  DEMO_QUARTERS.forEach((quarter, qi) => {
    for (const agency of TRAINING_AGENCIES) {
      for (const tool of ['gcp2', 'quality_of_care'] as const) {
        const base = IN_SCOPE[agency][tool] * scale;
        const inScope = Math.max(1, Math.round(base * (1 + 0.015 * qi) + rng.normal() * base * 0.03));
        const toolLag = tool === 'quality_of_care' ? -0.05 : 0;
        const rate = clamp01(coverageAt(qi) + AGENCY_LEAD[agency] + toolLag + rng.normal() * 0.02);
        rows.push([quarter, agency, tool, inScope, Math.min(inScope, Math.round(inScope * rate))]);
      }
    }
  });
  return rows;
}

/** Share reporting each barrier at the start and at the end of the four years. */
const BARRIER_TREND: Record<(typeof BARRIERS)[number], [number, number]> = {
  training: [0.55, 0.22],
  guidance: [0.45, 0.2],
  time: [0.62, 0.52],
  systems: [0.4, 0.3],
  confidence: [0.42, 0.2],
  other: [0.1, 0.08]
};

export function barrierRows(rng: Prng, scale: number): Cell[][] {
  const rows: Cell[][] = [];
  DEMO_QUARTERS.forEach((quarter, qi) => {
    for (const agency of TRAINING_AGENCIES) {
      // Everyone who answers the survey answers every barrier question.
      const respondents = Math.max(0, Math.round((18 + rng.int(0, 30)) * scale));
      for (const barrier of BARRIERS) {
        const [from, to] = BARRIER_TREND[barrier];
        const p = clamp01(from + ((to - from) * qi) / (DEMO_QUARTERS.length - 1) + rng.normal() * 0.04);
        let yes = 0;
        for (let i = 0; i < respondents; i++) if (rng.chance(p)) yes++;
        rows.push([quarter, agency, barrier, respondents, yes]);
      }
    }
  });
  return rows;
}

/** The neglect strategy's action plan: fixed text, dates relative to an as-of of 2026-03-31. */
export function actionRows(): Cell[][] {
  return [
    ['ACT01', 'Launch the partnership neglect strategy and practice guidance', 'social_care', '2023-09-30', 'complete', '2023-10-02', null, null],
    ['ACT02', 'Train multi-agency practitioners in the Graded Care Profile 2', 'education', '2025-03-31', 'complete', '2025-03-14', 'training_coverage', 0.75],
    ['ACT03', 'Use a neglect tool in every assessment where neglect is identified', 'social_care', '2026-03-31', 'at_risk', null, 'tool_use_neglect_assessments', 0.6],
    ['ACT04', 'Reduce re-referrals within 12 months through stronger step-down plans', 'early_help', '2026-06-30', 'on_track', null, 'rereferral_12m', 0.2],
    ['ACT05', 'Feed back the outcome to every professional referrer within 3 working days', 'social_care', '2025-12-31', 'off_track', null, 'feedback_within_3wd', 0.8],
    ['ACT06', 'Survey practitioners quarterly on barriers to using neglect tools', 'health', '2023-12-31', 'complete', '2023-12-20', 'barrier_prevalence', 0.25],
    ['ACT07', 'Review cases closed without change at the neglect sub-group', 'early_help', '2025-09-30', 'off_track', null, 'closure_without_change', 0.15],
    ['ACT08', 'Begin enquiries for children missing education within 5 working days', 'education', '2025-07-31', 'at_risk', null, 'education_first_action_5wd', 0.9],
    ['ACT09', 'Embed quality of care tool in early years settings', 'early_years', '2026-09-30', 'on_track', null, 'training_coverage', 0.8],
    ['ACT10', 'Agree a multi-agency review point six months after a baseline GCP2', 'health', '2026-12-31', 'not_started', null, 'tool_review_6m', 0.5],
    ['ACT11', 'Police officers to share "Child Concern" notifications with neglect indicators, same day', 'police', '2024-06-30', 'complete', '2024-07-19', null, null],
    ['ACT12', 'Audit children with three or more referrals in a year and no neglect tool', 'social_care', '2026-12-31', 'on_track', null, 'cumulative_concern_no_tool', 0.3]
  ];
}
