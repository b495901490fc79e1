import { describe, expect, it } from 'vitest';
import { caught, fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('sqlldr');

describe('SQL*Loader control + data files', () => {
  it('reads a delimited load with enclosures, DATE masks and TRAILING NULLCOLS', async () => {
    fx('cust.dat', [
      'ID,NAME,BORN,CITY,NOTE',
      '1,"Smith, John",1980-05-17,Paris,"said ""hi"""',
      '2,Ann,2001-01-02,Rome',
      '3,"Lee",bad-date,  ,x',
      '4,Bob,1999-09-09,Oslo,y,extra',
      '',
    ].join('\n'));
    const ctl = fx('cust.ctl', `-- customers
OPTIONS (SKIP=1, ERRORS=50)
LOAD DATA
INFILE 'cust.dat'
BADFILE 'cust.bad'
APPEND
INTO TABLE CRM.CUSTOMERS
FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
TRAILING NULLCOLS
( cust_id INTEGER EXTERNAL,
  name CHAR(100),
  born DATE "YYYY-MM-DD",
  city,
  note CHAR(4000) NULLIF note=BLANKS
)
`);
    const r = await readAll(ctl);
    expect(r.detected).toMatchObject({ format: 'sqlldr', table: 'CRM.CUSTOMERS', columns: ['cust_id', 'name', 'born', 'city', 'note'], delimiter: ',', quote: '"' });
    expect(r.detected.control?.skip).toBe(1);
    expect(r.rows.map((x) => [x.rowNo, x.line, x.values])).toEqual([
      [2, 2, ['1', 'Smith, John', '1980-05-17', 'Paris', 'said "hi"']],
      [3, 3, ['2', 'Ann', '2001-01-02', 'Rome', null]],
      [4, 4, ['3', 'Lee', 'bad-date', null, 'x']],
    ]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 5, line: 5 });
    expect(r.rejects[0]!.reason).toMatch(/expected 5 fields, found 6: extra fields/);
  });

  it('finds the .ctl beside a .dat the user picked, and rejects short rows without TRAILING NULLCOLS', async () => {
    fx('orders.ctl', `LOAD DATA INFILE 'something-else.dat' INTO TABLE ORDERS FIELDS TERMINATED BY '|' (ID, AMOUNT, DAY DATE "DD.MM.YYYY", SKIPME FILLER, STATUS CONSTANT 'NEW')\n`);
    const dat = fx('orders.dat', '1|10.5|24.12.2023|zzz\n2|7\n');
    const r = await readAll(dat);
    expect(r.detected.format).toBe('sqlldr');
    expect(r.detected.columns).toEqual(['ID', 'AMOUNT', 'DAY', 'STATUS']);
    expect(r.detected.notes.join(' ')).toMatch(/something-else.dat as INFILE; orders.dat, the file chosen, is read instead/);
    expect(r.rows.map((x) => x.values)).toEqual([['1', '10.5', '2023-12-24', 'NEW']]);
    expect(r.rejects[0]).toMatchObject({ rowNo: 2, column: 'DAY' });
    expect(r.rejects[0]!.reason).toMatch(/expected 4 fields, found 2: fields missing \(the control file has no TRAILING NULLCOLS/);
  });

  it('reads fixed-position records (byte positions, UTF-8 aware)', async () => {
    fx('fixed.dat', ['0000000001Müller   20240131', '0000000002Smith     20231301', '0000000003Short'].join('\r\n') + '\r\n');
    const ctl = fx('fixed.ctl', `LOAD DATA
INFILE 'fixed.dat'
INTO TABLE PEOPLE
TRAILING NULLCOLS
(ID POSITION(1:10) INTEGER EXTERNAL,
 NAME POSITION(11:20) CHAR,
 SINCE POSITION(*:28) DATE "YYYYMMDD")
`);
    const r = await readAll(ctl);
    expect(r.detected.control?.mode).toBe('fixed');
    expect(r.rows.map((x) => x.values)).toEqual([
      ['0000000001', 'Müller', '2024-01-31'], // "Müller" is 7 bytes + 3 blanks
      ['0000000002', 'Smith', '20231301'], // month 13: kept verbatim
      ['0000000003', 'Short', null],
    ]);
  });

  it('says when fixed-width records hold bytes past the last POSITION (not loaded, as SQL*Loader does)', async () => {
    fx('wide.dat', ['0000000001Ann       EXTRA-DATA', '0000000002Bob'].join('\n') + '\n');
    const ctl = fx('wide.ctl', "LOAD DATA\nINFILE 'wide.dat'\nINTO TABLE PEOPLE\nTRAILING NULLCOLS\n(ID POSITION(1:10) CHAR,\n NAME POSITION(11:20) CHAR)\n");
    const r = await readAll(ctl);
    expect(r.rows.map((x) => x.values)).toEqual([['0000000001', 'Ann'], ['0000000002', 'Bob']]);
    expect(r.detected.notes).toContain('Records are up to 30 bytes long but the control file reads bytes 1-20 only: the bytes after position 20 are not loaded (as SQL*Loader does). Add fields to the control file to load them.');
  });

  it('reads inline data after BEGINDATA (INFILE *)', async () => {
    const ctl = fx('inline.ctl', "LOAD DATA\nINFILE *\nINTO TABLE T\nFIELDS TERMINATED BY WHITESPACE\n(A, B)\nBEGINDATA\nx   1\ny\t2\n");
    const r = await readAll(ctl);
    expect(r.rows.map((x) => [x.line, x.values])).toEqual([[7, ['x', '1']], [8, ['y', '2']]]);
  });

  it('throws a located error when the data file is missing or the control file is malformed', async () => {
    const e = await caught(() => readAll(fx('missing.ctl', "LOAD DATA INFILE 'nope.dat' INTO TABLE T FIELDS TERMINATED BY ',' (A)\n")));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/nope.dat named by INFILE in missing.ctl does not exist/);
    const e2 = await caught(() => readAll(fx('bad.ctl', "LOAD DATA INFILE 'x.dat' FIELDS TERMINATED BY ','\n")));
    expect(e2.message).toMatch(/expected INTO TABLE <name>/);
  });

  it('rejects a record with an unclosed enclosure', async () => {
    fx('enc.dat', '1,"open\n2,"ok"\n');
    const r = await readAll(fx('enc.ctl', `LOAD DATA INFILE 'enc.dat' INTO TABLE T FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' (A, B)\n`));
    expect(r.rows.map((x) => x.values)).toEqual([['2', 'ok']]);
    expect(r.rejects[0]!.reason).toMatch(/record 1 \(line 1\): field 2: the value enclosed by " is not closed on this line/);
  });
});
