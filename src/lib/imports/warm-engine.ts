/**
 * Warming the fresh engine an import's load will use, while the import is still being read (the
 * session starts that engine early: session.startEngineEarly). A fresh duckdb-wasm compiles the code
 * a load runs (CSV reading, the privacy scan, the validation) the first time it runs it, which made
 * the first load on it about 1.7 times the CPU of the same load on a used engine; loading a small
 * extract in the imported tables' shapes first moves that compiling off the path, into the time the
 * import takes anyway. Every value below is made up (ids are counters, not anyone's hash); the
 * tables it loads are replaced by the next load (loadExtract swaps every contract table).
 */
import type { Engine } from '../engine/types';
import { loadExtract, type InputFile } from '../ingest/index';

const ROWS = 40;

function id(i: number): string {
  return 'C' + i.toString(16).padStart(20, '0');
}

function date(i: number, offset = 0): string {
  const d = new Date(Date.UTC(2023, 0, 1 + ((i * 37) % 700) + offset));
  return d.toISOString().slice(0, 10);
}

/** The four census tables, ROWS children each with one referral, assessment and episode. */
export function warmUpFiles(): InputFile[] {
  const enc = new TextEncoder();
  const children = ['child_id,birth_month,sex,ethnicity,disability,locality'];
  const referrals = ['referral_id,child_id,referral_date,referrer_agency,neglect_concern,outcome'];
  const assessments = ['assessment_id,child_id,referral_id,start_date,completion_date,neglect_identified'];
  const episodes = ['episode_id,child_id,type,start_date,end_date,closure_code,neglect'];
  const sexes = ['male', 'female', ''];
  const groups = ['white', 'asian', 'black', 'mixed', 'other', 'unknown'];
  const agencies = ['health', 'police', 'education', 'social_care', 'unknown'];
  const outcomes = ['nfa', 'assessment', 'strategy', 'other', ''];
  for (let i = 0; i < ROWS; i++) {
    const c = id(i + 1);
    const ref = date(i);
    const start = date(i, 2);
    const end = i % 3 === 0 ? '' : date(i, 40);
    const r = `${c}-R${ref.replace(/-/g, '')}`;
    children.push(`${c},20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)},${sexes[i % 3]},${groups[i % 6]},${i % 2 ? 'yes' : 'no'},999`);
    referrals.push(`${r},${c},${ref},${agencies[i % 5]},${i % 4 === 0},${outcomes[i % 5]}`);
    assessments.push(`${c}-A${start.replace(/-/g, '')},${c},${r},${start},${end},${i % 2 === 0}`);
    episodes.push(
      `${c}-N${ref.replace(/-/g, '')},${c},${i % 5 === 0 ? 'child_protection' : 'child_in_need'},${ref},${end},${end ? `RC${1 + (i % 8)}` : ''},${i % 3 === 0}`
    );
  }
  const file = (name: string, lines: string[]) => ({ name, bytes: enc.encode(lines.join('\n') + '\n') });
  return [
    file('children.census.csv', children),
    file('referrals.census.csv', referrals),
    file('assessments.census.csv', assessments),
    file('episodes.census.csv', episodes)
  ];
}

/** Load the warm-up extract into `engine` (its report is not used; a failure is not the caller's). */
export async function warmEngine(engine: Engine, today: string): Promise<void> {
  try {
    await loadExtract(engine, warmUpFiles(), { today });
  } catch {
    // only a warm-up: the real load reports its own problems
  }
}
