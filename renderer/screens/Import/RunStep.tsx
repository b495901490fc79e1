// Step 5: the import job — a progress bar fed by `job` events, cancel (rolls the import back),
// and the job's error inline when it fails.
import { isJobOf } from '../../../engine/api/jobs.js';
import { useEffect, useState } from 'react';
import { useJob } from '../../api/useJob.js';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';
import { ProgressBar } from '../../components/ProgressBar.js';

interface Props {
  jobId: string;
  onDone(importId: number): void;
  onBack(): void;
}

export function RunStep({ jobId, onDone, onBack }: Props) {
  const client = useEngine();
  const job = useJob(jobId);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    if (job?.state !== 'succeeded' || !isJobOf(job, 'ingest.import') || !job.result) return;
    onDone(job.result.importId);
  }, [job, onDone]);

  const cancel = async () => {
    setCancelling(true);
    try {
      await client.call('jobs.cancel', { id: jobId });
    } catch (e) {
      setCancelError(errorMessage(e));
    } finally {
      setCancelling(false);
    }
  };

  const active = !job || job.state === 'queued' || job.state === 'running';
  return (
    <section aria-labelledby="step-run-title">
      <h3 id="step-run-title">{job?.label ?? 'Importing…'}</h3>
      <ProgressBar label="Import progress" done={job?.done ?? 0} total={job?.total ?? null} unit={job?.unit ?? 'bytes'} />
      <p className="hint" role="status" aria-live="polite">
        {!job ? 'Starting…' : job.state === 'queued' ? 'Waiting for the engine…' : job.state === 'running' ? job.message || 'Reading rows…' : job.state === 'succeeded' ? 'Done.' : ''}
      </p>
      {job?.state === 'cancelled' && <p className="notice notice-warn-box">Cancelled: everything this import wrote was rolled back. Nothing was stored.</p>}
      {job?.state === 'failed' && job.error && (
        <div className="form-error" role="alert">
          {job.error.message} <span className="muted">({job.error.code})</span>
        </div>
      )}
      <FormError message={cancelError} />
      <div className="form-actions">
        {active ? (
          <button type="button" className="button" disabled={cancelling} onClick={() => void cancel()}>
            {cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        ) : job?.state !== 'succeeded' ? (
          <button type="button" className="button" onClick={onBack}>
            Back to mapping
          </button>
        ) : null}
      </div>
    </section>
  );
}
