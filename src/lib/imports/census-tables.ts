/**
 * The contract tables of a merged census (imports.md, the census table): children, referrals (one
 * per episode in coverage), assessments, and child_in_need / child_protection episodes.
 */
import type { MergedCensus, MergedChild, CensusEpisode } from './census';
import { ChildIds, EventIds } from './pseudonym';
import { TableBuilder, type Cell } from './table-builder';
import type { ImportedTable } from './types';

export interface CensusTables {
  tables: ImportedTable[];
  /** child ids the census gave a row in `children` */
  childIds: Set<string>;
}

function inCoverage(date: string, periods: [string, string][]): boolean {
  return periods.some(([s, e]) => date >= s && date <= e);
}

function neglectOf(ep: CensusEpisode): boolean {
  for (const a of ep.assessments.values()) if (a.factors.includes('16A')) return true;
  for (const p of ep.plans.values()) if (p.initialNeg === true || p.latestNeg === true) return true;
  return false;
}

function outcomeOf(ep: CensusEpisode): string | null {
  if (ep.nfa === true) return 'nfa';
  const starts = [...ep.assessments.keys()].sort();
  const first = starts[0];
  for (const s of ep.s47) if (first === undefined || s <= first) return 'strategy';
  if (first !== undefined) return 'assessment';
  if (ep.closureDate !== null) return 'other';
  return null;
}

/** Rows of one child for one table, to be added in id order (ids are unique within a table). */
function addInIdOrder(table: TableBuilder, rows: Cell[][]): void {
  if (rows.length > 1) rows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  for (const r of rows) table.add(r);
}

/**
 * The census tables. Children are taken in child id order and each child's rows added in id order
 * (every event id begins with its child's id, and child ids are all one length), so each table's
 * rows arrive sorted and TableBuilder.build need not sort them; the event ids themselves are asked
 * for in the same order as ever (a repeat's `-2` goes to the same event).
 */
export async function censusTables(
  merged: MergedCensus,
  ids: ChildIds,
  events: EventIds,
  locality: string | null
): Promise<CensusTables> {
  const children = new TableBuilder('children', 'census');
  const referrals = new TableBuilder('referrals', 'census');
  const assessments = new TableBuilder('assessments', 'census');
  const episodes = new TableBuilder('episodes', 'census');
  const childIds = new Set<string>();
  const loc = locality ?? merged.lea;
  const sorted: { childId: string; c: MergedChild }[] = [];
  for (const c of merged.children.values()) sorted.push({ childId: await ids.of(c.sourceId), c });
  sorted.sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0));
  for (const { childId, c } of sorted) {
    childIds.add(childId);
    children.add([childId, c.birthMonth, c.sex, c.ethnicity, c.disability ?? 'unknown', loc]);
    const eps = [...c.episodes.values()].sort((a, b) =>
      a.referralDate < b.referralDate ? -1 : a.referralDate > b.referralDate ? 1 : a.repeat - b.repeat
    );
    const refRows: Cell[][] = [];
    const asRows: Cell[][] = [];
    const epRows: Cell[][] = [];
    for (const ep of eps) {
      const neglect = neglectOf(ep);
      let referralId: string | null = null;
      if (inCoverage(ep.referralDate, merged.periods)) {
        referralId = events.next(childId, 'R', ep.referralDate);
        refRows.push([referralId, childId, ep.referralDate, ep.source, neglect, outcomeOf(ep)]);
      }
      for (const a of [...ep.assessments.values()].sort((x, y) => (x.start < y.start ? -1 : 1))) {
        const identified = a.factors.length === 0 ? null : a.factors.includes('16A');
        asRows.push([events.next(childId, 'A', a.start), childId, referralId, a.start, a.completion, identified]);
      }
      const noHelp = ep.nfa === true || ep.reason === 'RC8' || ep.reason === 'RC9';
      if (!noHelp) {
        epRows.push([
          events.next(childId, 'N', ep.referralDate),
          childId,
          'child_in_need',
          ep.referralDate,
          ep.closureDate,
          ep.reason,
          neglect
        ]);
      }
      for (const p of [...ep.plans.values()].sort((x, y) => (x.start < y.start ? -1 : 1))) {
        const neg = p.initialNeg === null && p.latestNeg === null ? null : p.initialNeg === true || p.latestNeg === true;
        epRows.push([events.next(childId, 'P', p.start), childId, 'child_protection', p.start, p.end, null, neg]);
      }
    }
    addInIdOrder(referrals, refRows);
    addInIdOrder(assessments, asRows);
    addInIdOrder(episodes, epRows);
  }
  return {
    tables: [children.build(), referrals.build(), assessments.build(), episodes.build()],
    childIds
  };
}
