// The latest run against the analyst's labels: where the labels are (a source column holding the
// true entity, or a CSV of labelled pairs), the figures at the run's threshold, the precision–recall
// curve, and a threshold chooser that shows precision, recall, F1, matches and entities at the
// chosen threshold before anything is re-run; "Re-run at …" starts a run at it; and the calibration
// the labels give the model's probabilities.
import { useState } from 'react';
import type { MethodInput } from '../../../engine/api/methods.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { PrCurve, pointAt } from '../../components/charts/PrCurve.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Figure } from '../../components/Figure.js';
import { fmtDecimal, fmtInt, fmtShare } from '../../components/format.js';
import { CalibrationView } from './CalibrationView.js';

type Labels = MethodInput<'resolve.evaluate'>['labels'];

export interface LabelColumn {
  source: string;
  column: string;
}

interface Props {
  /** Source columns that may hold labels (the plan's raw columns). */
  columns: LabelColumn[];
  /** Re-run at a threshold (the screen's run, with its progress). */
  onApply(threshold: number): void;
  running: boolean;
}

const pct = (v: number) => fmtShare(v, 1);
/** A source column as one select value. */
const columnValue = (c: LabelColumn) => JSON.stringify([c.source, c.column]);

export function EvaluationView({ columns, onApply, running }: Props) {
  const [kind, setKind] = useState<'column' | 'pairs' | 'review'>('column');
  const [column, setColumn] = useState(() => {
    const guess = columns.find((c) => /cluster|entity|person|truth|label/i.test(c.column)) ?? columns[0];
    return guess ? columnValue(guess) : '';
  });
  const [path, setPath] = useState('');
  const [labels, setLabels] = useState<Labels | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const q = useEngineQuery('resolve.evaluate', labels ? { labels } : null, { reloadOn: ['job.finished'] });
  const e = q.data;
  const threshold = chosen ?? e?.threshold ?? 0.5;
  const at = e ? pointAt(e.curve, threshold) : undefined;

  const submit = () => {
    setChosen(null);
    if (kind === 'column') {
      const [source, col] = column ? (JSON.parse(column) as [string, string]) : [];
      if (source && col) setLabels({ kind: 'column', source, column: col });
    } else if (kind === 'review') setLabels({ kind: 'review' });
    else if (path.trim()) setLabels({ kind: 'pairs', path: path.trim() });
  };

  return (
    <section aria-labelledby="resolve-eval-title" className="stack">
      <h2 id="resolve-eval-title" className="section-title">
        Evaluation
      </h2>
      <form
        className="card resolve-labels"
        aria-label="Labels"
        onSubmit={(ev) => {
          ev.preventDefault();
          submit();
        }}
      >
        <fieldset>
          <legend className="hint">Where are the true matches?</legend>
          <label className="radio">
            <input type="radio" name="labels-kind" checked={kind === 'column'} onChange={() => setKind('column')} /> A column of an imported source (the true entity of each record)
          </label>
          <label className="radio">
            <input type="radio" name="labels-kind" checked={kind === 'pairs'} onChange={() => setKind('pairs')} /> A file of labelled pairs (CSV)
          </label>
          <label className="radio">
            <input type="radio" name="labels-kind" checked={kind === 'review'} onChange={() => setKind('review')} /> The review desk's labels (only the labelled pairs are judged)
          </label>
        </fieldset>
        <div className="form-row">
          {kind === 'column' ? (
            <div className="field">
              <label htmlFor="labels-column">Label column</label>
              <select id="labels-column" value={column} onChange={(ev) => setColumn(ev.target.value)}>
                {columns.map((c) => (
                  <option key={columnValue(c)} value={columnValue(c)}>
                    {c.source} · {c.column}
                  </option>
                ))}
              </select>
            </div>
          ) : kind === 'review' ? null : (
            <div className="field">
              <label htmlFor="labels-path">Pairs file</label>
              <input id="labels-path" type="text" size={48} placeholder="/path/to/labels.csv" value={path} onChange={(ev) => setPath(ev.target.value)} aria-describedby="labels-path-hint" />
            </div>
          )}
          <button type="submit" className="button button-primary" disabled={kind === 'column' ? column === '' : kind === 'pairs' && path.trim() === ''}>
            Evaluate
          </button>
        </div>
        <p id="labels-path-hint" className="hint">
          {kind === 'column'
            ? 'Records with the same value are one person; blank values are not judged.'
            : kind === 'review'
              ? 'Each match or non-match given on the review desk, read now: evaluate again after labelling more.'
              : 'An absolute path. Two record keys per row (source keys) and a match column (1/0, true/false or a score); the file is read, not stored.'}
        </p>
        {columns.length === 0 && kind === 'column' && <p className="muted">No imported source columns yet.</p>}
      </form>
      <ErrorNotice error={q.error} title="Could not evaluate" />
      {labels && q.loading && !e && <p className="muted">Evaluating…</p>}
      {e && at && (
        <>
          <div className="cards" aria-label="At the run's threshold">
            <Figure label="Pairwise F1" value={pct(e.atThreshold.f1)} note={`precision ${pct(e.atThreshold.precision)} · recall ${pct(e.atThreshold.recall)} at ${fmtDecimal(e.threshold, 6)}`} />
            <Figure label="Entities F1" value={pct(e.entities.f1)} note={`precision ${pct(e.entities.precision)} · recall ${pct(e.entities.recall)}`} />
            {e.cluster && <Figure label="B-cubed F1" value={pct(e.cluster.bcubed.f1)} note={`${pct(e.cluster.exactEntities)} of ${fmtInt(e.cluster.trueEntities)} true entities exact`} />}
            <Figure
              label="True pairs"
              value={fmtInt(e.labels.truePairs)}
              note={`${fmtInt(e.labels.truePairsScored)} scored; the rest were never candidates (misses)${e.labels.unmatched ? ` · ${fmtInt(e.labels.unmatched)} ${e.labels.kind === 'pairs' ? 'label rows name no record' : e.labels.kind === 'review' ? 'labelled pairs name a record the run did not resolve' : 'records unlabelled'}` : ''}`}
            />
          </div>
          <div className="resolve-eval-grid">
            <PrCurve
              title="Precision–recall curve"
              points={e.curve}
              marks={[
                { label: 'Run threshold', threshold: e.threshold, tone: 'accent', shape: 'ring' },
                { label: 'Chosen threshold', threshold, tone: 'warn' },
              ]}
            />
            <div className="card resolve-chooser" role="group" aria-label="Threshold chooser">
              <div className="field">
                <label htmlFor="chooser-threshold">Threshold to try</label>
                <input id="chooser-threshold" type="range" min={0.01} max={0.99} step={0.01} value={threshold} onChange={(ev) => setChosen(Number(ev.target.value))} aria-valuetext={fmtDecimal(threshold, 6)} />
                <input
                  type="number"
                  min={0.01}
                  max={0.99}
                  step={0.01}
                  aria-label="Threshold to try (number)"
                  value={threshold}
                  onChange={(ev) => {
                    const v = Number(ev.target.value);
                    if (Number.isFinite(v) && v >= 0.01 && v <= 0.99) setChosen(Math.round(v * 100) / 100);
                  }}
                />
              </div>
              <div className="cards" data-testid="chooser-figures">
                <Figure label="Precision" value={pct(at.precision)} />
                <Figure label="Recall" value={pct(at.recall)} />
                <Figure label="F1" value={pct(at.f1)} />
                <Figure label="Matches" value={fmtInt(at.matches)} />
                <Figure label="Entities" value={fmtInt(at.entities)} note="linked pairs' groups; a run may split a few more" />
              </div>
              <p className="hint">
                Best F1 {pct(e.best.f1)} at {fmtDecimal(e.best.threshold, 6)}.{' '}
                <button type="button" className="button button-small" onClick={() => setChosen(e.best.threshold)}>
                  Try {fmtDecimal(e.best.threshold, 6)}
                </button>
              </p>
              <button type="button" className="button button-primary" disabled={running || at.threshold === e.threshold} onClick={() => onApply(at.threshold)}>
                Re-run at {fmtDecimal(at.threshold, 6)}
              </button>
            </div>
            {e.calibration && <CalibrationView calibration={e.calibration} />}
          </div>
        </>
      )}
    </section>
  );
}
