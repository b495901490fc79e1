// Scoring with one model (churn.score as a job with progress and Cancel) and its stored scores,
// riskiest first, a page at a time; picking a customer shows why they score as they do.
import { useState } from 'react';
import type { ChurnModelSummary } from '../../../engine/api/churn.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { useJobRun } from '../../api/useJobRun.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtDate, fmtInt, fmtShare } from '../../components/format.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { ScoreExplanation } from './ScoreExplanation.js';

const LIMIT = 25;

export function ScoresView({ model }: { model: ChurnModelSummary }) {
  const run = useJobRun('churn.score');
  const [offset, setOffset] = useState(0);
  const [maxDecile, setMaxDecile] = useState<number | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const scores = useEngineQuery('churn.scores', { modelId: model.id, offset, limit: LIMIT, ...(maxDecile ? { maxDecile } : {}) }, { reloadOn: ['job.finished'] });
  const explain = useEngineQuery('churn.explain', open === null ? null : { modelId: model.id, unit: open }, { clearOnChange: true });
  const page = scores.data;
  const job = run.job;

  return (
    <section className="stack" aria-label="Scores">
      <div className="form-row">
        <button type="button" className="button button-primary" disabled={run.running} onClick={() => void run.start({ modelId: model.id })}>
          {run.running ? 'Scoring…' : model.scored > 0 ? 'Score again' : 'Score every customer'}
        </button>
        {run.running && (
          <button type="button" className="button" onClick={() => void run.cancel()}>
            Cancel
          </button>
        )}
        <span className="muted" data-testid="scores-meta">
          {model.scoredAt ? `${fmtInt(model.scored)} scored · ${fmtDate(model.scoredAt)}` : 'Not scored yet'}
        </span>
      </div>
      {job && (job.state !== 'succeeded' || job.error) && (
        <>
          <ProgressBar label="Scoring progress" done={job.done} total={job.total} unit={job.unit} />
          <p className="hint" role="status" aria-live="polite">
            {job.state === 'cancelled' ? 'Cancelled.' : job.message || job.label}
          </p>
          {job.error && (
            <p className="form-error" role="alert">
              {job.error.message}
            </p>
          )}
        </>
      )}
      <ErrorNotice error={run.error} title="Could not start scoring" />
      <ErrorNotice error={scores.error} title="Could not read the scores" />
      {page && page.total > 0 && (
        <div className="screen-head-row report-head">
          <label className="field-inline">
            Show
            <select
              value={maxDecile ?? ''}
              onChange={(e) => {
                setMaxDecile(e.target.value ? Number(e.target.value) : null);
                setOffset(0);
              }}
            >
              <option value="">every customer</option>
              <option value="1">the riskiest tenth (decile 1)</option>
              <option value="2">deciles 1–2</option>
              <option value="3">deciles 1–3</option>
            </select>
          </label>
          <span className="muted" data-testid="scores-page">
            {`${fmtInt(offset + 1)}–${fmtInt(offset + page.items.length)} of ${fmtInt(page.total)}`}
          </span>
          <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
            Previous
          </button>
          <button type="button" className="button button-small" disabled={offset + LIMIT >= page.total} onClick={() => setOffset(offset + LIMIT)}>
            Next
          </button>
        </div>
      )}
      {page && page.total > 0 && (
        <div className={open ? 'models-scores models-scores-split' : 'models-scores'}>
          <div className="table-scroll">
            <table className="table table-compact" aria-label="Scored customers">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col" className="num">
                    Churn risk
                  </th>
                  <th scope="col" className="num">
                    Decile
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.unit} className={open === r.unit ? 'is-selected' : undefined}>
                    <td>
                      <button type="button" className="link-button" aria-pressed={open === r.unit} onClick={() => setOpen(r.unit)}>
                        {r.unitKind === 'golden' ? `Entity ${r.unit}` : `Record ${r.unit}`}
                      </button>
                    </td>
                    <td className="num" data-testid="score-value">
                      {fmtShare(r.score)}
                    </td>
                    <td className="num">{r.decile}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open !== null && (
            <div className="card models-explain">
              <div className="screen-head-row">
                <h3>{`Why ${model.unit === 'golden' ? 'entity' : 'record'} ${open} scores this risk`}</h3>
                <button type="button" className="button button-small button-quiet" aria-label="Close explanation" onClick={() => setOpen(null)}>
                  ✕
                </button>
              </div>
              <ErrorNotice error={explain.error} title="Could not explain the score" />
              {explain.data && <ScoreExplanation explanation={explain.data} />}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
