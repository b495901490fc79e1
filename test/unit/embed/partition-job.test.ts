// The nightly (incremental) embedding job keeps the vector partition of a large store: it re-trains
// only once the store has grown 4x since training, not on every run.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient, Job } from '../../../engine/api/index.js';
import type { Engine } from '../../../engine/core/engine.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { finishJob } from '../../helpers/jobs.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

// Above 4 x the partition's training sample (16,384), where the bug showed.
const N = 70_000;
const t = tempDir();
let c: EngineClient;
let engine: Engine;

async function run(method: 'embed.index'): Promise<{ job: Job; messages: string[] }> {
  const messages: string[] = [];
  const { jobId } = await c.call(method, {});
  const off = c.on('job', (j) => j.id === jobId && j.message && messages.push(j.message));
  const job = await finishJob(c, jobId);
  off();
  return { job, messages };
}

const meta = () => JSON.parse(engine.requireSession().db.prepare("SELECT partition_meta FROM embed_generations WHERE state = 'active'").pluck().get() as string) as { k: number; trainedOn: number };

beforeAll(async () => {
  const s = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = s.client;
  engine = s.engine;
  await c.call('workspace.create', { path: join(t.dir, 'part.aerie'), passphrase: PASS });
  const db = engine.requireSession().db;
  db.prepare("INSERT INTO sources (name, created_at) VALUES ('s', '2026-01-01')").run();
  db.prepare("INSERT INTO imports (source_id, file_name, file_hash, file_bytes, format, kind, state, created_at) VALUES (1, 'f', 'h', 0, 'csv', 'customers', 'done', '2026-01-01')").run();
  const ins = db.prepare("INSERT INTO records (import_id, row_no, source_id, given_name, family_name, city, raw) VALUES (1, ?, 1, ?, ?, ?, '[]')");
  const given = ['Ann', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo'];
  db.transaction(() => {
    for (let i = 1; i <= N; i++) ins.run(i, given[i % 10], `Name${(i * 7919) % 50_000}`, `Town${i % 97}`);
  })();
}, 60_000);
afterAll(async () => {
  await c.close();
  t.cleanup();
});

describe('vector partition', () => {
  it('records the store size it was trained for, and the next incremental run keeps it', async () => {
    const first = await run('embed.index');
    expect(first.job.state, first.job.error?.message).toBe('succeeded');
    expect(first.job.result).toMatchObject({ vectors: N, embedded: N });
    expect(meta().trainedOn).toBe(N);
    const second = await run('embed.index');
    expect(second.job.result).toMatchObject({ mode: 'incremental', embedded: 0, unchanged: N });
    expect(second.messages.some((m) => m.startsWith('Partitioning'))).toBe(false);
    expect(meta().trainedOn).toBe(N);
  }, 120_000);
});
