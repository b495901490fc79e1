// Deterministic keys that prove two records are one customer, for training the reranker: a raw
// source column by name works whether the column was kept raw only or feeds a canonical column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import { keyGroups } from '../../../engine/records/keys.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;

async function load(name: string, csv: string, mapping: Record<string, string | null>): Promise<void> {
  const path = join(t.dir, name);
  writeFileSync(path, csv);
  const j = await finishJob(c, (await c.call('ingest.start', { path, source: name, mapping })).jobId);
  expect(j.state, j.error?.message).toBe('succeeded');
}

beforeAll(async () => {
  const s = startInProcessEngine({ roots: [t.dir] }, CALLER);
  c = s.client;
  engine = s.engine;
  await c.call('workspace.create', { path: join(t.dir, 'keys.aerie'), passphrase: PASS });
  // NI_NO kept raw only in the CRM, mapped to the source key in billing (stored once, in source_key).
  await load('crm.csv', 'ID,NAME,NI_NO\n1,Ann Smith,AB123456C\n2,Ann Smyth, ab123456c \n3,Bob Jones,ZZ999999Z\n4,Cy Lee,\n', { ID: null, NAME: 'full_name', NI_NO: null });
  await load('billing.csv', 'NI_NO,NAME\nAB123456C,A Smith\nQQ111111Q,Di Ng\n', { NI_NO: 'source_key', NAME: 'full_name' });
});
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('key groups', () => {
  it('groups records by a raw column across imports, trimmed and case-folded', () => {
    const db = engine.requireSession().db;
    const names = (ids: number[]) => ids.map((id) => db.prepare('SELECT full_name FROM records WHERE id = ?').pluck().get(id)).sort();
    const groups = keyGroups(db, 'raw.NI_NO');
    expect(groups.map(names)).toEqual([['A Smith', 'Ann Smith', 'Ann Smyth']]);
  });

  it('finds nothing for a column no import has', () => {
    expect(keyGroups(engine.requireSession().db, 'raw.PASSPORT')).toEqual([]);
  });
});
