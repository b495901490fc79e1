// The latest stored report of a scope (profile.get), and running a new one (profile.run, a job
// followed by `job` events); the report reloads when the job succeeds.
import { useCallback, useEffect, useState } from 'react';
import type { ProfileReport, ProfileScope } from '../../../engine/api/profile-types.js';
import type { Job } from '../../../engine/api/jobs.js';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { useJob } from '../../api/useJob.js';
import { scopeKey } from './scope.js';

export interface ProfileState {
  report: ProfileReport | null;
  loading: boolean;
  error: unknown;
  job: Job | null;
  running: boolean;
  run(): Promise<void>;
  cancel(): Promise<void>;
}

export function useProfile(scope: ProfileScope): ProfileState {
  const client = useEngine();
  const key = scopeKey(scope);
  const stored = useEngineQuery('profile.get', { scope });
  const [actionError, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const { reload } = stored;

  useEffect(() => setJobId(null), [key]);

  useEffect(() => {
    if (job?.state === 'succeeded') reload();
  }, [job?.state, reload]);

  const run = useCallback(async () => {
    setError(null);
    try {
      const { jobId: id } = await client.call('profile.run', { scope });
      setJobId(id);
    } catch (e) {
      setError(e);
    }
  }, [client, key]);

  const cancel = useCallback(async () => {
    if (!jobId) return;
    try {
      await client.call('jobs.cancel', { id: jobId });
    } catch (e) {
      setError(e);
    }
  }, [client, jobId]);

  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  const report: ProfileReport | null = stored.error ? null : stored.data;
  return { report, loading: stored.loading, error: actionError ?? stored.error, job, running, run, cancel };
}
