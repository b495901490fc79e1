// Waiting for an engine job to end, as the tests that start jobs through the API do.
import { isJobOf, type EngineClient, type Job, type JobKindName, type JobResult } from '../../engine/api/index.js';

/** Polls jobs.get until the job is no longer queued or running, and returns it. */
export async function finishJob(client: EngineClient, jobId: string): Promise<Job> {
  for (;;) {
    const j = await client.call('jobs.get', { id: jobId });
    if (j.state !== 'queued' && j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A succeeded job's result, typed by its kind (fails the test if the job failed or is another kind). */
export function resultOf<K extends JobKindName>(job: Job, kind: K): JobResult<K> {
  if (job.kind !== kind) throw new Error(`expected a ${kind} job, got ${job.kind}`);
  if (job.state !== 'succeeded' || !isJobOf(job, kind) || job.result === null) throw new Error(`${kind} job ${job.state}: ${job.error?.message ?? ''}`);
  return job.result;
}
