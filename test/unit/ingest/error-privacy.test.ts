// Whole-file read errors say where (file, row, line, column) and what to do, never what the rows
// hold: a runaway quote used to print ~200 characters of the following rows (customer data) on
// stderr. Also: the CLI prints the encoding decision and its reason on stderr (issue 9).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aerie } from '../../helpers/cli.js';
import { PASS, tempDir } from '../../helpers/tmp.js';
import { caught, fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('privacy');
const SECRET = (i: number) => `secret${i}@example.com`;

/** An open quote on line 3 that swallows 300 rows of customer data. */
function runaway(): string {
  const lines = ['ID,NAME,EMAIL', '1,Ann,ann@example.com', '2,"Bob,bob@example.com'];
  for (let i = 3; i < 300; i++) lines.push(`${i},Customer ${i},${SECRET(i)}`);
  return lines.join('\n') + '\n';
}

const leaks = (text: string) => Array.from({ length: 297 }, (_, k) => SECRET(k + 3)).filter((s) => text.includes(s)).concat(text.includes('Customer 3') ? ['Customer 3'] : []);

describe('read errors show where, not what', () => {
  it('an unbalanced quote names row, line and column, and quotes no data', async () => {
    const e = await caught(() => readAll(fx('runaway.csv', runaway())));
    expect(e.code).toBe('BAD_DATA');
    expect(e.details).toMatchObject({ row: 2, line: 3, column: 'NAME' });
    expect(e.details).not.toHaveProperty('value');
    expect(leaks(JSON.stringify({ message: e.message, details: e.details }))).toEqual([]);
  });

  it('an unreadable first row and an unparseable INSERT script say where, without the text', async () => {
    const first = await caught(() => readAll(fx('first.csv', `"ID,NAME"x${SECRET(1)}\n1,a\n`)));
    expect(first.message).toMatch(/line 1/);
    expect(JSON.stringify(first)).not.toContain(SECRET(1));
    const sql = await caught(() => readAll(fx('bad.sql', `Insert into T (A,B) values ('1' '${SECRET(2)}');\n`)));
    expect(sql.message).toMatch(/first error at line 1, column \d+: expected/);
    expect(JSON.stringify(sql)).not.toContain(SECRET(2));
  });

  describe('aerie import on the command line', () => {
    const t = tempDir();
    const ws = join(t.dir, 'p.aerie');
    afterAll(() => t.cleanup());

    it('prints the runaway-quote error with its place and no row content', () => {
      expect(aerie(['init', ws], { AERIE_PASSPHRASE: PASS }).code).toBe(0);
      const file = join(t.dir, 'runaway.csv');
      writeFileSync(file, runaway());
      const r = aerie(['import', ws, file], { AERIE_PASSPHRASE: PASS });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Unbalanced quote: .* row 2 \(line 3\)/);
      expect(r.stderr).toMatch(/column NAME/);
      expect(leaks(r.stderr)).toEqual([]);
      expect(r.stderr).not.toContain('bob@example.com');
    });

    it('prints the encoding decision and its reason on stderr', () => {
      const file = join(t.dir, 'one-bad.csv');
      writeFileSync(file, Buffer.concat([Buffer.from('ID,NAME\n1,Zoë\n2,Jos'), Buffer.from([0xe9]), Buffer.from('\n3,Müller\n4,Ødegård\n')]));
      const r = aerie(['import', ws, file], { AERIE_PASSPHRASE: PASS });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/encoding: Encoding utf-8: 1 invalid byte sequence \(the first at byte offset 20\)/);
      expect(r.stderr).toMatch(/1 row rejected: list them with `aerie rejects/);
      expect(JSON.parse(r.stdout)).toMatchObject({ encoding: 'utf-8', rowsRead: 4, rowsImported: 3, rowsRejected: 1 });
    });
  });
});
