// Jobs for the open workspace: the recent list from jobs.list, kept current by `job` events.
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Job } from '../../../engine/api/jobs.js';
import { errorMessage, useEngine, useEngineEvent } from '../../api/useEngine.js';

interface JobsValue {
  jobs: Job[];
  error: string | null;
  cancel(id: string): Promise<void>;
  /** Bumped whenever a new job appears, so the panel can open itself. */
  lastStarted: string | null;
}

const JobsContext = createContext<JobsValue | null>(null);

const newestFirst = (a: Job, b: Job) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

export function JobsProvider({ children }: { children: ReactNode }) {
  const client = useEngine();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [lastStarted, setLastStarted] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    client.call('jobs.list', { limit: 50 }).then(
      (list) => live && setJobs((cur) => merge(cur, list)),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [client]);

  useEngineEvent('job', (job) => {
    if (job.state === 'queued' && job.startedAt === null) setLastStarted(job.id);
    setJobs((cur) => merge(cur, [job]));
  });

  const cancel = useCallback(
    async (id: string) => {
      try {
        const j = await client.call('jobs.cancel', { id });
        setJobs((cur) => merge(cur, [j]));
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [client],
  );

  const value = useMemo(() => ({ jobs, error, cancel, lastStarted }), [jobs, error, cancel, lastStarted]);
  return createElement(JobsContext.Provider, { value }, children);
}

/** Newer facts win: a finished job never goes back to running because of a late event. */
function merge(cur: Job[], incoming: Job[]): Job[] {
  const byId = new Map(cur.map((j) => [j.id, j]));
  for (const j of incoming) {
    const old = byId.get(j.id);
    const oldFinished = old && old.finishedAt !== null;
    if (old && oldFinished && j.finishedAt === null) continue;
    byId.set(j.id, j);
  }
  return [...byId.values()].sort(newestFirst).slice(0, 100);
}

export function useJobs(): JobsValue {
  const v = useContext(JobsContext);
  if (!v) throw new Error('useJobs outside <JobsProvider>');
  return v;
}

export const isActive = (j: Job) => j.state === 'queued' || j.state === 'running';
