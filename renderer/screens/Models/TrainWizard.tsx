// Training a churn model: what "churned" means (only the definitions the workspace has events for
// can be picked), the cutoff (blank = the engine's default, as churn.setup gives it), the horizon and the unit; then
// churn.train as a job with progress and Cancel. A finished run hands its model id up.
import { useEffect, useRef, useState } from 'react';
import type { ChurnDefinition as Definition, ChurnTrainResult } from '../../../engine/api/churn.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { useJobRun } from '../../api/useJobRun.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtFixed, fmtInt } from '../../components/format.js';

type Unit = 'auto' | 'golden' | 'source';

/** The contract's bounds (ChurnTrainInput.horizonDays). */
function parseHorizon(s: string): number | null {
  const n = Number(s);
  return /^\d+$/.test(s.trim()) && n >= 7 && n <= 730 ? n : null;
}

function parseCutoff(s: string): string | null | undefined {
  if (s.trim() === '') return undefined; // the engine's default
  return /^\d{4}-\d{2}-\d{2}$/.test(s.trim()) && !Number.isNaN(Date.parse(s.trim())) ? s.trim() : null;
}

export function TrainWizard({ onTrained }: { onTrained(modelId: number): void }) {
  const run = useJobRun('churn.train');
  const [definition, setDefinition] = useState<Definition>('noOrder');
  const [cutoff, setCutoff] = useState('');
  const [horizon, setHorizon] = useState('90');
  const [unit, setUnit] = useState<Unit>('auto');
  // opt-in groups read as imported (no event time), added to the engine's default groups
  const [asImported, setAsImported] = useState<Record<'snapshot' | 'sourceColumns', boolean>>({ snapshot: false, sourceColumns: false });
  const h = parseHorizon(horizon);
  const c = parseCutoff(cutoff);
  // the engine's defaults for this horizon (the cutoff a blank field means, the unit "auto" picks)
  const setup = useEngineQuery('churn.setup', { horizonDays: h ?? 90 }, { reloadOn: ['data.changed', 'job.finished'] });
  const chosen = setup.data?.definitions.find((d) => d.id === definition);
  const latest = setup.data?.latestEvent ?? null;
  // only the answer for the horizon in the field (a previous horizon's may still be shown while loading)
  const defaultCutoff = h !== null && setup.data?.horizonDays === h ? setup.data.defaultCutoff : null;
  const ok = h !== null && c !== null && chosen?.available !== false && (!(asImported.snapshot || asImported.sourceColumns) || setup.data !== null);

  // report each finished training once
  const reported = useRef<string | null>(null);
  const job = run.job;
  useEffect(() => {
    if (job?.state !== 'succeeded' || reported.current === job.id) return;
    reported.current = job.id;
    const r = job.result as { modelId?: number } | null;
    if (typeof r?.modelId === 'number') onTrained(r.modelId);
  }, [job, onTrained]);

  const start = () => {
    if (!ok) return;
    const extra = (['snapshot', 'sourceColumns'] as const).filter((g) => asImported[g]);
    const features = extra.length > 0 && setup.data ? [...setup.data.defaultGroups, ...extra] : null;
    void run.start({ definition, horizonDays: h, unit, seed: 42, ...(c ? { cutoff: c } : {}), ...(features ? { features } : {}) });
  };

  return (
    <section className="card models-wizard" aria-labelledby="models-wizard-title">
      <h2 id="models-wizard-title" className="section-title">
        Train a churn model
      </h2>
      <p className="hint">Features use only events before the cutoff; a customer counts as churned when the definition holds within the horizon after it.</p>
      <ErrorNotice error={setup.error} title="Could not read the churn definitions" />
      <fieldset className="field models-definitions">
        <legend>Churned means</legend>
        {(setup.data?.definitions ?? []).map((d) => (
          <label key={d.id} className={d.available ? undefined : 'muted'}>
            <input type="radio" name="churn-definition" value={d.id} checked={definition === d.id} disabled={!d.available || run.running} onChange={() => setDefinition(d.id)} />
            <span>
              <strong>{d.label}</strong> <span className="muted">— {d.available ? d.description : (d.reason ?? 'the workspace has no events for it')}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="field models-definitions">
        <legend>Also use (snapshot, not point-in-time: values as imported, which may postdate the cutoff)</legend>
        <label>
          <input type="checkbox" checked={asImported.snapshot} disabled={run.running} onChange={(e) => setAsImported({ ...asImported, snapshot: e.target.checked })} />
          <span>
            <strong>Record snapshot</strong> <span className="muted">— age from the date of birth, email and SMS consent</span>
          </span>
        </label>
        <label>
          <input type="checkbox" checked={asImported.sourceColumns} disabled={run.running} onChange={(e) => setAsImported({ ...asImported, sourceColumns: e.target.checked })} />
          <span>
            <strong>Imported source columns</strong> <span className="muted">— the customer files’ other columns: numbers, and categories with few values</span>
          </span>
        </label>
      </fieldset>
      <div className="form-row">
        <div className="field">
          <label htmlFor="churn-cutoff">Cutoff date</label>
          <input id="churn-cutoff" type="text" placeholder={defaultCutoff ?? 'YYYY-MM-DD'} value={cutoff} aria-invalid={c === null} aria-describedby="churn-cutoff-hint" disabled={run.running} onChange={(e) => setCutoff(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="churn-horizon">Horizon (days)</label>
          <input id="churn-horizon" type="number" min={7} max={730} step={1} value={horizon} aria-invalid={h === null} disabled={run.running} onChange={(e) => setHorizon(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="churn-unit">One row per</label>
          <select id="churn-unit" value={unit} disabled={run.running} onChange={(e) => setUnit(e.target.value as Unit)}>
            <option value="auto">{setup.data ? `Auto: ${setup.data.autoUnit === 'golden' ? 'golden entity (a golden build exists)' : 'source customer (no golden build yet)'}` : 'Golden entity where built, else source customer'}</option>
            <option value="golden">Golden entity</option>
            <option value="source">Source customer record</option>
          </select>
        </div>
        <button type="button" className="button button-primary" disabled={run.running || !ok} onClick={start}>
          {run.running ? 'Training…' : 'Train model'}
        </button>
        {run.running && (
          <button type="button" className="button" onClick={() => void run.cancel()}>
            Cancel
          </button>
        )}
      </div>
      <p id="churn-cutoff-hint" className={c === null || h === null ? 'form-error' : 'hint'} data-testid="churn-cutoff-hint">
        {c === null
          ? 'Cutoff: a date as YYYY-MM-DD, or blank for the default.'
          : h === null
            ? 'Horizon: a whole number of days from 7 to 730.'
            : defaultCutoff
              ? `Blank: ${defaultCutoff}, the day after the latest event (${latest}) minus the horizon, so every customer's outcome is known.`
              : "Blank: the day after the latest event minus the horizon, so every customer's outcome is known."}
      </p>
      {job && job.state !== 'succeeded' && (
        <>
          <ProgressBar label="Training progress" done={job.done} total={job.total} unit={job.unit} />
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
      {job?.state === 'succeeded' && <TrainedNote result={job.result} />}
      <ErrorNotice error={run.error} title="Could not start training" />
    </section>
  );
}

function TrainedNote({ result }: { result: unknown }) {
  // the engine checked the result against ChurnTrainResult when the job ended
  const r = result as ChurnTrainResult | null;
  if (!r) return null;
  return (
    <p className="form-ok" role="status" data-testid="churn-trained">
      Trained version {r.version} on {fmtInt(r.units)} customers ({fmtInt(r.positives)} churned) with cutoff {r.cutoff}: AUC {fmtFixed(r.auc, 3)} (logistic baseline{' '}
      {fmtFixed(r.baselineAuc, 3)}) in {fmtFixed(r.seconds, 1)} s.
    </p>
  );
}
