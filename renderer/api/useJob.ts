// Follow one job by id: its latest state from `job` events (and jobs.get once, in case the
// first events came before we subscribed). Finished jobs never go back to running.
import { useEffect, useState } from 'react';
import type { Job } from '../../engine/api/jobs.js';
import { useEngine, useEngineEvent } from './useEngine.js';

export function useJob(jobId: string | null): Job | null {
  const client = useEngine();
  const [job, setJob] = useState<Job | null>(null);

  useEffect(() => {
    setJob(null);
    if (!jobId) return;
    let live = true;
    client.call('jobs.get', { id: jobId }).then(
      (j) => live && setJob((cur) => newer(cur, j)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, jobId]);

  useEngineEvent('job', (j) => {
    if (j.id === jobId) setJob((cur) => newer(cur, j));
  });
  return job;
}

function newer(cur: Job | null, next: Job): Job {
  if (cur && cur.finishedAt !== null && next.finishedAt === null) return cur;
  if (cur && cur.finishedAt === null && next.finishedAt === null && next.done < cur.done) return cur;
  return next;
}

export const isFinished = (j: Job | null) => j !== null && j.finishedAt !== null;
