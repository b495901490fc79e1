// One contract suite, run over every transport: outputs match their schemas, errors arrive as
// typed AerieErrors with their codes, events fan out, timeouts fire.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AerieError, methods, type MethodName, type Job } from '../../engine/api/index.js';
import { PASS, tempDir } from '../helpers/tmp.js';
import { transports, type Connected } from './transports.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AerieError);
    return (e as AerieError).code;
  }
  return 'no error';
}

describe.each(Object.keys(transports))('contract over %s', (name) => {
  const t = tempDir();
  const ws = join(t.dir, 'contract.aerie');
  let c: Connected;
  const valid = <M extends MethodName>(m: M, out: unknown) => {
    const r = methods[m].output.safeParse(out);
    expect(r.success, `${m} output: ${r.success ? '' : r.error.message}`).toBe(true);
  };

  beforeAll(async () => {
    c = await transports[name]!([t.dir]);
  });
  afterAll(async () => {
    await c.close();
    t.cleanup();
  });

  it('app.status before any workspace', async () => {
    const s = await c.client.call('app.status', {});
    valid('app.status', s);
    expect(s.state).toBe('none');
    expect(s.roots.length).toBe(1);
  });

  it('typed errors: no workspace, invalid input, unknown method', async () => {
    expect(await codeOf(c.client.call('workspace.info', {}))).toBe('NO_WORKSPACE');
    try {
      await c.client.call('workspace.create', { path: ws, passphrase: 'short' });
      throw new Error('expected INVALID_INPUT');
    } catch (e) {
      expect(e).toBeInstanceOf(AerieError);
      expect((e as AerieError).code).toBe('INVALID_INPUT');
      expect((e as AerieError).details?.column).toBe('passphrase');
      expect((e as AerieError).message).toMatch(/at least 8/);
    }
    expect(await codeOf(c.client.call('no.such.method' as MethodName, {} as never))).toBe('UNKNOWN_METHOD');
  });

  it('create, info, tables and pages match their schemas', async () => {
    const info = await c.client.call('workspace.create', { path: ws, passphrase: PASS });
    valid('workspace.create', info);
    valid('workspace.info', await c.client.call('workspace.info', {}));
    const tables = await c.client.call('data.tables', {});
    valid('data.tables', tables);
    expect(tables.map((x) => x.name)).toContain('records');
  });

  it('job events fan out to listeners and data pages follow', async () => {
    const events: Job[] = [];
    const off = c.client.on('job', (j) => events.push(j));
    const changed: string[][] = [];
    c.client.on('data.changed', (d) => changed.push(d.tables));
    const { jobId } = await c.client.call('demo.generate', { customers: 12_000, seed: 2 });
    for (let i = 0; i < 400 && !events.some((e) => e.id === jobId && e.state === 'succeeded'); i++) await new Promise((r) => setTimeout(r, 25));
    off();
    const mine = events.filter((e) => e.id === jobId);
    expect(mine.at(-1)?.state).toBe('succeeded');
    expect(mine.some((e) => e.state === 'running')).toBe(true);
    expect(changed.flat()).toContain('records');
    const page = await c.client.call('data.page', { table: 'records', offset: 100, limit: 50, sort: { column: 'family_name', dir: 'asc' } });
    valid('data.page', page);
    expect(page.rows).toHaveLength(50);
    expect(page.total).toBe(12_000);
    const fam = page.columns.findIndex((col) => col.name === 'family_name');
    // Sorted case- and accent-insensitively (the demo's names drift in case).
    const fold = (x: string) => x.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const names = page.rows.map((r) => fold(String(r[fam])));
    expect([...names].sort()).toEqual(names);
    valid('jobs.list', await c.client.call('jobs.list', {}));
    valid('audit.list', await c.client.call('audit.list', {}));
    valid('audit.verify', await c.client.call('audit.verify', {}));
  });

  it('filters cannot inject SQL and unknown columns are refused', async () => {
    const page = await c.client.call('data.page', { table: 'records', offset: 0, limit: 5, filters: [{ column: 'email', op: 'contains', value: "' OR 1=1 --" }] });
    expect(page.total).toBe(0);
    expect(await codeOf(c.client.call('data.page', { table: 'records', offset: 0, limit: 5, sort: { column: 'raw; DROP TABLE records', dir: 'asc' } }))).toBe('INVALID_INPUT');
    expect(await codeOf(c.client.call('data.page', { table: 'sqlite_master', offset: 0, limit: 5 }))).toBe('NOT_FOUND');
  });

  it('a client timeout fails the call with TIMEOUT', async () => {
    expect(await codeOf(c.client.call('workspace.changePassphrase', { current: PASS, next: 'another passphrase' }, { timeoutMs: 1 }))).toBe('TIMEOUT');
    // The engine still finished the call: the new passphrase is in force.
    await new Promise((r) => setTimeout(r, 1500));
    await c.client.call('workspace.lock', {});
    expect(await codeOf(c.client.call('workspace.unlock', { passphrase: PASS }))).toBe('WRONG_PASSPHRASE');
    const info = await c.client.call('workspace.unlock', { passphrase: 'another passphrase' });
    valid('workspace.unlock', info);
  });
});
