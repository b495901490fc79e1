// Start a job of one kind and follow it: its live state, whether it runs, the error of starting or
// cancelling it, and cancel. Screens that run a job (profile, resolve) share this.
import { useCallback, useState } from 'react';
import type { JobKindName, JobRequest } from '../../engine/api/job-kinds.js';
import type { Job } from '../../engine/api/jobs.js';
import type { MethodInput } from '../../engine/api/methods.js';
import { useEngine } from './useEngine.js';
import { useJob } from './useJob.js';

export interface JobRun<K extends JobKindName> {
  job: Job | null;
  running: boolean;
  error: unknown;
  start(params: JobRequest<K>): Promise<void>;
  cancel(): Promise<void>;
  /** Forget the followed job (the screen moved on to something else). */
  reset(): void;
}

export function useJobRun<K extends JobKindName>(kind: K): JobRun<K> {
  const client = useEngine();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useJob(jobId);

  const start = useCallback(
    async (params: JobRequest<K>) => {
      setError(null);
      try {
        // jobs.start calls the kind's starting method (profile.run, resolve.run): same checks and audit entry
        const { jobId: id } = await client.call('jobs.start', { kind, params } as MethodInput<'jobs.start'>);
        setJobId(id);
      } catch (e) {
        setError(e);
      }
    },
    [client, kind],
  );

  const cancel = useCallback(async () => {
    if (!jobId) return;
    try {
      await client.call('jobs.cancel', { id: jobId });
    } catch (e) {
      setError(e);
    }
  }, [client, jobId]);

  const reset = useCallback(() => setJobId(null), []);
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  return { job, running, error, start, cancel, reset };
}
