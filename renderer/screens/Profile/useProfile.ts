// The latest stored report of a scope (profile.get), and running a new one (profile.run, a job
// followed by `job` events); the report reloads when the job succeeds.
import { useCallback, useEffect } from 'react';
import type { ProfileReport, ProfileScope } from '../../../engine/api/profile-types.js';
import type { Job } from '../../../engine/api/jobs.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { useJobRun } from '../../api/useJobRun.js';
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
  const key = scopeKey(scope);
  const stored = useEngineQuery('profile.get', { scope });
  const { job, running, error, start, cancel, reset } = useJobRun('profile.run');
  const { reload } = stored;

  useEffect(reset, [key, reset]);

  useEffect(() => {
    if (job?.state === 'succeeded') reload();
  }, [job?.state, reload]);

  const run = useCallback(() => start({ scope }), [start, key]);
  const report: ProfileReport | null = stored.error ? null : stored.data;
  return { report, loading: stored.loading, error: error ?? stored.error, job, running, run, cancel };
}
