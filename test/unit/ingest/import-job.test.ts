// Import through the engine: lineage, rejects, saved mappings, duplicates, events, cancel and
// bad input that fails cleanly without touching what is already stored.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AerieError, type EngineClient, type Job } from '../../../engine/api/index.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';

const t = tempDir();
let c: EngineClient;
const file = (name: string, content: string | Buffer) => {
  const p = join(t.dir, name);
  writeFileSync(p, content);
  return p;
};

const finish = (jobId: string): Promise<Job> => finishJob(c, jobId);
async function records(): Promise<number> {
  return (await c.call('data.tables', {})).find((x) => x.name === 'records')!.rowCount;
}

const CRM = 'CUST_ID,FIRST_NM,LAST_NM,EMAIL_ADDR,PHONE_NO,DOB,OPT_IN_EMAIL,NOTES\n' +
  'C1,Ann,Smith,ann@example.com,07700 900123,12/01/1980,Y,"=HYPERLINK(""http://x"")"\n' +
  'C2,Bob,Jones,bob at example.com,+44 20 7946 0000,1975-03-02,N,"two\nlines"\n' +
  'C3,Cy,Brown\n' +
  'C4,Di,Lee,di@example.com,,,,\n';

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: join(t.dir, 'ingest.aerie'), passphrase: PASS });
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('import job', () => {
  let crm: string;
  let importId: number;

  it('previews format, columns and a suggested mapping', async () => {
    crm = file('crm.csv', CRM);
    const p = await c.call('ingest.preview', { path: crm });
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', hasHeader: true, alreadyImported: null });
    const m = Object.fromEntries(p.suggestions.map((s) => [s.column, s.attribute]));
    expect(m).toMatchObject({ CUST_ID: 'source_key', FIRST_NM: 'given_name', LAST_NM: 'family_name', EMAIL_ADDR: 'email', PHONE_NO: 'phone', DOB: 'date_of_birth', OPT_IN_EMAIL: 'consent_email', NOTES: 'notes' });
  });

  it('imports rows with lineage and verbatim values, and rejects bad rows with their reason', async () => {
    const { jobId } = await c.call('ingest.start', { path: crm, source: 'crm' });
    const j = await finish(jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    importId = resultOf(j, 'ingest.import').importId;
    const s = await c.call('ingest.summary', { importId });
    expect(s).toMatchObject({ rowsRead: 4, rowsImported: 3, rowsRejected: 1, format: 'csv', columns: ['CUST_ID', 'FIRST_NM', 'LAST_NM', 'EMAIL_ADDR', 'PHONE_NO', 'DOB', 'OPT_IN_EMAIL', 'NOTES'] });
    const page = await c.call('data.page', { table: 'records', offset: 0, limit: 10 });
    const col = (n: string) => page.columns.findIndex((x) => x.name === n);
    expect(page.rows.map((r) => r[col('row_no')])).toEqual([1, 2, 4]);
    expect(page.rows[0]![col('email')]).toBe('ann@example.com');
    expect(page.rows[1]![col('given_name')]).toBe('Bob');
    const rej = await c.call('ingest.rejects', { importId });
    expect(rej.total).toBe(1);
    expect(rej.rows[0]).toMatchObject({ rowNo: 3, raw: 'C3,Cy,Brown' });
    expect(rej.rows[0]!.reason).toMatch(/expected 8 fields, found 3/);
  });

  it('gives back each record\'s original values exactly as the file had them, with its lineage', async () => {
    const spaced = file('spaced.csv', 'ID,NAME,MAIL,OPT\n A1 ,Ann Smith,ann@example.com,Y\nA2,  ,bob@example.com,no\nA3,"Cy ""C"" Lee",,\n');
    const j = await finish((await c.call('ingest.start', { path: spaced, source: 'spaced', mapping: { ID: 'source_key', NAME: 'full_name', MAIL: 'email', OPT: 'consent_email' } })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    const id = resultOf(j, 'ingest.import').importId;
    const page = await c.call('data.page', { table: 'records', offset: 0, limit: 10, filters: [{ column: 'import_id', op: 'equals', value: String(id) }] });
    const ids = page.rows.map((r) => r[page.columns.findIndex((x) => x.name === 'id')] as number);
    const got = await Promise.all(ids.map((rid) => c.call('data.original', { table: 'records', id: rid })));
    expect(got.map((g) => g.columns.map((x) => x.value))).toEqual([
      [' A1 ', 'Ann Smith', 'ann@example.com', 'Y'],
      ['A2', '  ', 'bob@example.com', 'no'],
      ['A3', 'Cy "C" Lee', null, null], // the CSV reader reads an empty field as null
    ]);
    expect(got[0]).toMatchObject({ importId: id, rowNo: 1, file: 'spaced.csv', source: 'spaced' });
    expect(got[0]!.columns[1]).toEqual({ name: 'NAME', value: 'Ann Smith', feeds: 'full_name' });
    const gone = await c.call('data.original', { table: 'records', id: 999_999 }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps formula-like values verbatim and neutralises them only on export', async () => {
    const page = await c.call('data.page', { table: 'records', offset: 0, limit: 1, filters: [{ column: 'source_key', op: 'equals', value: 'C1' }] });
    expect(page.total).toBe(1);
    const bad = file('formula.csv', 'ID,NOTE\n1,ok\n=cmd|calc,x,extra\n');
    const j = await finish((await c.call('ingest.start', { path: bad, source: 'notes' })).jobId);
    expect(j.state).toBe('succeeded');
    const out = join(t.dir, 'rejects.csv');
    const r = await c.call('ingest.exportRejects', { importId: resultOf(j, 'ingest.import').importId, path: out });
    expect(r.rows).toBe(1);
    const text = (await import('node:fs')).readFileSync(out, 'utf8');
    // The raw text starts with "=": exported with a leading quote so a spreadsheet shows it as text.
    expect(text).toContain(`,"'=cmd|calc,x,extra"`);
    expect(text).not.toMatch(/,"?=cmd/);
  });

  it('flags a file imported before instead of doubling it, and saves the mapping for reuse', async () => {
    const before = await records();
    const p = await c.call('ingest.preview', { path: crm, source: 'crm' });
    expect(p.alreadyImported).toMatchObject({ importId, source: 'crm' });
    expect(p.savedMapping).toMatchObject({ CUST_ID: 'source_key' });
    const j = await finish((await c.call('ingest.start', { path: crm, source: 'crm' })).jobId);
    expect(j.state).toBe('failed');
    expect(j.error).toMatchObject({ code: 'CONFLICT' });
    expect(j.error!.message).toMatch(/already imported \(import \d+ into crm/);
    expect(await records()).toBe(before);
    const sources = await c.call('sources.list', {});
    expect(sources.find((s) => s.name === 'crm')!.mapping).toMatchObject({ EMAIL_ADDR: 'email' });
  });

  it('imports events linked to customer keys, rejecting undated ones', async () => {
    const ev = file('orders.csv', 'ORDER_ID,CUST_ID,ORDER_DATE,TOTAL\n1,C1,2024-02-01,19.99\n2,C2,01/03/2024,5\n3,C4,someday,7\n4,C1,2024-03-05,abc\n');
    const j = await finish((await c.call('ingest.start', { path: ev, source: 'orders', kind: 'events', eventType: 'order', mapping: { ORDER_ID: null, CUST_ID: 'source_key', ORDER_DATE: 'at', TOTAL: 'amount' } })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(j.result).toMatchObject({ rowsImported: 2, rowsRejected: 2 });
    const page = await c.call('data.page', { table: 'events', offset: 0, limit: 10 });
    const at = page.columns.findIndex((x) => x.name === 'at');
    expect(page.rows.map((r) => r[at])).toEqual(['2024-02-01', '2024-03-01']);
    const rej = await c.call('ingest.rejects', { importId: resultOf(j, 'ingest.import').importId });
    expect(rej.rows.map((r) => r.reason)).toEqual([expect.stringMatching(/row 3, column ORDER_DATE: "someday" is not a date/), expect.stringMatching(/row 4, column TOTAL: "abc" is not a number/)]);
    const firstEvent = page.rows[0]![page.columns.findIndex((x) => x.name === 'id')] as number;
    const o = await c.call('data.original', { table: 'events', id: firstEvent });
    expect(o.columns.map((x) => [x.name, x.value])).toEqual([['ORDER_ID', '1'], ['CUST_ID', 'C1'], ['ORDER_DATE', '2024-02-01'], ['TOTAL', '19.99']]);
  });

  it('refuses a mapping that names a missing column, before anything is stored', async () => {
    const before = await records();
    const f = file('small.csv', 'A,B\n1,2\n');
    const j = await finish((await c.call('ingest.start', { path: f, source: 'small', mapping: { NOPE: 'email' } })).jobId);
    expect(j.state).toBe('failed');
    expect(j.error!.message).toMatch(/column "NOPE", which the file does not have/);
    expect(await records()).toBe(before);
    expect((await c.call('sources.list', {})).map((s) => s.name)).not.toContain('small');
  });

  it('fails unreadable files with a clear message and keeps what is stored', async () => {
    const before = await records();
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /empty/i],
      ['binary.csv', Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 0, 0, 0, 9]), /binary|not a text/i],
      ['expdp.dmp', Buffer.concat([Buffer.from('\u0003\u0000EXPORT:V19.00.00\n'), Buffer.alloc(200, 0)]), /Data Pump/],
    ];
    for (const [name, content, re] of cases) {
      const f = file(name, content);
      try {
        await c.call('ingest.preview', { path: f });
        throw new Error(`${name} was accepted`);
      } catch (e) {
        expect(e).toBeInstanceOf(AerieError);
        expect((e as AerieError).code).toBe('BAD_DATA');
        expect((e as AerieError).message).toMatch(re);
      }
      const j = await finish((await c.call('ingest.start', { path: f, source: `bad-${name}`, mapping: {} })).jobId);
      expect(j.state).toBe('failed');
      expect(j.error!.message).toMatch(re);
      // The job keeps where the problem is and what to do, not just the message.
      expect(j.error!.details).toMatchObject({ file: f, hint: expect.any(String) });
    }
    expect(await records()).toBe(before);
  });

  it('keeps the rows before an INSERT syntax error and rejects the broken statement', async () => {
    const sql = file(
      'export.sql',
      "SET DEFINE OFF;\nInsert into CRM.CUSTOMERS (ID,NAME,EMAIL) values ('1','Ann Smith','ann@x.com');\nInsert into CRM.CUSTOMERS (ID,NAME,EMAIL) values ('2','Bob Jones' 'bob@x.com');\nInsert into CRM.CUSTOMERS (ID,NAME,EMAIL) values ('3',q'[O'Brien]','ob@x.com');\n",
    );
    const j = await finish((await c.call('ingest.start', { path: sql, source: 'oracle' })).jobId);
    expect(j.state, j.error?.message).toBe('succeeded');
    expect(j.result).toMatchObject({ rowsImported: 2, rowsRejected: 1 });
    const page = await c.call('data.page', { table: 'records', offset: 0, limit: 5, filters: [{ column: 'source_key', op: 'equals', value: '3' }] });
    expect(page.rows[0]![page.columns.findIndex((x) => x.name === 'family_name')]).toBe("O'Brien");
  });

  it('cancel rolls the import back cleanly', async () => {
    const before = await records();
    const lines = ['ID,FIRST,LAST,EMAIL'];
    for (let i = 0; i < 300_000; i++) lines.push(`${i},Given${i},Family${i % 1000},u${i}@example.com`);
    const big = file('big.csv', lines.join('\n'));
    let jobId = '';
    // progress arrives as events (the stored row lags them by up to half a second)
    const writing = new Promise<void>((resolve, reject) => {
      const off = c.on('job', (j) => {
        if (j.id !== jobId) return;
        if (j.state === 'running' && j.done > 0 && j.message.includes('imported')) {
          off();
          resolve();
        } else if (j.state === 'succeeded') reject(new Error('the import finished before it could be cancelled'));
      });
    });
    ({ jobId } = await c.call('ingest.start', { path: big, source: 'big' }));
    await writing;
    await c.call('jobs.cancel', { id: jobId });
    expect((await finish(jobId)).state).toBe('cancelled');
    expect(await records()).toBe(before);
    expect((await c.call('sources.list', {})).map((s) => s.name)).not.toContain('big');
  });
});
