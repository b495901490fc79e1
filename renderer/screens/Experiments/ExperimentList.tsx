// Stored experiments with their status and assignment counts; assign (a job with progress; Cancel
// stores nothing, offered until the job starts storing, which runs to the end), open results or ROI.
import { useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { useEngine } from '../../api/useEngine.js';
import { useJobRun } from '../../api/useJobRun.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtInt } from '../../components/format.js';
import { ProgressBar } from '../../components/ProgressBar.js';

type Experiment = MethodOutput<'experiments.list'>['items'][number];

export function ExperimentList({ items, onChanged, onOpen }: { items: Experiment[]; onChanged(): void; onOpen(id: number, page: 'results' | 'roi'): void }) {
  const client = useEngine();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  // the list reloads itself when the job finishes (ExperimentsScreen reloads on job.finished)
  const assign = useJobRun('experiments.assign');
  const [assigning, setAssigning] = useState<number | null>(null);
  const job = assign.job;
  const act = async (id: number, fn: () => Promise<unknown>) => {
    setBusy(id);
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  if (items.length === 0) return <p className="hint" data-testid="no-experiments">No experiments yet. Design one, or generate demo data with the retention campaign.</p>;
  return (
    <>
      <ErrorNotice error={error} />
      <ErrorNotice error={assign.error} title="Could not start the assignment" />
      {job && assigning !== null && (job.state !== 'succeeded' || job.error) && (
        <div className="stack" data-testid="assign-job">
          <div className="form-row">
            <ProgressBar label="Assignment progress" done={job.done} total={job.total} unit={job.unit} />
            {assign.running && job.message !== 'Storing' && <button type="button" className="button button-small" onClick={() => void assign.cancel()}>Cancel assignment</button>}
          </div>
          <p className="hint" role="status" aria-live="polite">
            {job.state === 'cancelled' ? 'Cancelled: no unit was assigned by this run; earlier assignments are kept.' : job.message || job.label}
          </p>
          {job.error && <p className="form-error" role="alert">{job.error.message}</p>}
        </div>
      )}
      <table className="table" aria-label="Experiments">
        <thead><tr><th>Name</th><th>Status</th><th>Unit</th><th>Primary metric</th><th>Dates</th><th className="num">Assigned</th><th /></tr></thead>
        <tbody>
          {items.map((e) => {
            const total = Object.values(e.assigned).reduce((s, n) => s + n, 0);
            return (
              <tr key={e.id} data-testid={`experiment-${e.id}`}>
                <td>{e.name}</td>
                <td><span className="badge">{e.status}</span></td>
                <td>{e.unit}</td>
                <td>{e.primaryMetric}</td>
                <td>{e.startsOn ?? '–'} to {e.endsOn ?? '–'}</td>
                <td className="num" data-testid="assigned">{total ? `${fmtInt(total)} (${Object.entries(e.assigned).map(([a, n]) => `${a} ${fmtInt(n)}`).join(', ')})` : '–'}</td>
                <td>
                  {(e.status === 'draft' || e.status === 'running') && (
                    <button type="button" className="button button-small" disabled={busy === e.id || assign.running} onClick={() => { setAssigning(e.id); void assign.start({ id: e.id }); }}>{assign.running && assigning === e.id ? 'Assigning…' : 'Assign'}</button>
                  )}
                  {e.status === 'draft' && (
                    <button type="button" className="button button-small" disabled={busy === e.id} onClick={() => act(e.id, () => client.call('experiments.setStatus', { id: e.id, status: 'running' }))}>Start</button>
                  )}
                  <button type="button" className="button button-small" disabled={total === 0} onClick={() => onOpen(e.id, 'results')}>Results</button>
                  <button type="button" className="button button-small" disabled={total === 0} onClick={() => onOpen(e.id, 'roi')}>ROI</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
