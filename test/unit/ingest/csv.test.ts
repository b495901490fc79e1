import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { caught, fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('csv');

describe('delimited text: dialect detection', () => {
  it('reads a plain comma CSV with a header', async () => {
    const f = fx('plain.csv', 'ID,NAME,CITY\n1,Ann,Paris\n2,Bob,Rome\n');
    const r = await readAll(f);
    expect(r.detected).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', hasHeader: true, columns: ['ID', 'NAME', 'CITY'] });
    expect(r.detected.sample).toEqual([['1', 'Ann', 'Paris'], ['2', 'Bob', 'Rome']]);
    expect(r.rows.map((x) => [x.rowNo, x.line, x.values])).toEqual([
      [1, 2, ['1', 'Ann', 'Paris']],
      [2, 3, ['2', 'Bob', 'Rome']],
    ]);
    expect(r.rows[1]!.raw).toBe('2,Bob,Rome');
    expect(r.rows[1]!.bytes).toBeGreaterThan(0);
    expect(r.rejects).toEqual([]);
  });

  it.each([
    [';', 'semicolon.csv'],
    ['\t', 'tabs.tsv'],
    ['|', 'pipes.txt'],
  ])('detects delimiter %j', async (d, name) => {
    const body = ['CUST_ID', 'FULL_NAME', 'NOTE'].join(d) + '\r\n' + ['7', 'Smith, John', 'a,b'].join(d) + '\r\n' + ['8', 'Doe, Jane', 'c'].join(d) + '\r\n';
    const r = await readAll(fx(name, body));
    expect(r.detected.delimiter).toBe(d);
    expect(r.rows.map((x) => x.values)).toEqual([['7', 'Smith, John', 'a,b'], ['8', 'Doe, Jane', 'c']]);
    expect(r.rows[0]!.raw).toBe(['7', 'Smith, John', 'a,b'].join(d)); // CRLF not part of raw
  });

  it('reads quoted fields spanning lines, doubled quotes, empty vs null', async () => {
    const f = fx('multiline.csv', 'ID,NOTE,EXTRA\n1,"line one\nline ""two""\nline 3",x\n2,"",\n3,Bob "the" Builder,y\n');
    const r = await readAll(f);
    expect(r.rows.map((x) => [x.rowNo, x.line, x.values])).toEqual([
      [1, 2, ['1', 'line one\nline "two"\nline 3', 'x']],
      [2, 5, ['2', '', null]],
      [3, 6, ['3', 'Bob "the" Builder', 'y']],
    ]);
    expect(r.rows[0]!.raw).toBe('1,"line one\nline ""two""\nline 3",x');
  });

  it('detects files without a header and names columns', async () => {
    const r = await readAll(fx('nohead.csv', '1,2020-01-05,12.5\n2,2021-03-04,7\n'));
    expect(r.detected.hasHeader).toBe(false);
    expect(r.detected.columns).toEqual(['COLUMN_1', 'COLUMN_2', 'COLUMN_3']);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]!.rowNo).toBe(1);
  });

  it('lets the user force delimiter and header', async () => {
    const r = await readAll(fx('forced.csv', 'a;b\nc;d\n'), { delimiter: ';', hasHeader: false });
    expect(r.detected.columns).toEqual(['COLUMN_1', 'COLUMN_2']);
    expect(r.rows.map((x) => x.values)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('renames empty and duplicate headers and says so', async () => {
    const r = await readAll(fx('dupes.csv', 'ID,NAME,,name,NAME_2,NAME\n1,a,b,c,d,e\n'));
    expect(r.detected.columns).toEqual(['ID', 'NAME', 'COLUMN_3', 'name_3', 'NAME_2', 'NAME_4']);
    expect(r.detected.notes.join('\n')).toMatch(/Column 3 has no name.*COLUMN_3/);
    expect(r.detected.notes.join('\n')).toMatch(/Column 4 repeats the name "name"; it is called name_3/);
    expect(r.rows[0]!.values).toEqual(['1', 'a', 'b', 'c', 'd', 'e']);
  });

  it('skips blank lines but keeps line numbers right', async () => {
    const r = await readAll(fx('blank.csv', 'A,B\n\n1,2\n   \n3,4'));
    expect(r.rows.map((x) => [x.rowNo, x.line, x.values])).toEqual([
      [1, 3, ['1', '2']],
      [2, 5, ['3', '4']],
    ]);
  });
});

describe('delimited text: encodings', () => {
  const rows = 'ID,NAME,CITY\n1,Zoë,München\n2,François,Kraków\n';
  const expected = [['1', 'Zoë', 'München'], ['2', 'François', 'Kraków']];

  it('reads UTF-8 with BOM', async () => {
    const r = await readAll(fx('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows)])));
    expect(r.detected.encoding).toBe('utf-8');
    expect(r.detected.columns[0]).toBe('ID');
    expect(r.rows.map((x) => x.values)).toEqual(expected);
  });

  it.each(['utf-16le', 'utf-16be'])('reads %s with BOM', async (enc) => {
    const r = await readAll(fx(`${enc}.csv`, iconv.encode(rows, enc, { addBOM: true })));
    expect(r.detected.encoding).toBe(enc);
    expect(r.rows.map((x) => x.values)).toEqual(expected);
  });

  it('recognises UTF-16 LE without a BOM from its NUL-byte pattern', async () => {
    const r = await readAll(fx('u16-nobom.csv', iconv.encode(rows, 'utf-16le')));
    expect(r.detected.encoding).toBe('utf-16le');
    expect(r.rows.map((x) => x.values)).toEqual(expected);
  });

  it('falls back to windows-1252 for Latin-1 bytes', async () => {
    const latin = 'ID,NAME,CITY\n1,Zoë,München\n2,François,Sévres\n';
    const r = await readAll(fx('latin1.csv', iconv.encode(latin, 'latin1')));
    expect(r.detected.encoding).toBe('windows-1252');
    expect(r.detected.notes.join(' ')).toMatch(/not valid UTF-8/);
    expect(r.rows[1]!.values).toEqual(['2', 'François', 'Sévres']);
  });

  it('rejects rows with invalid UTF-8 when the user forces utf-8 on Latin-1 bytes', async () => {
    const f = fx('forced-utf8.csv', iconv.encode('ID,NAME,CITY\n1,Ann,Paris\n2,Zoë,Köln\n3,Bob,Rome\n', 'latin1'));
    const r = await readAll(f, { encoding: 'utf-8' });
    expect(r.rows.map((x) => x.rowNo)).toEqual([1, 3]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 2, line: 3, column: 'NAME' });
    expect(r.rejects[0]!.reason).toMatch(/not valid UTF-8.*windows-1252/);
  });

  it('throws a clear error for an unknown encoding name', async () => {
    const e = await caught(() => readAll(fx('x.csv', 'a,b\n1,2\n'), { encoding: 'klingon-8' }));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/Unknown text encoding/);
  });
});

describe('delimited text: bad input', () => {
  it('rejects rows with extra or missing fields, naming expected vs found', async () => {
    const r = await readAll(fx('ragged.csv', 'A,B,C\n1,2,3\n4,5\n6,7,8,9\n10,11,12,\n13,14,15\n'));
    expect(r.rows.map((x) => x.values)).toEqual([['1', '2', '3'], ['10', '11', '12'], ['13', '14', '15']]);
    expect(r.rejects.map((x) => [x.rowNo, x.line, x.raw])).toEqual([
      [2, 3, '4,5'],
      [3, 4, '6,7,8,9'],
    ]);
    expect(r.rejects[0]!.reason).toMatch(/expected 3 fields, found 2: fields missing/);
    expect(r.rejects[1]!.reason).toMatch(/expected 3 fields, found 4: extra fields/);
  });

  it('rejects a row whose quote is unbalanced and resumes on the next line', async () => {
    const f = fx('unbalanced.csv', 'ID,NAME,CITY\n1,"Smith,London\n2,"Jones",Paris\n3,Lee,Oslo\n');
    const r = await readAll(f);
    expect(r.rows.map((x) => [x.rowNo, x.values])).toEqual([[2, ['3', 'Lee', 'Oslo']]]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 1, line: 2, column: 'NAME' });
    expect(r.rejects[0]!.reason).toMatch(/unbalanced quote: the quoted value that opens on line 2 runs to line 3/);
    expect(r.rejects[0]!.raw).toBe('1,"Smith,London\n2,"Jones",Paris');
  });

  it('throws, naming the row and line, when an open quote swallows the rest of the file', async () => {
    const lines = ['ID,NAME,CITY', '1,Ann,Paris', '2,"Bob,Rome'];
    for (let i = 3; i < 300; i++) lines.push(`${i},Name${i},City${i}`);
    const e = await caught(() => readAll(fx('runaway.csv', lines.join('\n') + '\n')));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/Unbalanced quote: the quoted value in column NAME of row 2 \(line 3\) is never closed/);
    expect(e.details).toMatchObject({ row: 2, line: 3, column: 'NAME' });
    expect(String(e.details.hint)).toMatch(/line 3/);
  });

  it('rejects a last row cut off inside a quoted field (truncated file), keeping the rows before', async () => {
    const r = await readAll(fx('truncated.csv', 'ID,NOTE\n1,ok\n2,"this export stopped in the mid'));
    expect(r.rows.map((x) => x.values)).toEqual([['1', 'ok']]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 2, line: 3, column: 'NOTE' });
    expect(r.rejects[0]!.reason).toMatch(/file ends inside the quoted value of column NOTE that opens on line 3: the file looks truncated/);
  });

  it('rejects a row with a field over the size limit, names the column, and keeps going', async () => {
    const big = 'x'.repeat(3000);
    const r = await readAll(fx('big.csv', `ID,NOTE,CITY\n1,small,Paris\n2,"${big}",Rome\n3,fine,Oslo\n`), {}, { maxFieldBytes: 2048 });
    expect(r.rows.map((x) => x.rowNo)).toEqual([1, 3]);
    expect(r.rejects[0]).toMatchObject({ rowNo: 2, column: 'NOTE' });
    expect(r.rejects[0]!.reason).toMatch(/value in column NOTE is 3000 bytes, over the 2048-byte limit/);
  });

  it('rejects a field over the default 1 MiB limit, keeping the whole row text', async () => {
    const big = 'é'.repeat(600 * 1024); // 1.2 MB in UTF-8
    const r = await readAll(fx('big2.csv', `ID,NOTE\n1,${big}\n2,ok\n`));
    expect(r.rows.map((x) => x.values)).toEqual([['2', 'ok']]);
    expect(r.rejects[0]!.column).toBe('NOTE');
    expect(r.rejects[0]!.raw).toBe(`1,${big}`); // once cut to 8 KiB with no mark
  });

  it('keeps values that start with = + - @ verbatim', async () => {
    const r = await readAll(fx('formula.csv', 'ID,NOTE\n1,=HYPERLINK("http://x")\n2,+44 20 7946 0000\n3,-12\n4,@SUM(A1)\n'));
    expect(r.rows.map((x) => x.values[1])).toEqual(['=HYPERLINK("http://x")', '+44 20 7946 0000', '-12', '@SUM(A1)']);
  });

  it('reads the same rows across read-chunk boundaries (large file)', async () => {
    const lines = ['ID,NAME,NOTE'];
    for (let i = 1; i <= 80000; i++) lines.push(i % 7 === 0 ? `${i},"Name, ${i}","multi\nline ""${i}"""` : `${i},Name${i},plain note ${i}`);
    const r = await readAll(fx('chunks.csv', lines.join('\r\n') + '\r\n'));
    expect(r.rows).toHaveLength(80000);
    expect(r.rejects).toHaveLength(0);
    const row = r.rows[6999]!; // id 7000
    expect(row.values).toEqual(['7000', 'Name, 7000', 'multi\nline "7000"']);
    expect(r.rows.every((x, i) => x.rowNo === i + 1 && x.values[0] === String(i + 1))).toBe(true);
    expect(r.rows[r.rows.length - 1]!.line).toBe(80001 + Math.floor(79999 / 7));
  });

  it('stops with CANCELLED when the signal aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await caught(() => readAll(fx('cancel.csv', 'a,b\n1,2\n'), {}, { signal: ac.signal }));
    expect(e.code).toBe('CANCELLED');
  });
});
