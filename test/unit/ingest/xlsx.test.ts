import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { caught, fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('xlsx');

async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return fx(name, buf);
}

describe('XLSX workbooks', () => {
  it('reads the first worksheet with typed cells as strings', async () => {
    const f = await workbook('customers.xlsx', (wb) => {
      const ws = wb.addWorksheet('Customers');
      ws.addRow(['ID', 'NAME', 'BORN', 'SEEN', 'VIP', 'NOTE', 'TOTAL']);
      ws.addRow([1, 'Ann', new Date(Date.UTC(1980, 4, 17)), new Date(Date.UTC(2024, 0, 2, 13, 45, 10)), true, '=HYPERLINK("x")', { formula: 'A2*2', result: 2 }]);
      ws.addRow([]);
      ws.addRow([2, { richText: [{ text: 'B' }, { text: 'ob' }] }, null, null, false, '@mention', { formula: 'A4*2' }]);
      ws.addRow([3, 'Cy', null, null, null, null, null, 'beyond']);
      wb.addWorksheet('Other').addRow(['X']);
    });
    const r = await readAll(f);
    expect(r.detected).toMatchObject({ format: 'xlsx', sheet: 'Customers', hasHeader: true, columns: ['ID', 'NAME', 'BORN', 'SEEN', 'VIP', 'NOTE', 'TOTAL'] });
    expect(r.rows.map((x) => [x.rowNo, x.line, x.values])).toEqual([
      [1, 2, ['1', 'Ann', '1980-05-17', '2024-01-02T13:45:10', 'TRUE', '=HYPERLINK("x")', '2']],
      [2, 4, ['2', 'Bob', null, null, 'FALSE', '@mention', '=A4*2']],
    ]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ rowNo: 3, line: 5 });
    expect(r.rejects[0]!.reason).toMatch(/worksheet row 5 has a value in column 8, beyond the 7 columns of the header/);
  });

  it('reads a named worksheet and reports unknown names', async () => {
    const f = await workbook('two.xlsx', (wb) => {
      wb.addWorksheet('First').addRow(['A']);
      const ws = wb.addWorksheet('Second');
      ws.addRow(['CODE', 'AMOUNT']);
      ws.addRow(['x', 10]);
    });
    const r = await readAll(f, { sheet: 'Second' });
    expect(r.rows.map((x) => x.values)).toEqual([['x', '10']]);
    const e = await caught(() => readAll(f, { sheet: 'Nope' }));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/Worksheet "Nope" is not in two.xlsx \(sheets: First, Second\)/);
  });

  it('says which worksheets were not read, and keeps a long rejected row whole', async () => {
    const long = `${'0123456789'.repeat(2000)}<end>`;
    const f = await workbook('notes.xlsx', (wb) => {
      const ws = wb.addWorksheet('Customers');
      ws.addRow(['ID', 'NAME']);
      ws.addRow([1, 'Ann']);
      ws.addRow([2, long, 'beyond']);
      wb.addWorksheet('Archive 2019').addRow(['ID']);
      wb.addWorksheet('Archive 2020').addRow(['ID']);
    });
    const r = await readAll(f);
    expect(r.notes).toEqual(['Worksheets "Archive 2019", "Archive 2020" of notes.xlsx were not read; import each with the sheet option.']);
    expect(r.rejects.map((x) => x.raw)).toEqual([`2\t${long}\tbeyond`]);
  });

  it('throws BAD_DATA for a damaged workbook', async () => {
    const e = await caught(() => readAll(fx('broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]))));
    expect(e.code).toBe('BAD_DATA');
    expect(String(e.details.hint)).toMatch(/save it again as .xlsx|CSV/);
    expect(e.message).toMatch(/truncated or damaged/); // refused before exceljs, whose temp-file errors cannot be caught
  });
});
