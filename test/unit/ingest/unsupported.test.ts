import { describe, expect, it } from 'vitest';
import { caught, fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('bad');

describe('files Aerie cannot read', () => {
  it('empty file', async () => {
    const e = await caught(() => readAll(fx('empty.csv', '')));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/empty \(0 bytes\)/);
    expect(e.details).toMatchObject({ file: expect.stringContaining('empty.csv'), hint: expect.stringMatching(/export finished/) });
  });

  it('file with only blanks or only a BOM', async () => {
    expect((await caught(() => readAll(fx('blank.csv', '  \n\n ')))).message).toMatch(/holds no data/);
    expect((await caught(() => readAll(fx('bom.csv', Buffer.from([0xef, 0xbb, 0xbf]))))).code).toBe('BAD_DATA');
  });

  it('Oracle Data Pump dump, by extension and by magic', async () => {
    const e = await caught(() => readAll(fx('crm.dmp', Buffer.from('whatever'))));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/Oracle dump file .*Aerie cannot read it/);
    expect(String(e.details.hint)).toMatch(/Export the table from SQL Developer as CSV or as INSERT statements, or use SQL\*Loader/);
    const legacy = Buffer.concat([Buffer.from([3, 3]), Buffer.from('iEXPORT:V11.02.00\nDSYSTEM\nRUSERS\n'), Buffer.alloc(100)]);
    expect((await caught(() => readAll(fx('export.bin', legacy)))).message).toMatch(/Oracle dump file/);
  });

  it('other binary files', async () => {
    const bin = Buffer.alloc(4096);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 37) % 256;
    const e = await caught(() => readAll(fx('photo.csv', bin)));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/looks like a binary file \(NUL byte at offset 0\)/);
    expect((await caught(() => readAll(fx('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))))).message).toMatch(/legacy Excel .xls/);
    expect((await caught(() => readAll(fx('data.csv.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]))))).message).toMatch(/gzip/);
  });

  it('a missing file', async () => {
    const e = await caught(() => readAll('/nonexistent/aerie/file.csv'));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/File not found/);
  });

  it('a file whose first row cannot be read', async () => {
    const e = await caught(() => readAll(fx('badhead.csv', '"ID"x,NAME\n1,2\n')));
    expect(e.code).toBe('BAD_DATA');
    expect(e.message).toMatch(/first row .* cannot be read/);
  });
});
