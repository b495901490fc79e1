// Runs demo.generate directly on an opened workspace with a minimal job context, the way the
// job runner does (checkpoint in the jobs row, rollback in one transaction), so tests can stop
// it after a given number of chunks.
import { detachedWorkspace } from '../../../engine/jobs/workspace.js';
import { AerieError } from '../../../engine/api/errors.js';
import { openDatabase } from '../../../engine/db/open.js';
import type { DB } from '../../../engine/db/sqlite.js';
import { demoGenerateJob, type DemoParams } from '../../../engine/demo/generate.js';
import { PASS } from '../../helpers/tmp.js';

export function openWorkspace(path: string, create = true): DB {
  return openDatabase(path, PASS, { create });
}

export interface RunOptions {
  /** Throw CANCELLED at the n-th yield (after n committed chunks). */
  cancelAfter?: number;
  /** Stop like a crash at the n-th yield: no rollback, the checkpoint stays. */
  crashAfter?: number;
  jobId?: string;
}

export async function runDemo(db: DB, params: DemoParams, o: RunOptions = {}): Promise<{ result: unknown; progress: number[] }> {
  const jobId = o.jobId ?? 'job-demo';
  const existing = db.prepare('SELECT checkpoint FROM jobs WHERE id = ?').pluck().get(jobId) as string | null | undefined;
  if (existing === undefined) {
    db.prepare("INSERT INTO jobs (id, kind, label, state, params, created_at) VALUES (?, 'demo.generate', 'demo', 'running', ?, 'now')").run(jobId, JSON.stringify(params));
  }
  const progress: number[] = [];
  let yields = 0;
  const ctx = {
    db,
    jobId,
    params,
    signal: new AbortController().signal,
    checkpoint: existing ? (JSON.parse(existing) as unknown) : null,
    workspace: detachedWorkspace(),
    progress: (done: number) => progress.push(done),
    saveCheckpoint: (state: unknown) => db.prepare('UPDATE jobs SET checkpoint = ? WHERE id = ?').run(JSON.stringify(state), jobId),
    yield: async () => {
      yields++;
      if (o.crashAfter !== undefined && yields >= o.crashAfter) throw new Error('simulated crash');
      if (o.cancelAfter !== undefined && yields >= o.cancelAfter) throw new AerieError('CANCELLED', 'Cancelled.');
    },
  };
  try {
    const result = await demoGenerateJob.run(ctx);
    return { result, progress };
  } catch (e) {
    if (o.cancelAfter !== undefined) db.transaction(() => demoGenerateJob.rollback!(db, jobId, params))();
    throw e;
  }
}
