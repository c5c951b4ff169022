/**
 * The action plan written back as actions.csv: the contract's header, one row per action, RFC 4180
 * quoting (a cell holding a comma, a double quote, a carriage return or a line feed is quoted, its
 * quotes doubled). Deliberately NO formula neutralisation (no leading apostrophe): the file must load
 * back through the product's own loader unchanged, and the loader reads a title as text, so a title
 * beginning with = + - @ loads back exactly as written.
 */
import { ACTION_FIELDS, type ActionRecord } from './types';

/** One CSV cell: quoted only when it must be. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A target as text the loader reads back to the same double (JavaScript's shortest round-trip form). */
export function numberCell(n: number): string {
  return String(n);
}

export function actionsToCsv(actions: readonly ActionRecord[]): string {
  const lines = [ACTION_FIELDS.join(',')];
  for (const a of actions) {
    const cells = [
      a.action_id,
      a.title,
      a.owner_agency,
      a.due_date,
      a.status,
      a.completed_date ?? '',
      a.metric_id ?? '',
      a.target === null ? '' : numberCell(a.target)
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
