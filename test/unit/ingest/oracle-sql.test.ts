import { describe, expect, it } from 'vitest';
import { caught, fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('sql');

const SCRIPT = `REM INSERTING into CRM.CUSTOMERS
SET DEFINE OFF;
-- exported by SQL Developer
/* block
   comment; with a semicolon */
Insert into CRM.CUSTOMERS (CUST_ID,NAME,BORN,NOTE,SCORE,CREATED) values (1,'O''Brien',to_date('12-JAN-01','DD-MON-RR'),NULL,123.50,to_timestamp('03-FEB-21 14.05.06.123000000','DD-MON-RR HH24.MI.SSXFF'));
Insert into CRM.CUSTOMERS (CUST_ID,NAME,BORN,NOTE,SCORE,CREATED) values (2,q'[it's; fine]','',
'multi
line; note',-7,to_date('1999-12-31 23:59:59','YYYY-MM-DD HH24:MI:SS'));
Insert into "CRM"."CUSTOMERS" (NOTE,CUST_ID,NAME,BORN,SCORE,CREATED) values ('a' || 'b' || chr(33),3,N'Zoë',DATE '2020-02-29',1e3,to_date('31/02/2020','DD/MM/YYYY'));
Insert into CRM.CUSTOMERS (CUST_ID,NAME,BORN,NOTE,SCORE,CREATED) values (4,'=cmd|'' /C calc''!A0',sysdate,to_clob('part1')||to_clob('part2'),+5,NULL);
commit;
`;

describe('Oracle INSERT scripts', () => {
  it('detects the format, table and columns from the first INSERT', async () => {
    const r = await readAll(fx('customers.sql', SCRIPT));
    expect(r.detected).toMatchObject({ format: 'oracle-sql', table: 'CRM.CUSTOMERS', columns: ['CUST_ID', 'NAME', 'BORN', 'NOTE', 'SCORE', 'CREATED'] });
    expect(r.detected.sample).toHaveLength(4);
    expect(r.detected.notes.join(' ')).toMatch(/NULL and '' are both read as null/);
  });

  it('reads values with Oracle semantics', async () => {
    const r = await readAll(fx('customers2.sql', SCRIPT));
    expect(r.rejects).toEqual([]);
    expect(r.rows.map((x) => [x.rowNo, x.line, x.values])).toEqual([
      [1, 6, ['1', "O'Brien", '2001-01-12', null, '123.50', '2021-02-03T14:05:06.123000000']],
      [2, 7, ['2', "it's; fine", null, 'multi\nline; note', '-7', '1999-12-31T23:59:59']],
      [3, 10, ['3', 'Zoë', '2020-02-29', 'ab!', '1e3', '31/02/2020']], // reordered columns; impossible date kept verbatim
      [4, 11, ['4', "=cmd|' /C calc'!A0", 'sysdate', 'part1part2', '5', null]],
    ]);
    expect(r.rows[0]!.raw).toMatch(/^Insert into CRM.CUSTOMERS .*\);$/);
    expect(r.notes).toEqual([]); // commit, SET, REM are silent
  });

  it('rejects a statement with a syntax error halfway and resumes at the next statement', async () => {
    const f = fx('broken.sql', [
      "Insert into T (A,B) values ('1','x');",
      "Insert into T (A,B) values ('2','y');",
      "Insert into T (A,B) valeus ('3','z');",
      "Insert into T (A,B) values ('4' 'w');",
      "Insert into T (A,B) values ('5','v');",
      '',
    ].join('\n'));
    const r = await readAll(f);
    expect(r.rows.map((x) => [x.rowNo, x.values])).toEqual([[1, ['1', 'x']], [2, ['2', 'y']], [5, ['5', 'v']]]);
    expect(r.rejects.map((x) => [x.rowNo, x.line])).toEqual([[3, 3], [4, 4]]);
    expect(r.rejects[0]!.reason).toMatch(/INSERT statement 3 \(line 3\): syntax error at line 3, column 21: expected VALUES but found "valeus"/);
    expect(r.rejects[0]!.raw).toBe("Insert into T (A,B) valeus ('3','z');");
    expect(r.rejects[1]!.reason).toMatch(/expected '\)' but found "'w'"/);
  });

  it("resynchronises after an unescaped quote ('O'Brien') at the next INSERT line", async () => {
    const f = fx('quote.sql', [
      "Insert into T (A,B) values ('1','ok');",
      "Insert into T (A,B) values ('2','O'Brien');",
      "Insert into T (A,B) values ('3','fine');",
      "Insert into T (A,B) values ('4','also fine');",
      '',
    ].join('\n'));
    const r = await readAll(f);
    expect(r.rows.map((x) => [x.rowNo, x.values])).toEqual([[1, ['1', 'ok']], [3, ['3', 'fine']], [4, ['4', 'also fine']]]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 2, line: 2 });
    expect(r.rejects[0]!.reason).toMatch(/string that opens on line 2 is not closed before the next INSERT on line 3/);
  });

  it('rejects an INSERT cut off by the end of the file (truncated)', async () => {
    const r = await readAll(fx('trunc.sql', "Insert into T (A,B) values ('1','x');\nInsert into T (A,B) values ('2','an unfinished str"));
    expect(r.rows).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 2, line: 2 });
    expect(r.rejects[0]!.reason).toMatch(/file ends inside the string that opens on line 2; the file looks truncated/);
    const r2 = await readAll(fx('trunc2.sql', "Insert into T (A,B) values ('1','x');\nInsert into T (A,B) values ('2',"));
    expect(r2.rejects[0]!.reason).toMatch(/syntax error .*expected a value but found the end of the statement.*looks truncated/);
  });

  it('rejects wrong value counts, other tables and unknown columns; notes non-INSERT statements', async () => {
    const r = await readAll(fx('mixed.sql', [
      "Insert into T (A,B) values ('1','x');",
      "Insert into T (A,B) values ('2');",
      "Insert into OTHER (A,B) values ('3','z');",
      "Insert into T (A,C) values ('4','w');",
      'update T set A = 1;',
      "Insert into T (B) values ('only b');",
      '',
    ].join('\n')));
    expect(r.rows.map((x) => [x.rowNo, x.values])).toEqual([[1, ['1', 'x']], [5, [null, 'only b']]]);
    expect(r.rejects.map((x) => x.reason)).toEqual([
      'INSERT statement 2 (line 2): 2 columns are listed but 1 values are given.',
      'INSERT statement 3 (line 3): the INSERT is into OTHER; this import reads T (the table of the first INSERT).',
      'INSERT statement 4 (line 4): column C is not in the column list of the first INSERT.',
    ]);
    expect(r.notes).toEqual(['Statement on line 5 (UPDATE T …) is not an INSERT; skipped.']);
  });

  it('rejects an INSERT whose value is over the size limit, naming the column', async () => {
    const r = await readAll(fx('big.sql', `Insert into T (A,B) values ('1','${'z'.repeat(5000)}');\nInsert into T (A,B) values ('2','ok');\n`), {}, { maxFieldBytes: 4096 });
    expect(r.rows.map((x) => x.rowNo)).toEqual([2]);
    expect(r.rejects[0]).toMatchObject({ rowNo: 1, column: 'B' });
    expect(r.rejects[0]!.reason).toMatch(/column B is 5000 bytes/);
  });

  it('reads a large script across chunk boundaries', async () => {
    const parts = ['SET DEFINE OFF;'];
    for (let i = 1; i <= 20000; i++) parts.push(`Insert into CRM.C (ID,NAME,NOTE) values (${i},'Name ''${i}''','${'n'.repeat(40)}');`);
    const r = await readAll(fx('large.sql', parts.join('\n') + '\n'));
    expect(r.rows).toHaveLength(20000);
    expect(r.rows[12344]!.values).toEqual(['12345', "Name '12345'", 'n'.repeat(40)]);
    expect(r.rows[12344]!.line).toBe(12346);
  });

  it('throws when a .sql file holds no INSERT', async () => {
    const e = await caught(() => readAll(fx('ddl.sql', 'CREATE TABLE T (A NUMBER);\n')));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/No readable INSERT statement/);
    expect(String(e.details.hint)).toMatch(/Export the table/);
  });
});
