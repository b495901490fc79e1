// Changing the passphrase of an open workspace: the session carries on with the re-keyed file, and
// every refusal leaves the old file, the old passphrase and the open session as they were.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AerieError, type EngineClient } from '../../engine/api/index.js';
import { applyKey } from '../../engine/db/cipher.js';
import { Database } from '../../engine/db/sqlite.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { finishJob } from '../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../helpers/tmp.js';
import { rejection } from '../helpers/engine.js';

const NEW = 'a brand new passphrase';

let t: ReturnType<typeof tempDir>;
let client: EngineClient;
let ws: string;

beforeEach(async () => {
  t = tempDir();
  ws = join(t.dir, 'rk.aerie');
  client = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER).client;
  await client.call('workspace.create', { path: ws, passphrase: PASS });
  const { jobId } = await client.call('demo.generate', { customers: 300, seed: 4 });
  expect((await finishJob(client, jobId)).state).toBe('succeeded');
});
afterEach(async () => {
  await client.close();
  t.cleanup();
});

const records = async () => (await client.call('data.page', { table: 'records', offset: 0, limit: 1 })).total;
const leftovers = () => readdirSync(t.dir).filter((f) => f.includes('-rekey'));

async function opensWith(passphrase: string): Promise<boolean> {
  await client.call('workspace.close', {});
  try {
    await client.call('workspace.open', { path: ws, passphrase });
    return true;
  } catch (e) {
    if (e instanceof AerieError && e.code === 'WRONG_PASSPHRASE') return false;
    throw e;
  }
}

describe('changing the passphrase of an open workspace', () => {
  it('carries on with the re-keyed file: reads, searches, new jobs and the audit log', async () => {
    await client.call('workspace.changePassphrase', { current: PASS, next: NEW });
    expect(leftovers()).toEqual([]);
    expect(await records()).toBe(300);
    expect((await client.call('search.query', { q: 'smith', limit: 5, lexicalOnly: true })).results).toBeDefined();
    const { jobId } = await client.call('demo.generate', { customers: 100, seed: 5 });
    expect((await finishJob(client, jobId)).state).toBe('succeeded');
    const audit = await client.call('audit.list', { limit: 50 });
    expect(audit.map((a) => a.method)).toContain('workspace.changePassphrase');
    expect((await client.call('audit.verify', {})).ok).toBe(true);

    expect(await opensWith(PASS)).toBe(false);
    expect(await opensWith(NEW)).toBe(true);
    expect(await records()).toBe(400);
  });

  it('refuses a wrong current passphrase, leaving nothing beside the file', async () => {
    const err = await rejection(client.call('workspace.changePassphrase', { current: 'not the passphrase', next: NEW }));
    expect(err.code).toBe('WRONG_PASSPHRASE');
    expect(leftovers()).toEqual([]);
    expect(await records()).toBe(300);
    expect(await opensWith(PASS)).toBe(true);
  });

  it('refuses while another connection has the file open, and the open session carries on', async () => {
    const other = new Database(ws, { readonly: true });
    applyKey(other, PASS);
    expect(other.prepare('SELECT count(*) FROM records').pluck().get()).toBe(300);
    const err = await rejection(client.call('workspace.changePassphrase', { current: PASS, next: NEW }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/Another program has this workspace open/);
    expect(leftovers()).toEqual([]);
    expect(await records()).toBe(300);
    // still the old key, for this session and the other reader
    expect(other.prepare('SELECT count(*) FROM records').pluck().get()).toBe(300);
    other.close();
    expect(await opensWith(NEW)).toBe(false);
    expect(await opensWith(PASS)).toBe(true);
  });

  it('refuses while a job runs', async () => {
    const { jobId } = await client.call('demo.generate', { customers: 2_000_000, seed: 6 });
    while ((await client.call('jobs.get', { id: jobId })).state !== 'running') await new Promise((r) => setTimeout(r, 10));
    const err = await rejection(client.call('workspace.changePassphrase', { current: PASS, next: NEW }));
    expect(err.code).toBe('CONFLICT');
    await client.call('jobs.cancel', { id: jobId });
    await finishJob(client, jobId);
    expect(existsSync(`${ws}-rekey`)).toBe(false);
    expect(await opensWith(PASS)).toBe(true);
  });
});
