// Waiting for an engine job to end, as the tests that start jobs through the API do.
import type { EngineClient, Job } from '../../engine/api/index.js';

/** Polls jobs.get until the job is no longer queued or running, and returns it. */
export async function finishJob(client: EngineClient, jobId: string): Promise<Job> {
  for (;;) {
    const j = await client.call('jobs.get', { id: jobId });
    if (j.state !== 'queued' && j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 20));
  }
}
