// An experiment's results without blocking the engine: start the experiments.computeResults job
// (progress, cancel), then read experiments.results, which answers from what the job kept. When
// what results read changes (customers, events, assignments), the job runs again rather than
// experiments.results computing on the engine thread.
import { useEffect, useRef } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { useJobRun } from '../../api/useJobRun.js';

const READ = new Set(['records', 'events', 'imports', 'experiment_assignments', 'golden_builds', 'golden_members']);

export function useComputedResults(id: number) {
  const client = useEngine();
  const compute = useJobRun('experiments.computeResults');
  const { start } = compute;
  useEffect(() => void start({ id }), [id, start]);
  // one run at a time: a run that sees the data change under it fails and says to compute again
  const running = useRef(false);
  running.current = compute.running;
  useEffect(
    () => client.on('data.changed', (d: unknown) => {
      if (!running.current && (d as { tables?: string[] }).tables?.some((t) => READ.has(t))) void start({ id });
    }),
    [client, id, start],
  );
  const job = compute.job;
  const ready = job !== null && job.state === 'succeeded' && (job.result as { id?: number } | null)?.id === id;
  // params go null while a job runs, so each succeeded job reads afresh
  const q = useEngineQuery('experiments.results', ready ? { id } : null, { clearOnChange: true });
  const data: MethodOutput<'experiments.results'> | null = ready ? q.data : null;
  return { data, error: compute.error ?? q.error, ready, compute, restart: () => void start({ id }) };
}
