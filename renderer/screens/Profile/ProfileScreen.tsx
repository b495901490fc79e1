// The profiling dashboard: pick a scope, run a profile (a job) or read the latest stored one,
// then the quality summary, the per-source table and a card per column.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtDate, fmtInt } from '../../components/format.js';
import { useNavigation } from '../../shell/navigation.js';
import { useSources } from '../Sources/useSources.js';
import { ColumnGroups } from './ColumnGroups.js';
import { ExportReport } from './ExportReport.js';
import { ScopePicker } from './ScopePicker.js';
import { SourcesQuality } from './SourcesQuality.js';
import { SummaryCards } from './SummaryCards.js';
import { parseScope, scopeKey } from './scope.js';
import { useProfile } from './useProfile.js';
import './profile.css';

export function ProfileScreen() {
  const { route } = useNavigation();
  const { sources } = useSources();
  const [key, setKey] = useState(route.params.scope ? scopeKey(route.params.scope) : 'workspace');
  useEffect(() => {
    if (route.params.scope) setKey(scopeKey(route.params.scope));
  }, [route]);
  const scope = parseScope(key);
  const p = useProfile(scope);
  const r = p.report;

  return (
    <div className="screen profile">
      <header className="screen-head screen-head-row">
        <h1>Profile</h1>
        <ScopePicker value={key} sources={sources ?? []} onChange={setKey} />
        <button type="button" className="button button-primary" disabled={p.running} onClick={() => void p.run()}>
          {p.running ? 'Profiling…' : 'Run profile'}
        </button>
        {p.running && (
          <button type="button" className="button" onClick={() => void p.cancel()}>
            Cancel
          </button>
        )}
      </header>
      {p.job && (p.running || p.job.state === 'failed' || p.job.state === 'cancelled') && (
        <div className="card profile-job">
          <ProgressBar label="Profile progress" done={p.job.done} total={p.job.total} unit={p.job.unit} />
          <p className="hint" role="status" aria-live="polite">
            {p.job.state === 'cancelled' ? 'Cancelled.' : p.job.message || p.job.label}
          </p>
          {p.job.error && (
            <p className="form-error" role="alert">
              {p.job.error.message}
            </p>
          )}
        </div>
      )}
      <ErrorNotice error={p.error} />
      {p.loading && !r && <p className="muted">Loading the latest report…</p>}
      {!p.loading && !r && !p.error && !p.running && (
        <p className="card muted" data-testid="no-profile">
          No profile of this scope yet. Run one to see null rates, distributions, value shapes and validity.
        </p>
      )}
      {r && (
        <>
          <div className="screen-head-row report-head">
            <h2 className="report-title">{r.title}</h2>
            <span className="muted" data-testid="report-meta">
              {fmtInt(r.rows)} rows · {r.columns.length} columns · profiled {fmtDate(r.createdAt)} in {r.seconds.toFixed(1)} s · phones checked for {r.defaultCountry}
            </span>
          </div>
          <SummaryCards summary={r.summary} />
          {r.notes.length > 0 && (
            <ul className="notes" aria-label="Notes">
              {r.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
          <ExportReport scope={scope} />
          {r.sources.length > 0 && (r.scope === 'workspace' || r.sources.length > 1) && <SourcesQuality sources={r.sources} />}
          <section aria-labelledby="columns-title" className="stack">
            <h2 id="columns-title">Columns</h2>
            <ColumnGroups columns={r.columns} country={r.defaultCountry} />
          </section>
        </>
      )}
    </div>
  );
}
