// Identity resolution: the proposed plan and a threshold, a run (a job) with progress and Cancel,
// the latest run's results, and as views of it: its scored pairs with each pair's explanation, the
// match model (m, u and weights per level), and its evaluation against labels with a threshold chooser.
import { useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { EvaluationView } from './EvaluationView.js';
import { ModelView } from './ModelView.js';
import { PairsView } from './PairsView.js';
import { LinkSources } from './LinkSources.js';
import { PlanView, type Setup } from './PlanView.js';
import { ResultsView } from './ResultsView.js';
import { useJobRun } from '../../api/useJobRun.js';
import './resolve.css';

/** The contract's bounds (ResolveRunInput.threshold). */
function parseThreshold(s: string): number | null {
  const n = Number(s);
  return s.trim() !== '' && Number.isFinite(n) && n >= 0.01 && n <= 0.99 ? n : null;
}

const VIEWS = [
  { id: 'pairs', label: 'Scored pairs' },
  { id: 'model', label: 'Model' },
  { id: 'evaluation', label: 'Evaluation' },
] as const;

export function ResolveScreen() {
  // the analyst's set-up (null: the saved one, or the proposal); sent with the plan and the run
  const [setup, setSetup] = useState<Setup | null>(null);
  const plan = useEngineQuery('resolve.plan', setup ? { setup } : {}, { reloadOn: ['data.changed'] });
  const summary = useEngineQuery('resolve.summary', {}, { reloadOn: ['job.finished'] });
  const r = useJobRun('resolve.run');
  const [threshold, setThreshold] = useState('0.5');
  const t = parseThreshold(threshold);
  const runId = summary.data?.run?.runId ?? null;
  const [view, setView] = useState<(typeof VIEWS)[number]['id']>('pairs');
  const labelColumns = (plan.data?.roles ?? []).flatMap((c) => (c.source === null ? [] : [{ source: c.source, column: c.column }]));
  const rerun = (x: number) => {
    setThreshold(String(x));
    void r.start({ threshold: x, ...(setup ? { setup } : {}) });
  };
  const sources = [...new Set(labelColumns.map((c) => c.source))];

  return (
    <div className="screen resolve">
      <header className="screen-head">
        <h1>Resolve</h1>
        <p className="hint">Decide which records are the same person: compare the records each blocking rule pairs up, score every pair, and group the matches into entities.</p>
      </header>
      <ErrorNotice error={plan.error} title="Could not plan the run" />
      {plan.loading && !plan.data && <p className="muted">Planning…</p>}
      {plan.data && <PlanView plan={plan.data} onSetup={setSetup} />}
      <div className="card resolve-run">
        <div className="form-row">
          <div className="field">
            <label htmlFor="resolve-threshold">Match threshold</label>
            <input
              id="resolve-threshold"
              type="number"
              min={0.01}
              max={0.99}
              step={0.01}
              value={threshold}
              aria-invalid={t === null}
              aria-describedby="resolve-threshold-hint"
              onChange={(e) => setThreshold(e.target.value)}
            />
          </div>
          <button type="button" className="button button-primary" disabled={r.running || t === null || plan.data?.records === 0} onClick={() => t !== null && void r.start({ threshold: t, ...(setup ? { setup } : {}) })}>
            {r.running ? 'Resolving…' : 'Run resolution'}
          </button>
          {r.running && (
            <button type="button" className="button" onClick={() => void r.cancel()}>
              Cancel
            </button>
          )}
        </div>
        <p id="resolve-threshold-hint" className={t === null ? 'form-error' : 'hint'}>
          {t === null ? 'Threshold: a number from 0.01 to 0.99.' : 'Two records link when their match probability is at or above the threshold.'}
        </p>
        <LinkSources sources={sources} disabled={r.running || t === null} onLink={(a, b) => t !== null && void r.start({ threshold: t, mode: 'link', sources: [a, b], ...(setup ? { setup } : {}) })} />
        {plan.data?.records === 0 && <p className="muted">The workspace has no records yet: import or generate some first.</p>}
        {r.job && (r.running || r.job.state === 'failed' || r.job.state === 'cancelled') && (
          <>
            <ProgressBar label="Resolve progress" done={r.job.done} total={r.job.total} unit={r.job.unit} />
            <p className="hint" role="status" aria-live="polite">
              {r.job.state === 'cancelled' ? 'Cancelled.' : r.job.message || r.job.label}
            </p>
            {r.job.error && (
              <p className="form-error" role="alert">
                {r.job.error.message}
              </p>
            )}
          </>
        )}
        <ErrorNotice error={r.error} />
      </div>
      <ErrorNotice error={summary.error} title="Could not read the results" />
      {summary.data && <ResultsView summary={summary.data} />}
      {runId !== null && (
        <>
          <div role="tablist" aria-label="Run views" className="tabs">
            {VIEWS.map((v) => (
              <button key={v.id} type="button" role="tab" id={`resolve-tab-${v.id}`} aria-selected={view === v.id} aria-controls={`resolve-panel-${v.id}`} className="tab" onClick={() => setView(v.id)}>
                {v.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`resolve-panel-${view}`} aria-labelledby={`resolve-tab-${view}`}>
            {view === 'pairs' && <PairsView key={runId} />}
            {view === 'model' && <ModelView />}
            {view === 'evaluation' && <EvaluationView columns={labelColumns} onApply={rerun} running={r.running} />}
          </div>
        </>
      )}
    </div>
  );
}
