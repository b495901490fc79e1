// The jobs dock: recent jobs with progress, cancel, state and errors.
import { JobItem } from './JobItem.js';
import { isActive, useJobs } from './useJobs.js';

export function JobsPanel({ onClose }: { onClose(): void }) {
  const { jobs, error, cancel } = useJobs();
  const running = jobs.filter(isActive).length;
  return (
    <section className="jobs-panel" aria-labelledby="jobs-title">
      <header className="jobs-head">
        <h2 id="jobs-title">Jobs</h2>
        <span className="muted">{running ? `${running} active` : 'Nothing running'}</span>
        <button type="button" className="button button-small button-quiet" onClick={onClose} aria-label="Hide jobs">
          Hide
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {jobs.length === 0 ? <p className="muted jobs-empty">No jobs yet. Long work — imports, matching, training — runs here.</p> : (
        <ul className="jobs-list" aria-label="Recent jobs">
          {jobs.map((j) => (
            <JobItem key={j.id} job={j} onCancel={cancel} />
          ))}
        </ul>
      )}
    </section>
  );
}
