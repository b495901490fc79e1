// Start a job and wait for it to end, for callers that want its result rather than its progress
// bar (the CLI, tests, scripts): the result typed by the job's kind, or the job's error rethrown
// with its code (CANCELLED, INTERRUPTED, BAD_DATA …) and details.
import type { EngineClient } from './client.js';
import { AerieError } from './errors.js';
import type { JobKindName, JobRequest, JobResult } from './job-kinds.js';
import type { Job } from './jobs.js';
import type { MethodInput } from './methods.js';

const finished = (j: Job) => j.state !== 'queued' && j.state !== 'running';

export interface RunJobOptions {
  /** Every state the job passes through (progress bars). */
  onJob?(job: Job): void;
  /** Called once the job id is known (to cancel it on Ctrl-C, say). */
  onStart?(jobId: string): void;
  /** For the starting call (checks before the job, such as hashing a model folder, can be long); 0: none. */
  timeoutMs?: number;
}

/** Wait for a started job to end; the finished job (whatever its state). */
export function waitForJob(client: EngineClient, jobId: string, opts: RunJobOptions = {}): Promise<Job> {
  return new Promise<Job>((resolve, reject) => {
    let done = false;
    const end = (j: Job) => {
      if (done) return;
      done = true;
      off();
      resolve(j);
    };
    const off = client.on('job', (j) => {
      if (j.id !== jobId) return;
      opts.onJob?.(j);
      if (finished(j)) end(j);
    });
    // it may have ended before we subscribed
    client.call('jobs.get', { id: jobId }).then(
      (j) => finished(j) && end(j),
      (e: unknown) => {
        if (done) return;
        done = true;
        off();
        reject(e);
      },
    );
  });
}

/** The error a job that did not succeed stands for. */
export function jobError(job: Job): AerieError {
  if (job.state === 'cancelled') return new AerieError('CANCELLED', `${job.label}: cancelled; its partial work was rolled back.`);
  const e = job.error;
  return new AerieError(e?.code ?? 'INTERNAL', e?.message ?? `${job.label}: ${job.state}.`, e?.details);
}

/** Start a job of `kind` with its request, wait for it, and return its typed result. */
export async function runJob<K extends JobKindName>(client: EngineClient, kind: K, params: JobRequest<K>, opts: RunJobOptions = {}): Promise<JobResult<K>> {
  const { jobId } = await client.call('jobs.start', { kind, params } as MethodInput<'jobs.start'>, opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs });
  opts.onStart?.(jobId);
  const job = await waitForJob(client, jobId, opts);
  if (job.state !== 'succeeded') throw jobError(job);
  return job.result as JobResult<K>;
}
