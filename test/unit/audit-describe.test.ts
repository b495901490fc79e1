// The audit log read by a person: each entry says what it touched (file, source, import, the call in
// words) beside its digest; lock, unlock and exports are logged; no row values appear.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../engine/api/index.js';
import { startInProcessEngine } from '../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;

beforeAll(async () => {
  c = startInProcessEngine({ roots: [t.dir] }, CALLER).client;
  await c.call('workspace.create', { path: join(t.dir, 'readable.aerie'), passphrase: PASS });
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('readable audit', () => {
  it('names the file, source and import, logs lock, unlock and exports, and quotes no row values', async () => {
    const path = join(t.dir, 'customers.csv');
    writeFileSync(path, 'ID,NAME,MAIL\nC1,Zebedee Quux,zeb@example.com\nC2,"broken\n');
    const imp = resultOf(await finishJob(c, (await c.call('ingest.start', { path, source: 'CRM', mapping: { ID: 'source_key', NAME: 'full_name', MAIL: 'email' } })).jobId), 'ingest.import');
    await c.call('ingest.exportRejects', { importId: imp.importId, path: join(t.dir, 'bad-rows.csv') });
    await c.call('workspace.lock', {});
    await c.call('workspace.unlock', { passphrase: PASS });
    await finishJob(c, (await c.call('ingest.remove', { source: 'CRM', importId: imp.importId })).jobId);

    const entries = await c.call('audit.list', { limit: 20 });
    const words = entries.map((e) => e.description).reverse();
    expect(words).toEqual([
      'Created the workspace',
      `Imported customers.csv into source CRM (import ${imp.importId})`,
      'Exported rejected rows → bad-rows.csv',
      'Locked the workspace',
      'Unlocked the workspace',
      `Rolled back import ${imp.importId} of source CRM (1 records, 0 events removed)`,
    ]);
    expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.argsDigest))).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/Zebedee|zeb@example/);
    expect((await c.call('audit.verify', {})).problems).toEqual([]);
  });
});
