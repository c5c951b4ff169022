/**
 * The action plan written back as actions.csv: the contract's header, one row per action, cells
 * written by the contract's csvCell (quoted when needed; text beginning like a formula gets a
 * leading single quote, which the loader removes again, so the file loads back unchanged).
 */
import { csvCell } from '../contract/csv-cell';
import { ACTION_FIELDS, type ActionRecord } from './types';

export { csvCell };

export function actionsToCsv(actions: readonly ActionRecord[]): string {
  const lines = [ACTION_FIELDS.join(',')];
  for (const a of actions) {
    const cells: (string | number | null)[] = [
      a.action_id,
      a.title,
      a.owner_agency,
      a.due_date,
      a.status,
      a.completed_date,
      a.metric_id,
      // a number as JavaScript writes it: the shortest text that reads back to the same double
      a.target
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
