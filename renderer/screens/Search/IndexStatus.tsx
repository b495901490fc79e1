// The vector index behind search: which model's vectors, how many records still wait, and a
// button that starts embed.index (a job, with progress). Search keeps working lexically meanwhile.
import { useEffect, useRef, useState } from 'react';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtInt } from '../../components/format.js';
import { isActive, useJobs } from '../Jobs/useJobs.js';

const EMBED_JOBS = new Set(['embed.index', 'embed.reindex']);

export function IndexStatus({ onIndexed }: { onIndexed(): void }) {
  const client = useEngine();
  const { jobs } = useJobs();
  const { data: status, error: loadError, reload: load } = useEngineQuery('embed.status', { countPending: true }, { reloadOn: [{ tables: ['records'] }] });
  const [startError, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startedId, setStartedId] = useState<string | null>(null);
  const error = startError ?? (loadError ? errorMessage(loadError) : null);

  // The running embedding job, whoever started it (this screen, the CLI, a schedule).
  const running = jobs.find((j) => EMBED_JOBS.has(j.kind) && isActive(j)) ?? null;
  const mine = startedId ? (jobs.find((j) => j.id === startedId) ?? null) : null;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      load();
      onIndexed();
    }
  }, [running, load, onIndexed]);

  const build = async () => {
    setStarting(true);
    setError(null);
    try {
      const { jobId } = await client.call('embed.index', {});
      setStartedId(jobId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  const active = status?.active ?? null;
  const pending = status?.pending ?? null;
  const needs = status !== null && status.records > 0 && (active === null || (pending ?? 0) > 0);
  const state = !status ? 'loading' : running ? 'building' : status.records === 0 ? 'empty' : needs ? (active ? 'stale' : 'missing') : 'ready';

  return (
    <section className="search-index" aria-label="Search index" data-state={state}>
      <div className="search-index-line">
        <strong>Vector index</strong>
        <span className="muted" data-testid="index-state">
          {state === 'loading' && 'Checking…'}
          {state === 'empty' && 'No records yet — import or generate some in Sources.'}
          {state === 'ready' && active && `${fmtInt(active.vectors)} vectors · ${active.model} · up to date`}
          {state === 'missing' && `Not built — ${fmtInt(status!.records)} records searched by text only.`}
          {state === 'stale' && active && `${fmtInt(pending ?? 0)} of ${fmtInt(status!.records)} records not embedded yet · ${active.model}`}
          {state === 'building' && 'Building — search uses text matching until it is done.'}
        </span>
        {(state === 'missing' || state === 'stale') && (
          <button type="button" className="button button-small button-primary" disabled={starting} onClick={() => void build()}>
            Build search index
          </button>
        )}
      </div>
      {running && (
        <ProgressBar label="Search index progress" done={running.done} total={running.total} unit={running.unit} />
      )}
      {mine && mine.state === 'failed' && mine.error && (
        <p className="form-error" role="alert">
          Indexing failed: {mine.error.message}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
