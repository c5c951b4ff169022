/**
 * Validation of one contract table, inside DuckDB and set-based: the staged parts (all VARCHAR) are
 * read in one pass into a checked table holding, per row and field, the trimmed text, the typed
 * value, the rejection reason and the warning reason; then the typed table and the rejected rows
 * are cut from it. No row is ever looked at in JavaScript.
 */
import { ident, lit, type Engine } from '../engine/types';
import { sqlType, type FieldSpec, type TableSpec } from '../contract/tables';
import {
  sqlAgencyList,
  sqlAgencyListDropped,
  sqlCandidate,
  sqlError,
  sqlNormalised
} from './sql-values';
import { sqlUnneutralise } from '../contract/csv-cell';
import { FREE_TEXT_FIELDS, FREE_TEXT_IDENTIFIER, sqlFreeTextIdentifier } from './privacy';
import { ENTRY_CAP, shorten, type PartReport, type Rejection } from './report';
import { MEASURE_FIELDS } from '../imports/not-recorded';

export interface StagedPart {
  /** file label shown in the report */
  label: string;
  /** the all-VARCHAR staging table: `_nm_line` plus `c0..cN` */
  raw: string;
  /** field -> staging column index */
  fields: Map<string, number>;
  /** staging column indices that have a fault column `f<i>` (a reason that rejects the field) */
  faultColumns?: number[];
  /** the staging table has `_nm_fault`, a reason that rejects the whole row (it could not be read) */
  rowFaults?: boolean;
  /** the staging table has no `_nm_line`: a row's line is its rowid + 2 */
  rowidLines?: boolean;
  /**
   * staging column index -> true when no value of the column is changed by trimming or
   * unneutralising (privacy.ts scanValues): the column is read as it is
   */
  plain?: readonly boolean[];
}

export interface TableResult {
  parts: PartReport[];
  rejections: Rejection[];
  rejectionsTotal: number;
  warnings: Rejection[];
  warningsTotal: number;
  /** True when the unrecorded-rows table (unrecordedStageName) was made: parts differ in a field a measure reads. */
  unrecorded: boolean;
}

export const typedStageName = (t: string) => `_nm_new_${t}`;
export const rejectedStageName = (t: string) => `_nm_newrej_${t}`;
export const rejectedName = (t: string) => `_nm_rejected_${t}`;
const checkedName = (t: string) => `_nm_chk_${t}`;
/**
 * Rows whose part's file does not record a field a measure reads (imports.md: "an optional column
 * absent from a file means not recorded for its rows"), one row (id, field) each: made only when the
 * table's parts differ in such a field, so an extract whose files all record it has none.
 */
export const unrecordedName = (t: string) => `_nm_unrec_${t}`;
export const unrecordedStageName = (t: string) => `_nm_newunrec_${t}`;

/** The fields of a table some measure reads (imports/not-recorded.ts MEASURE_FIELDS), once each. */
function measureFieldsOf(table: string): string[] {
  const out = new Set<string>();
  for (const m of MEASURE_FIELDS) for (const f of m.fields) if (f.startsWith(table + '.')) out.add(f.slice(table.length + 1));
  return [...out];
}
const dupKeysName = (t: string) => `_nm_dupkeys_${t}`;
/** The checked table's rows with a problem (temporary, while the table is validated). */
export const problemsName = (t: string) => `_nm_prob_${t}`;

const q = ident;
const T = (f: FieldSpec) => q('t_' + f.name);
const C = (f: FieldSpec) => q('c_' + f.name);
const N = (f: FieldSpec) => q('n_' + f.name);
const E = (f: FieldSpec) => q('e_' + f.name);
const V = (f: FieldSpec) => q('v_' + f.name);
const X = (f: FieldSpec) => q('x_' + f.name);
const R = (f: FieldSpec) => q('r_' + f.name);
const W = (f: FieldSpec) => q('w_' + f.name);
const F = (f: FieldSpec) => q('f_' + f.name);
/** The checked table's list, per row with a problem, of each field's text, rejection and warning, then the repeat reason. */
const INFO = '_info';
/** Column shown for a whole-row fault (a line that could not be read into fields). */
export const ROW_COLUMN = '(whole row)';

/**
 * Build the checked table, the typed table and the rejected-rows table for one contract table.
 * The staged parts are dropped once read (the caller has counted their rows).
 */
export async function validateTable(
  engine: Engine,
  spec: TableSpec,
  parts: StagedPart[],
  today: string,
  present: ReadonlySet<string>
): Promise<TableResult> {
  const todaySql = `DATE ${lit(today)}`;
  const byName = new Map(spec.fields.map((f) => [f.name, f]));
  const fields = spec.fields;
  // the file of a part, by its number: the checked table does not repeat the file name on every row
  const fileOf = (part: string) => `(CASE ${part} ${parts.map((p, i) => `WHEN ${i} THEN ${lit(p.label)}`).join(' ')} END)`;

  // fields with a fault column in some part, and whether some part has whole-row faults: only then
  // does the SQL carry them (the common case keeps its plain shape)
  const faulted = fields.filter((f) =>
    parts.some((p) => {
      const idx = p.fields.get(f.name);
      return idx !== undefined && (p.faultColumns ?? []).includes(idx);
    })
  );
  const rowFaults = parts.some((p) => p.rowFaults);
  const freeText = new Set(FREE_TEXT_FIELDS[spec.name] ?? []);
  // The text of each field: trimmed, then unneutralised, then NULL when empty; each step in its own
  // projection (written in one expression, DuckDB evaluates the trim four times and the
  // unneutralising twice: NULLIF repeats its argument).
  const union = parts
    .map((p, i) => {
      const trimmed: string[] = [];
      const unneutralised: string[] = [];
      const cols = fields.map((f) => {
        const idx = p.fields.get(f.name);
        if (idx === undefined) return `CAST(NULL AS VARCHAR) AS ${T(f)}`;
        if (p.plain?.[idx] === true) {
          trimmed.push(`${q('c' + idx)} AS ${T(f)}`);
          unneutralised.push(T(f));
          return `NULLIF(${T(f)}, '') AS ${T(f)}`;
        }
        trimmed.push(`trim(${q('c' + idx)}) AS ${T(f)}`);
        unneutralised.push(`${sqlUnneutralise(T(f))} AS ${T(f)}`);
        return `NULLIF(${T(f)}, '') AS ${T(f)}`;
      });
      const carried: string[] = [];
      for (const f of faulted) {
        const idx = p.fields.get(f.name);
        if (idx !== undefined && (p.faultColumns ?? []).includes(idx)) {
          carried.push(`${q('f' + idx)} AS ${F(f)}`);
          cols.push(F(f));
        } else {
          cols.push(`CAST(NULL AS VARCHAR) AS ${F(f)}`);
        }
      }
      if (rowFaults) {
        if (p.rowFaults) carried.push('_nm_fault AS _rowfault');
        cols.push(p.rowFaults ? `_rowfault` : `CAST(NULL AS VARCHAR) AS _rowfault`);
      }
      const line = p.rowidLines ? 'CAST(rowid + 2 AS INTEGER)' : 'CAST(_nm_line AS INTEGER)';
      const inner = [`${line} AS _line`, ...trimmed, ...carried].join(', ');
      const middle = ['_line', ...unneutralised, ...carried.map((c) => c.split(' AS ')[1]!)].join(', ');
      return `SELECT ${i} AS _part, _line, ${cols.join(', ')} FROM (SELECT ${middle} FROM (SELECT ${inner} FROM ${q(p.raw)}))`;
    })
    .join('\nUNION ALL\n');

  // enum and bool texts normalised once, in their own projection, before the lookup
  const normalised = fields.flatMap((f) => {
    const n = sqlNormalised(f, T(f));
    return n === null ? [] : [`${n} AS ${N(f)}`];
  });
  const cand = fields
    .map((f) => `${sqlCandidate(f, T(f), sqlNormalised(f, T(f)) === null ? undefined : N(f))} AS ${C(f)}`)
    .join(', ');
  const err = fields.map((f) => `${sqlError(f, T(f), C(f), todaySql)} AS ${E(f)}`).join(', ');
  const val = fields
    .map((f) =>
      f.kind === 'agency_list' ? `${sqlAgencyList(f, C(f))} AS ${V(f)}` : `CASE WHEN ${E(f)} IS NULL THEN ${C(f)} END AS ${V(f)}`
    )
    .join(', ');

  // a part whose file has no column for a field does not record it (imports.md): no default, no warning
  const recordedIn = (name: string): string => {
    const idx = parts.flatMap((p, i) => (p.fields.has(name) ? [i] : []));
    return idx.length ? `_part IN (${idx.join(', ')})` : 'FALSE';
  };
  const finalValue = (f: FieldSpec): string => {
    if (spec.name === 'episodes' && f.name === 'closure_reason') {
      return `CASE WHEN NOT (${recordedIn(f.name)}) THEN NULL WHEN ${q('v_end_date')} IS NULL THEN NULL WHEN ${V(f)} IS NOT NULL THEN ${V(f)} ELSE 'other' END`;
    }
    return V(f);
  };
  const rejection = (f: FieldSpec): string => {
    const rules: string[] = [];
    if (rowFaults) rules.push(`WHEN _rowfault IS NOT NULL THEN NULL`);
    if (faulted.includes(f)) rules.push(`WHEN ${F(f)} IS NOT NULL THEN ${F(f)}`);
    if (freeText.has(f.name)) rules.push(`WHEN ${sqlFreeTextIdentifier(T(f))} THEN ${lit(FREE_TEXT_IDENTIFIER)}`);
    if (f.required) rules.push(`WHEN ${T(f)} IS NULL THEN 'missing (required)'`, `WHEN ${E(f)} IS NOT NULL THEN ${E(f)}`);
    if (f.maxField) {
      const m = byName.get(f.maxField)!;
      rules.push(
        `WHEN ${V(f)} > ${V(m)} THEN 'more than ${f.maxField} (' || CAST(${V(m)} AS VARCHAR) || ')'`
      );
    }
    if (f.notBefore) {
      const nb = byName.get(f.notBefore)!;
      rules.push(
        `WHEN ${V(f)} < ${V(nb)} THEN 'before ${f.notBefore} (' || CAST(${V(nb)} AS VARCHAR) || ')'`
      );
    }
    return rules.length ? `CASE ${rules.join(' ')} END` : 'CAST(NULL AS VARCHAR)';
  };
  const warning = (f: FieldSpec): string => {
    const rules: string[] = [];
    if (spec.name === 'episodes' && f.name === 'closure_reason') {
      rules.push(
        `WHEN NOT (${recordedIn(f.name)}) THEN NULL`,
        `WHEN ${q('v_end_date')} IS NULL THEN NULL`,
        `WHEN ${T(f)} IS NULL THEN 'missing for an ended episode: set to other'`,
        `WHEN ${E(f)} IS NOT NULL THEN ${E(f)} || ': set to other'`
      );
    } else if (f.kind === 'agency_list') {
      rules.push(
        `WHEN len(${V(f)}) < len(${C(f)}) THEN 'not an agency, dropped: ' || ${sqlAgencyListDropped(f, C(f))}`
      );
    } else if (!f.required) {
      rules.push(`WHEN ${E(f)} IS NOT NULL THEN ${E(f)} || ': set to empty'`);
    }
    const ref = f.references;
    if (ref && present.has(ref.table)) {
      rules.push(
        `WHEN ${V(f)} IS NOT NULL AND ${V(f)} NOT IN (SELECT ${q(ref.field)} FROM ${q(typedStageName(ref.table))}) THEN '${f.name} not found in ${ref.table}'`
      );
    }
    return rules.length ? `CASE ${rules.join(' ')} END` : 'CAST(NULL AS VARCHAR)';
  };

  const problem = ['NOT _ok', '_rn > 1', ...fields.map((f) => `${W(f)} IS NOT NULL`)].join(' OR ');
  // Per row, the text as read, the rejection and the warning of each field, and the repeat reason,
  // are only needed for rows with a problem (entries, rejected rows): they are kept in one list,
  // NULL for every other row, instead of a column each (at 1M rows, two dozen mostly-NULL text
  // columns cost more to write than all the checking). A free-text value holding an identifier is
  // never kept: not echoed in the report or the download.
  const rowFault = rowFaults ? '_rowfault' : 'CAST(NULL AS VARCHAR)';
  const ok = [...fields.map((f) => `${R(f)} IS NULL`), ...(rowFaults ? ['_rowfault IS NULL'] : [])].join(' AND ');
  const partition = spec.key
    ? ['_part', ...spec.key.map((k) => q('x_' + k))].join(', ')
    : q('x_' + (spec.idField ?? fields[0]!.name));
  const dupReason = spec.key
    ? `'repeats the key (${spec.key.join(', ')}) of line ' || _first_line || ' in the same file'`
    : `'${spec.idField} already used by ' || ${fileOf('_first_part')} || ' line ' || _first_line`;
  const dupColumn = spec.key ? spec.key[spec.key.length - 1]! : spec.idField!;
  const info = [
    ...fields.flatMap((f) => [
      freeText.has(f.name) ? `CASE WHEN ${R(f)} = ${lit(FREE_TEXT_IDENTIFIER)} THEN NULL ELSE ${T(f)} END` : T(f),
      R(f),
      W(f)
    ]),
    `CASE WHEN _rn > 1 THEN ${dupReason} END`
  ];

  const chk = checkedName(spec.name);
  // Repeated ids: a window over every row (a sort of the whole table) costs more than all the rest
  // of the checking. Only rows whose id text occurs more than once can repeat an id (an accepted id
  // is its text), so those are found first by grouping, and the window runs over them alone; when
  // there are none (the usual case) it is not run at all. Tables keyed by several fields (small)
  // keep the window over every row.
  const idf = byName.get(spec.idField ?? fields[0]!.name)!;
  const byId = !spec.key && idf.kind === 'id' && idf.required;
  let window: string;
  let materialised = '';
  if (byId) {
    const dupKeys = dupKeysName(spec.name);
    const texts = parts
      .map((p) => {
        const idx = p.fields.get(idf.name)!;
        if (p.plain?.[idx] === true) return `SELECT NULLIF(${q('c' + idx)}, '') AS _t FROM ${q(p.raw)}`;
        const line = `NULLIF(${sqlUnneutralise('_u')}, '')`;
        return `SELECT ${line} AS _t FROM (SELECT trim(${q('c' + idx)}) AS _u FROM ${q(p.raw)})`;
      })
      .join('\nUNION ALL\n');
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${q(dupKeys)} AS
SELECT _t FROM (${texts}) WHERE _t IS NOT NULL GROUP BY _t HAVING count(*) > 1`);
    const [n] = await engine.query(`SELECT count(*) AS n FROM ${q(dupKeys)}`);
    if (Number(n?.n ?? 0) === 0) {
      window = `d AS (SELECT *, 1 AS _rn, CAST(NULL AS INTEGER) AS _first_part, CAST(NULL AS INTEGER) AS _first_line FROM k)`;
    } else {
      materialised = ' MATERIALIZED';
      window = `dd AS (SELECT _part AS _dpart, _line AS _dline, row_number() OVER w AS _rn,
  first_value(_part) OVER w AS _first_part, first_value(_line) OVER w AS _first_line
  FROM k WHERE _ok AND ${X(idf)} IN (SELECT _t FROM ${q(dupKeys)}) WINDOW w AS (PARTITION BY ${X(idf)} ORDER BY _part, _line)),
d AS (SELECT k.*, coalesce(dd._rn, 1) AS _rn, dd._first_part, dd._first_line
  FROM k LEFT JOIN dd ON k._part = dd._dpart AND k._line = dd._dline)`;
    }
  } else {
    window = `d AS (SELECT *,
  CASE WHEN _ok THEN row_number() OVER w END AS _rn,
  CASE WHEN _ok THEN first_value(_part) OVER w END AS _first_part,
  CASE WHEN _ok THEN first_value(_line) OVER w END AS _first_line
  FROM k WINDOW w AS (PARTITION BY _ok, ${partition} ORDER BY _part, _line))`;
  }
  // The typed table is in file order. The checked table already is when the table has one part and
  // no repeated id (projections of one scan; DuckDB keeps insertion order), and is not keyed: then
  // it holds the typed values themselves, and becomes the typed table once its rejected rows are
  // deleted and its other columns dropped (both cheap in DuckDB), instead of 1M rows written
  // again and sorted.
  const direct = parts.length === 1 && materialised === '' && !spec.key;
  const typedCols = (f: FieldSpec) => `CAST(${X(f)} AS ${sqlType(f.kind)}) AS ${q(f.name)}`;
  /** A field's accepted value as the checked table holds it. */
  const XC = (f: FieldSpec) => (direct ? q(f.name) : X(f));
  await engine.exec(`CREATE OR REPLACE TABLE ${q(chk)} AS
WITH s AS (${union}),
n AS (SELECT *${normalised.map((x) => ', ' + x).join('')} FROM s),
c AS (SELECT *, ${cand} FROM n),
e AS (SELECT *, ${err} FROM c),
v AS (SELECT *, ${val} FROM e),
r AS (SELECT _part, _line, ${rowFault} AS _rowfault, ${fields
    .map((f) => `${T(f)}, ${finalValue(f)} AS ${X(f)}, ${rejection(f)} AS ${R(f)}, ${warning(f)} AS ${W(f)}`)
    .join(', ')} FROM v),
k AS${materialised} (SELECT *, (${ok}) AS _ok FROM r),
${window}
SELECT _part, _line, ${rowFaults ? '_rowfault, ' : ''}${fields.map(direct ? typedCols : X).join(', ')},
  (NOT _ok OR _rn > 1) AS _rejected,
  CASE WHEN ${problem} THEN [${info.map((x) => `CAST(${x} AS VARCHAR)`).join(', ')}] END AS ${INFO}
FROM d`);
  // the staged text is no longer needed: free it before the typed table is built
  for (const p of parts) await engine.exec(`DROP TABLE IF EXISTS ${q(p.raw)}`);

  // the problem list's items (1-based): field i's text, rejection, warning; after them the repeat reason
  const at = (k: number) => `${INFO}[${k}]`;
  const TI = (f: FieldSpec) => at(3 * fields.indexOf(f) + 1);
  const RI = (f: FieldSpec) => at(3 * fields.indexOf(f) + 2);
  const WI = (f: FieldSpec) => at(3 * fields.indexOf(f) + 3);
  const DUP = at(3 * fields.length + 1);
  // the rows with a problem (every rejected or warned row): few, kept apart once for what follows
  // reads them several times
  const problems = q(problemsName(spec.name));
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${problems} AS
SELECT _part, _line, _rejected, ${rowFaults ? '_rowfault, ' : ''}${INFO} FROM ${q(chk)} WHERE ${INFO} IS NOT NULL`);

  // typed table (see direct above)
  if (direct) {
    // made from the checked table at the end
  } else if (spec.key && spec.sumFields) {
    const keyCols = spec.key.map((k) => byName.get(k)!);
    const sums = spec.sumFields.map((s) => `CAST(sum(${q('x_' + s)}) AS INTEGER) AS ${q(s)}`);
    const select = fields.map((f) =>
      spec.sumFields!.includes(f.name) ? sums[spec.sumFields!.indexOf(f.name)]! : typedCols(f)
    );
    await engine.exec(`CREATE OR REPLACE TABLE ${q(typedStageName(spec.name))} AS
SELECT ${select.join(', ')} FROM ${q(chk)} WHERE NOT _rejected
GROUP BY ${keyCols.map((f) => X(f)).join(', ')} ORDER BY min(_part), min(_line)`);
  } else {
    await engine.exec(`CREATE OR REPLACE TABLE ${q(typedStageName(spec.name))} AS
SELECT ${fields.map(typedCols).join(', ')} FROM ${q(chk)} WHERE NOT _rejected ORDER BY _part, _line`);
  }

  // rejected rows, kept in DuckDB until asked for
  const reasons = [
    rowFault,
    ...fields.map((f) => `'${f.name}: ' || ${RI(f)}`),
    `'${dupColumn}: ' || ${DUP}`
  ].join(', ');
  await engine.exec(`CREATE OR REPLACE TABLE ${q(rejectedStageName(spec.name))} AS
SELECT ${fileOf('_part')} AS file, _line AS line, ${fields.map((f) => `${TI(f)} AS ${q(f.name)}`).join(', ')},
  concat_ws('; ', ${reasons}) AS reason
FROM ${problems} WHERE _rejected ORDER BY _part, _line`);

  // counts per part
  const counts = await engine.query(`SELECT _part, count(*) AS read, count_if(_rejected) AS rejected FROM ${q(chk)} GROUP BY _part`);
  const warnCounts = await engine.query(`SELECT _part,
  ${fields.map((f, i) => `count_if(${WI(f)} IS NOT NULL) AS w${i}`).join(', ')}
FROM ${problems} WHERE NOT _rejected GROUP BY _part`);
  const partReports: PartReport[] = parts.map((p) => ({
    file: p.label,
    read: 0,
    loaded: 0,
    rejected: 0,
    warnings: {},
    recorded: fields.filter((f) => p.fields.has(f.name)).map((f) => f.name)
  }));
  for (const row of counts) {
    const pr = partReports[Number(row._part)]!;
    pr.read = Number(row.read);
    pr.rejected = Number(row.rejected);
    pr.loaded = pr.read - pr.rejected;
  }
  for (const row of warnCounts) {
    const pr = partReports[Number(row._part)]!;
    fields.forEach((f, i) => {
      const n = Number(row['w' + i]);
      if (n > 0) pr.warnings[f.name] = n;
    });
  }

  // entries: one per failing field, in file order
  const rejUnion = [
    ...fields.map(
      (f, i) =>
        `SELECT _part, _line, ${i} AS _fi, '${f.name}' AS col, ${TI(f)} AS val, ${RI(f)} AS reason FROM ${problems} WHERE ${RI(f)} IS NOT NULL`
    ),
    `SELECT _part, _line, ${fields.findIndex((f) => f.name === dupColumn)} AS _fi, '${dupColumn}' AS col, ${TI(byName.get(dupColumn)!)} AS val, ${DUP} AS reason FROM ${problems} WHERE ${DUP} IS NOT NULL`,
    ...(rowFaults
      ? [
          `SELECT _part, _line, -1 AS _fi, '${ROW_COLUMN}' AS col, CAST(NULL AS VARCHAR) AS val, _rowfault AS reason FROM ${problems} WHERE _rowfault IS NOT NULL`
        ]
      : [])
  ].join('\nUNION ALL\n');
  const warnUnion = fields
    .map(
      (f, i) =>
        `SELECT _part, _line, ${i} AS _fi, '${f.name}' AS col, ${TI(f)} AS val, ${WI(f)} AS reason FROM ${problems} WHERE NOT _rejected AND ${WI(f)} IS NOT NULL`
    )
    .join('\nUNION ALL\n');
  const entries = async (sql: string, counted?: number) => {
    const rows = await engine.query(
      `SELECT ${fileOf('_part')} AS _file, _line, col, val, reason FROM (${sql}) ORDER BY _part, _line, _fi LIMIT ${ENTRY_CAP}`
    );
    const total = counted === undefined ? await engine.query(`SELECT count(*) AS n FROM (${sql})`) : [{ n: counted }];
    return {
      list: rows.map((r) => ({
        file: String(r._file),
        line: Number(r._line),
        column: String(r.col),
        value: shorten(r.val === null ? null : String(r.val)),
        reason: String(r.reason)
      })),
      total: Number(total[0]?.n ?? 0)
    };
  };
  // every rejected row has at least one rejection entry and only rejected rows have them; the
  // warning entries are exactly the counted warnings: with none counted, nothing is looked up
  const none = { list: [], total: 0 };
  const anyRejected = partReports.some((p) => p.rejected > 0);
  const warned = partReports.reduce((n, p) => n + Object.values(p.warnings).reduce((a, b) => a + b, 0), 0);
  const rej = anyRejected ? await entries(rejUnion) : none;
  const warn = warned > 0 ? await entries(warnUnion, warned) : none;

  // loaded rows of parts that lack a field a measure reads, where another part records it
  const differ = spec.idField
    ? measureFieldsOf(spec.name).filter((f) => {
        const has = parts.map((p) => p.fields.has(f));
        return has.includes(true) && has.includes(false);
      })
    : [];
  await engine.exec(`DROP TABLE IF EXISTS ${q(unrecordedStageName(spec.name))}`);
  if (differ.length) {
    const id = XC(byName.get(spec.idField!)!);
    const sel = differ.map((f) => {
      const lacking = parts.flatMap((p, i) => (p.fields.has(f) ? [] : [i]));
      return `SELECT CAST(${id} AS VARCHAR) AS id, ${lit(f)} AS field FROM ${q(chk)} WHERE NOT _rejected AND _part IN (${lacking.join(', ')})`;
    });
    await engine.exec(`CREATE TABLE ${q(unrecordedStageName(spec.name))} AS ${sel.join('\nUNION ALL\n')}`);
  }
  if (direct) {
    if (anyRejected) await engine.exec(`DELETE FROM ${q(chk)} WHERE _rejected`);
    for (const c of ['_part', '_line', ...(rowFaults ? ['_rowfault'] : []), '_rejected', INFO]) {
      await engine.exec(`ALTER TABLE ${q(chk)} DROP COLUMN ${q(c)}`);
    }
    await engine.exec(`DROP TABLE IF EXISTS ${q(typedStageName(spec.name))}`);
    await engine.exec(`ALTER TABLE ${q(chk)} RENAME TO ${q(typedStageName(spec.name))}`);
  }
  await engine.exec(`DROP TABLE IF EXISTS ${q(chk)}`);
  await engine.exec(`DROP TABLE IF EXISTS ${q(dupKeysName(spec.name))}`);
  await engine.exec(`DROP TABLE IF EXISTS ${problems}`);
  return {
    parts: partReports,
    rejections: rej.list,
    rejectionsTotal: rej.total,
    warnings: warn.list,
    warningsTotal: warn.total,
    unrecorded: differ.length > 0
  };
}
