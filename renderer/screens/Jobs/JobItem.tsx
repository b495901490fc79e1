// One job: label, state, progress bar, message or error, and Cancel while it can be cancelled.
import { useState } from 'react';
import type { Job } from '../../../engine/api/jobs.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { isActive } from './useJobs.js';
import { fmtDuration, fmtInt } from '../../components/format.js';

const STATE_TEXT: Record<Job['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function elapsed(job: Job): string | null {
  if (!job.startedAt) return null;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
  return fmtDuration((end - Date.parse(job.startedAt)) / 1000);
}

export function JobItem({ job, onCancel }: { job: Job; onCancel(id: string): Promise<void> }) {
  const [cancelling, setCancelling] = useState(false);
  const active = isActive(job);
  const time = elapsed(job);
  return (
    <li className={`job job-${job.state}`} data-job-id={job.id} data-state={job.state} aria-label={job.label}>
      <div className="job-head">
        <span className="job-label">{job.label}</span>
        <span className={`badge badge-${job.state}`} data-testid="job-state">
          {STATE_TEXT[job.state]}
        </span>
      </div>
      {(active || job.state === 'cancelled' || job.state === 'failed') && <ProgressBar label={`${job.label} progress`} done={job.done} total={job.total} unit={job.unit} />}
      <div className="job-meta">
        <span>
          {job.total !== null ? `${fmtInt(job.done)} / ${fmtInt(job.total)} ${job.unit}` : job.done > 0 ? `${fmtInt(job.done)} ${job.unit}` : ''}
          {job.message && job.state === 'running' ? ` · ${job.message}` : ''}
          {time ? ` · ${time}` : ''}
          {job.resumes > 0 ? ` · resumed ${job.resumes}×` : ''}
        </span>
        {active && (
          <button
            type="button"
            className="button button-small"
            disabled={cancelling}
            aria-label={`Cancel ${job.label}`}
            onClick={() => {
              setCancelling(true);
              void onCancel(job.id).finally(() => setCancelling(false));
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {job.state === 'cancelled' && <p className="job-note">Cancelled; its partial work was rolled back.</p>}
      {job.error && (
        <p className="job-error" role="alert">
          {job.error.message} <span className="muted">({job.error.code})</span>
        </p>
      )}
    </li>
  );
}
