// Deleting a source runs as a job in chunks inside one transaction: between chunks the engine
// answers reads and refuses other changes (they would join the transaction), and a cancel before
// the commit leaves every row where it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AerieError } from '../../../engine/api/errors.js';
import type { EngineClient } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import type { DB } from '../../../engine/db/sqlite.js';
import { REMOVE_CHUNK, removeJob } from '../../../engine/ingest/remove.js';
import type { JobContext } from '../../../engine/jobs/types.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob, resultOf } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
const ws = join(t.dir, 'remove-job.aerie');
const ROWS = 2 * REMOVE_CHUNK + 500; // three chunks
let c: EngineClient;
let engine: Engine;

function counts(db: DB): Record<string, number> {
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    sources: n('SELECT count(*) FROM sources'),
    imports: n('SELECT count(*) FROM imports'),
    records: n('SELECT count(*) FROM records'),
    record_vectors: n('SELECT count(*) FROM record_vectors'),
    resolve_members: n('SELECT count(*) FROM resolve_members'),
    golden_members: n('SELECT count(*) FROM golden_members'),
  };
}

beforeAll(async () => {
  ({ client: c, engine } = startInProcessEngine({ roots: [t.dir] }, CALLER));
  await c.call('workspace.create', { path: ws, passphrase: PASS });
  const path = join(t.dir, 'big.csv');
  const lines = ['ID,NAME,MAIL'];
  for (let i = 0; i < ROWS; i++) lines.push(`K${i},Person ${i},p${i}@example.com`);
  writeFileSync(path, lines.join('\n') + '\n');
  await finishJob(c, (await c.call('ingest.start', { path, source: 'Big', mapping: { ID: 'source_key', NAME: 'full_name', MAIL: 'email' } })).jobId);
  // stand-in derived rows, as embed / resolve / golden runs write them
  engine.requireSession().db.exec(`
    INSERT INTO embed_generations (id, model_id, model_name, model_kind, dims, recipe, state, created_at) VALUES (1, 'm', 'm', 'builtin', 2, 'r', 'active', '2026-01-01');
    INSERT INTO record_vectors (gen, record_id, text_hash, vec) SELECT 1, id, 0, x'0101' FROM records;
    INSERT INTO resolve_members (run_id, record_id, entity_id) SELECT 1, id, 'E' || source_key FROM records;
    INSERT INTO golden_members (build_id, record_id, golden_id) SELECT 1, id, 'G' || source_key FROM records;
  `);
}, 60_000);
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('ingest.remove as a job', () => {
  it('answers reads and refuses changes between chunks, and a cancel before the commit keeps every row', async () => {
    const s = engine.requireSession();
    const before = counts(s.db);
    expect(before.records).toBe(ROWS);
    const stages: string[] = [];
    let yields = 0;
    let midway: Record<string, number> | null = null;
    // The job as the runner drives it, cancelled after two of its three chunks, one to go.
    const ctx: JobContext<{ source: string }> = {
      db: s.db,
      workspace: { caches: s.caches, changes: s.changes, holdWrites: (w) => s.writes.hold(w) },
      jobId: 'job-cancel-test',
      params: { source: 'Big' },
      signal: new AbortController().signal,
      checkpoint: null,
      progress: (_d, _t, m) => void (m && stages.push(m)),
      saveCheckpoint: () => undefined,
      yield: async () => {
        if (++yields < 4) return; // 1: before starting, 2: rows found, 3 and 4: after chunks 1 and 2
        midway = counts(s.db);
        // reads are answered meanwhile; a change is refused, named, and not made
        expect((await c.call('sources.list', {})).map((x) => x.name)).toEqual(['Big']);
        await expect(c.call('profile.setSettings', { defaultCountry: 'US' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Delete source Big is in progress/) });
        throw new AerieError('CANCELLED', 'Cancelled.');
      },
    };
    await expect(removeJob.run(ctx)).rejects.toMatchObject({ code: 'CANCELLED' });
    // it had really deleted part of the rows inside the transaction before the cancel
    expect(midway!.records).toBe(ROWS - 2 * REMOVE_CHUNK);
    expect(midway!.record_vectors).toBe(ROWS - 2 * REMOVE_CHUNK);
    expect(stages).toContain('Removing records and what was derived from them');
    expect(counts(s.db)).toEqual(before);
    expect(s.db.inTransaction).toBe(false);
    expect(s.writes.holder).toBeNull();
    // the refused change was not made; changes are accepted again
    expect((await c.call('profile.settings', {})).defaultCountry).toBe('GB');
    await c.call('profile.setSettings', { defaultCountry: 'GB' });
  });

  it('a cancel through the API ends the job cancelled with every row kept; then it runs to the end', async () => {
    const s = engine.requireSession();
    const before = counts(s.db);
    const { jobId } = await c.call('ingest.remove', { source: 'Big' });
    await c.call('jobs.cancel', { id: jobId });
    expect((await finishJob(c, jobId)).state).toBe('cancelled');
    expect(counts(s.db)).toEqual(before);
    // the cancel is audited even though it arrived while the removal held the writes
    expect((await c.call('audit.list', { limit: 5 })).some((e) => e.method === 'jobs.cancel')).toBe(true);
    expect((await c.call('audit.verify', {})).problems).toEqual([]);

    const r = resultOf(await finishJob(c, (await c.call('ingest.remove', { source: 'Big' })).jobId), 'ingest.remove');
    expect(r).toMatchObject({ sourceDeleted: true, records: ROWS, vectors: ROWS });
    expect(counts(s.db)).toEqual({ sources: 0, imports: 0, records: 0, record_vectors: 0, resolve_members: 0, golden_members: 0 });
  });
});
