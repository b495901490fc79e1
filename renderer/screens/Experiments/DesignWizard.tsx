// Design a new experiment: what it tests, who the units are, the arms and their shares, the holdout,
// the metrics and dates, the stratum to balance the arms within (a customer attribute or the churn
// risk decile, offered only once churn scores exist), with the power calculator beside it. Saves
// with experiments.create.
import { useState, type FormEvent } from 'react';
import type { ExperimentCreateInput } from '../../../engine/api/experiments.js';
import type { z } from 'zod';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PowerCalculator } from './PowerCalculator.js';

const METRICS = [['churn_90d', 'Churn within 90 days'], ['conversion', 'Conversion'], ['revenue', 'Revenue per customer']] as const;

export function DesignWizard({ onCreated, onCancel }: { onCreated(id: number): void; onCancel(): void }) {
  const client = useEngine();
  const [name, setName] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [unit, setUnit] = useState<'source' | 'golden'>('source');
  const [control, setControl] = useState('1');
  const [treatment, setTreatment] = useState('1');
  const [holdout, setHoldout] = useState('0');
  const [stratify, setStratify] = useState('');
  const strata = useEngineQuery('experiments.strata', {}, { reloadOn: ['job.finished'] });
  const churnStratum = strata.data?.items.find((x) => x.kind === 'churn');
  const [primary, setPrimary] = useState('churn_90d');
  const [guardrails, setGuardrails] = useState<string[]>(['conversion', 'revenue']);
  const [startsOn, setStartsOn] = useState('2025-01-01');
  const [endsOn, setEndsOn] = useState('2025-03-31');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const c = Number(control), t = Number(treatment);
  const allocation = c > 0 && t > 0 ? t / (c + t) : NaN;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const input: z.input<typeof ExperimentCreateInput> = {
        name, hypothesis, unit, arms: [{ name: 'control', share: c }, { name: 'treatment', share: t }], holdout: Number(holdout), stratify: stratify || null,
        primaryMetric: primary, guardrailMetrics: guardrails.filter((g) => g !== primary), startsOn, endsOn,
      };
      onCreated((await client.call('experiments.create', input)).id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <form className="card form" onSubmit={submit} aria-labelledby="design-title" noValidate>
        <h2 id="design-title">Design an experiment</h2>
        <div className="field"><label htmlFor="exp-name">Name</label><input id="exp-name" value={name} onChange={(e) => setName(e.target.value)} /></div>
        <div className="field"><label htmlFor="exp-hypothesis">Hypothesis</label><textarea id="exp-hypothesis" rows={2} value={hypothesis} onChange={(e) => setHypothesis(e.target.value)} /></div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="exp-unit">Unit</label>
            <select id="exp-unit" value={unit} onChange={(e) => setUnit(e.target.value as 'source' | 'golden')}>
              <option value="source">Source account</option>
              <option value="golden">Golden record (latest build)</option>
            </select>
          </div>
          <div className="field"><label htmlFor="exp-control">Control share</label><input id="exp-control" inputMode="decimal" value={control} onChange={(e) => setControl(e.target.value)} /></div>
          <div className="field"><label htmlFor="exp-treatment">Treatment share</label><input id="exp-treatment" inputMode="decimal" value={treatment} onChange={(e) => setTreatment(e.target.value)} /></div>
          <div className="field"><label htmlFor="exp-holdout">Holdout</label><input id="exp-holdout" inputMode="decimal" value={holdout} onChange={(e) => setHoldout(e.target.value)} /></div>
          <div className="field">
            <label htmlFor="exp-stratify">Balance arms within</label>
            <select id="exp-stratify" value={stratify} onChange={(e) => setStratify(e.target.value)} aria-describedby="exp-stratify-hint">
              <option value="">No stratum</option>
              {strata.data?.items.map((x) => (
                <option key={x.id} value={x.id} disabled={!x.available}>{x.kind === 'attribute' ? `Attribute: ${x.label}` : x.label}{x.available ? '' : ' (no churn scores yet)'}</option>
              ))}
            </select>
            <span id="exp-stratify-hint" className="hint" data-testid="stratify-hint">
              {churnStratum && !churnStratum.available ? churnStratum.reason : stratify === 'churn_decile' ? 'Deciles of the live churn model’s scores (else the latest scored); units without a score form “unscored”.' : ''}
            </span>
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="exp-primary">Primary metric</label>
            <select id="exp-primary" value={primary} onChange={(e) => setPrimary(e.target.value)}>
              {METRICS.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
            </select>
          </div>
          <fieldset className="field">
            <legend>Guardrails</legend>
            {METRICS.filter(([id]) => id !== primary).map(([id, label]) => (
              <label key={id} className="field-check">
                <input type="checkbox" checked={guardrails.includes(id)} onChange={(e) => setGuardrails((g) => (e.target.checked ? [...g, id] : g.filter((x) => x !== id)))} /> {label}
              </label>
            ))}
          </fieldset>
          <div className="field"><label htmlFor="exp-start">Starts on</label><input id="exp-start" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} /></div>
          <div className="field"><label htmlFor="exp-end">Ends on</label><input id="exp-end" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} /></div>
        </div>
        <ErrorNotice error={error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>Create experiment</button>
          <button type="button" className="button" onClick={onCancel}>Cancel</button>
        </div>
      </form>
      <PowerCalculator allocation={allocation} />
    </div>
  );
}
