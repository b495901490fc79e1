// An Oracle script whose comment, string or q'[...]' literal is never closed: every INSERT after it
// is counted and kept as a located reject, never dropped (issue 9, item 4).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { fixtureDir, readAll } from './helpers.js';

const fx = fixtureDir('sql-unclosed');

const insert = (i: number) => `Insert into CRM.CUSTOMERS (ID,NAME) values ('${i}','Name ${i}');`;

/** 199 INSERTs, one per line from line 2; an unclosed /* on its own line after INSERT 99 (line 101). */
function script(): string {
  const lines = ['SET DEFINE OFF;'];
  for (let i = 1; i <= 199; i++) {
    if (i === 100) lines.push('/* rows below were checked by finance');
    lines.push(insert(i));
  }
  return lines.join('\n') + '\n';
}

describe('Oracle scripts: nothing after an unclosed comment or string is lost', () => {
  it('keeps every INSERT after an unclosed /* as a reject naming the line where the comment opens', async () => {
    const r = await readAll(fx('unclosed-comment.sql', script()));
    expect(r.rows.map((x) => x.rowNo)).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
    expect(r.rejects.map((x) => x.rowNo)).toEqual(Array.from({ length: 100 }, (_, i) => i + 100));
    expect(r.rows.length + r.rejects.length).toBe(199); // rows_read accounts for all of them
    for (const x of r.rejects) expect(x.reason).toMatch(/the \/\* comment that opens on line 101 is never closed.*close the comment with \*\//);
    // Each reject keeps its own statement and line; the first starts where the comment opens.
    expect(r.rejects[0]).toMatchObject({ line: 101, raw: `/* rows below were checked by finance\n${insert(100)}` });
    expect(r.rejects[1]).toMatchObject({ line: 103, raw: insert(101) });
    expect(r.rejects[99]).toMatchObject({ line: 201, raw: insert(199) });
    // Together they hold the whole text from the /* on.
    const text = script();
    expect(r.rejects.map((x) => x.raw).join('\n')).toBe(text.slice(text.indexOf('/*')).trimEnd());
  });

  it('an unclosed /* inside a statement: that statement and the ones after it are rejects', async () => {
    const f = fx('comment-in-statement.sql', [insert(1), "Insert into CRM.CUSTOMERS (ID,NAME) values ('2', /* oops", insert(3), insert(4), ''].join('\n'));
    const r = await readAll(f);
    expect(r.rows.map((x) => x.rowNo)).toEqual([1]);
    expect(r.rejects.map((x) => [x.rowNo, x.line])).toEqual([[2, 2], [3, 4]]);
    expect(r.rejects[0]!.raw).toBe(`Insert into CRM.CUSTOMERS (ID,NAME) values ('2', /* oops\n${insert(3)}`);
    expect(r.rejects[0]!.reason).toMatch(/comment that opens on line 2 is never closed/);
    expect(r.rejects[1]!.raw).toBe(insert(4));
  });

  it("an unterminated q'[ literal at the end keeps the tail in a reject naming the line where it opens", async () => {
    const q = await readAll(fx('q-literal.sql', [insert(1), "Insert into CRM.CUSTOMERS (ID,NAME) values ('2', q'[a note with ] but no close", 'and a second line);', ''].join('\n')));
    expect(q.rows.map((x) => x.rowNo)).toEqual([1]);
    expect(q.rejects).toHaveLength(1);
    expect(q.rejects[0]).toMatchObject({ rowNo: 2, line: 2 });
    expect(q.rejects[0]!.reason).toMatch(/inside the q'\[ string that opens on line 2; it must end with \]'; the rest of the file is kept in this reject/);
    expect(q.rejects[0]!.raw).toMatch(/and a second line\);$/);
  });

  it('through the engine: rows_read counts every INSERT and the result says what was rejected', async () => {
    const t = tempDir();
    const c: EngineClient = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
    try {
      await c.call('workspace.create', { path: join(t.dir, 'w.aerie'), passphrase: PASS });
      const path = join(t.dir, 'engine.sql');
      writeFileSync(path, `CREATE TABLE CRM.CUSTOMERS (ID NUMBER, NAME VARCHAR2(100));\n${script()}`);
      const j = await finishJob(c, (await c.call('ingest.start', { path, source: 'crm', mapping: { ID: 'source_key', NAME: 'full_name' } })).jobId);
      expect(j.state, j.error?.message).toBe('succeeded');
      expect(j.result).toMatchObject({ rowsRead: 199, rowsImported: 99, rowsRejected: 100, notes: ['Statement on line 1 (CREATE TABLE …) is not an INSERT; skipped.'] });
      const s = await c.call('ingest.summary', { importId: resultOf(j, 'ingest.import').importId });
      expect(s).toMatchObject({ rowsRead: 199, rowsImported: 99, rowsRejected: 100 });
      const rej = await c.call('ingest.rejects', { importId: s.importId, limit: 200 });
      expect(rej.rows.map((x) => x.rowNo)).toEqual(Array.from({ length: 100 }, (_, i) => i + 100));
      expect(rej.rows[99]!.raw).toBe(insert(199));
    } finally {
      await c.close();
      t.cleanup();
    }
  });
});
