// Golden records: one trusted record per customer. The latest build with a rebuild button (a job
// with progress); the entity list with filters and, for the picked entity, its values with
// provenance, source records, timeline and the steward's actions; the survivorship rules; exports.
import { useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { useJobRun } from '../../api/useJobRun.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Figure } from '../../components/Figure.js';
import { fmtDate, fmtInt } from '../../components/format.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { EntityList } from './EntityList.js';
import { EntityView } from './EntityView.js';
import { GoldenExports } from './GoldenExports.js';
import { RulesEditor } from './RulesEditor.js';
import './golden.css';

const VIEWS = [
  { id: 'entities', label: 'Entities' },
  { id: 'rules', label: 'Survivorship rules' },
  { id: 'export', label: 'Export' },
] as const;

export function GoldenScreen() {
  const summary = useEngineQuery('golden.summary', {}, { reloadOn: ['job.finished'] });
  const run = useJobRun('golden.build');
  const [view, setView] = useState<(typeof VIEWS)[number]['id']>('entities');
  const [selected, setSelected] = useState<string | null>(null);
  const build = summary.data?.build ?? null;
  const rebuild = () => void run.start({});

  return (
    <div className="screen golden">
      <header className="screen-head">
        <h1>Golden records</h1>
        <p className="hint">One trusted record per customer, built from the resolved entities: every value traced to the rows it came from, with the rule that chose it and a confidence. Steward decisions hold through every later build.</p>
      </header>
      <div className="card golden-build">
        <div className="form-row">
          <button type="button" className="button button-primary" disabled={run.running} onClick={rebuild} data-testid="golden-build">
            {run.running ? 'Building…' : build ? 'Rebuild golden records' : 'Build golden records'}
          </button>
          {run.running && (
            <button type="button" className="button" onClick={() => void run.cancel()}>
              Cancel
            </button>
          )}
          {build && (
            <span className="muted" data-testid="golden-build-meta">
              build {build.buildId} · {fmtDate(build.createdAt)} · rules version {build.ruleVersion}
              {build.resolveRunId !== null && ` · resolve run ${build.resolveRunId}`}
            </span>
          )}
        </div>
        {run.job && (run.running || run.job.state === 'failed' || run.job.state === 'cancelled') && (
          <>
            <ProgressBar label="Golden build progress" done={run.job.done} total={run.job.total} unit={run.job.unit} />
            <p className="hint" role="status" aria-live="polite">
              {run.job.state === 'cancelled' ? 'Cancelled: the previous build stays in force.' : run.job.message || run.job.label}
            </p>
            {run.job.error && (
              <p className="form-error" role="alert">
                {run.job.error.message}
              </p>
            )}
          </>
        )}
        <ErrorNotice error={run.error} title="Could not start the build" />
        {build && (
          <div className="cards">
            <Figure label="Golden records" value={fmtInt(build.goldenRecords)} note={`from ${fmtInt(build.records)} records`} />
            <Figure label="Ids kept" value={fmtInt(build.idsKept)} note={`${fmtInt(build.idsCreated)} new · ${fmtInt(build.idsRetired)} retired`} />
            <Figure label="Decisions applied" value={fmtInt(build.decisionsApplied)} />
          </div>
        )}
      </div>
      <ErrorNotice error={summary.error} title="Could not read the latest build" />
      {summary.data && !build && (
        <p className="card muted" data-testid="golden-no-build">
          No golden records yet. Resolve the customers first (Resolve), then build golden records here.
        </p>
      )}
      <div role="tablist" aria-label="Golden record views" className="tabs">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" role="tab" id={`golden-tab-${v.id}`} aria-selected={view === v.id} aria-controls={`golden-panel-${v.id}`} className="tab" onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`golden-panel-${view}`} aria-labelledby={`golden-tab-${view}`}>
        {view === 'entities' && build && (
          <div className={selected ? 'golden-split golden-split-open' : 'golden-split'}>
            <EntityList version={build.jobId} selected={selected} onSelect={setSelected} />
            {selected && <EntityView key={selected} id={selected} build={build} rebuilding={run.running} onRebuild={rebuild} />}
          </div>
        )}
        {view === 'rules' && <RulesEditor />}
        {view === 'export' && (build ? <GoldenExports /> : <p className="muted">Build golden records first.</p>)}
      </div>
    </div>
  );
}
