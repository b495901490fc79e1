// Start a resolve run (a job) and follow it; cancel it. The screen's queries reload on job.finished.
import { useCallback, useState } from 'react';
import type { Job } from '../../../engine/api/jobs.js';
import { useEngine } from '../../api/useEngine.js';
import { useJob } from '../../api/useJob.js';

export interface ResolveRun {
  job: Job | null;
  running: boolean;
  error: unknown;
  run(threshold: number): Promise<void>;
  cancel(): Promise<void>;
}

export function useResolveRun(): ResolveRun {
  const client = useEngine();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useJob(jobId);

  const run = useCallback(
    async (threshold: number) => {
      setError(null);
      try {
        const { jobId: id } = await client.call('resolve.run', { threshold });
        setJobId(id);
      } catch (e) {
        setError(e);
      }
    },
    [client],
  );

  const cancel = useCallback(async () => {
    if (!jobId) return;
    try {
      await client.call('jobs.cancel', { id: jobId });
    } catch (e) {
      setError(e);
    }
  }, [client, jobId]);

  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  return { job, running, error, run, cancel };
}
