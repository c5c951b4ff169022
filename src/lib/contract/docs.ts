/** Documentation and templates generated from the contract definitions. */
import { AGENCIES, AGENCY_ALIASES } from './agencies';
import { TABLES, tableSpec, type FieldSpec } from './tables';

export function kindText(f: FieldSpec): string {
  switch (f.kind) {
    case 'id':
      return 'id (1-64 characters of `A-Z a-z 0-9 _ - .`)';
    case 'date':
      return f.allowFuture ? 'date (may lie ahead)' : 'date';
    case 'month':
      return 'month `YYYY-MM` (1990-01 to 12 months after today)';
    case 'bool':
      return 'bool';
    case 'int': {
      const hi = f.maxField ? f.maxField : f.max !== undefined ? String(f.max) : '';
      return hi ? `int ${f.min ?? ''}..${hi}` : `int >= ${f.min ?? 0}`;
    }
    case 'number':
      return 'number';
    case 'quarter':
      return 'quarter (`2025-26 Q1`, Q1 = April to June)';
    case 'text':
      return `text, at most ${f.maxLength ?? 64} characters`;
    case 'agency_list':
      return 'list of agency separated by `;`';
    case 'enum': {
      if (f.enumName === 'agency') return 'agency';
      if (f.enumName === 'metric id') return 'metric id';
      const vals = (f.values ?? []).map((v) => '`' + v + '`').join(', ');
      const aliases = Object.entries(f.aliases ?? {})
        .map(([a, v]) => `\`${a.replaceAll('_', ' ')}\` = \`${v}\``)
        .join(', ');
      return `enum ${vals}` + (aliases ? `; aliases ${aliases}` : '');
    }
  }
}

export function meaning(f: FieldSpec): string {
  const parts = [f.description];
  if (f.notBefore) parts.push(`Not before ${f.notBefore}.`);
  if (f.references) parts.push(`Should match a ${f.references.field} in ${f.references.table}.`);
  return parts.filter(Boolean).join(' ').replaceAll('|', '\\|');
}

/** The contract as Markdown: a field table per table, plus the agency enum and its aliases. */
export function contractMarkdown(): string {
  const out: string[] = ['# Extract contract, version 1', ''];
  out.push(
    'One file per table: CSV (UTF-8, comma separated, header row), Parquet, or an XLSX sheet named after the table. ' +
      'A table may come in parts (`referrals.north.csv`). Headers match case-insensitively; a space or hyphen counts as an underscore. ' +
      'Dates are `YYYY-MM-DD` or `DD/MM/YYYY`, not before 2000-01-01 and not after today. Booleans are `true/false`, `yes/no`, `y/n` or `1/0`.',
    ''
  );
  out.push('## Agencies (enum `agency`)', '');
  out.push(AGENCIES.map((a) => '`' + a + '`').join(', ') + '.', '');
  const byTarget = new Map<string, string[]>();
  for (const [alias, agency] of Object.entries(AGENCY_ALIASES)) {
    byTarget.set(agency, [...(byTarget.get(agency) ?? []), alias.toUpperCase() === alias ? alias : alias]);
  }
  out.push(
    'Aliases: ' +
      [...byTarget.entries()].map(([a, list]) => list.map((x) => '`' + x.toUpperCase() + '`').join(', ') + ' -> ' + a).join('; ') +
      ' (census codes and words match in any case).',
    ''
  );
  for (const t of TABLES) {
    out.push(`## ${t.name} (${t.required ? 'required' : 'optional'})`, '', t.description, '');
    out.push('| field | kind | required | meaning |', '|---|---|---|---|');
    for (const f of t.fields) {
      out.push(`| ${f.name} | ${kindText(f).replaceAll('|', '\\|')} | ${f.required ? 'yes' : 'no'} | ${meaning(f)} |`);
    }
    if (t.key) {
      out.push(
        '',
        `A repeated key (${t.key.join(', ')}) within one file is rejected; across parts, rows with the same key add up.`
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/** A template CSV for a table: its header row (contract field names, contract order). */
export function templateCsv(table: string): string {
  const spec = tableSpec(table);
  if (!spec) throw new Error(`No table named '${table}' in the extract contract.`);
  return spec.fields.map((f) => f.name).join(',') + '\r\n';
}
