// The churn models on record, newest first: status (changeable: candidate, live, retired), headline
// figures, who trained it and when, its data window; picking one opens its dashboard.
import { useState } from 'react';
import type { ChurnModelSummary } from '../../../engine/api/churn.js';
import { useEngine } from '../../api/useEngine.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtDate, fmtFixed, fmtInt } from '../../components/format.js';

const SETTABLE = ['candidate', 'live', 'retired'] as const;
type Settable = (typeof SETTABLE)[number];

const DEFINITION_LABEL: Partial<Record<ChurnModelSummary['definition'], string>> = {
  noOrder: 'no order',
  noActivity: 'no activity',
  contractEnded: 'contract ended',
  accountClosed: 'account closed',
};

/** Short name of a churn definition (the id itself for one added to the contract since). */
export const definitionLabel = (d: ChurnModelSummary['definition']): string => DEFINITION_LABEL[d] ?? d;

/** The window the model learnt from: events before the cutoff, outcomes in the horizon after it. */
export function windowText(m: ChurnModelSummary): string {
  return `events before ${m.cutoff}, outcome in ${m.horizonDays} d`;
}

interface Props {
  models: ChurnModelSummary[];
  selected: number | null;
  onSelect(id: number): void;
  onChanged(): void;
}

export function ModelRegistry({ models, selected, onSelect, onChanged }: Props) {
  const client = useEngine();
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const setStatus = async (id: number, status: Settable) => {
    setBusy(id);
    setError(null);
    try {
      await client.call('churn.setStatus', { id, status });
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="stack" aria-labelledby="models-registry-title">
      <h2 id="models-registry-title" className="section-title">
        Churn model versions
      </h2>
      <ErrorNotice error={error} title="Could not change the status" />
      <div className="table-scroll">
        <table className="table table-compact models-registry" aria-label="Churn models">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                AUC
              </th>
              <th scope="col" className="num">
                PR AUC
              </th>
              <th scope="col" className="num">
                Brier
              </th>
              <th scope="col">Churn and data window</th>
              <th scope="col">Trained</th>
              <th scope="col" className="num">
                Scored
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => {
              const settable = (SETTABLE as readonly string[]).includes(m.status);
              return (
                <tr key={m.id} data-model={m.id} data-status={m.status} className={selected === m.id ? 'is-selected' : undefined}>
                  <td>
                    <button type="button" className="link-button" aria-pressed={selected === m.id} onClick={() => onSelect(m.id)}>
                      Version {m.version}
                    </button>
                  </td>
                  <td>
                    {settable ? (
                      <select aria-label={`Status of version ${m.version}`} value={m.status} disabled={busy !== null} onChange={(e) => void setStatus(m.id, e.target.value as Settable)}>
                        {SETTABLE.map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="badge">{m.status}</span>
                    )}
                  </td>
                  <td className="num">{fmtFixed(m.auc, 3)}</td>
                  <td className="num">{fmtFixed(m.prAuc, 3)}</td>
                  <td className="num">{fmtFixed(m.brier, 3)}</td>
                  <td className="models-two-line">
                    {definitionLabel(m.definition)} · per {m.unit === 'golden' ? 'golden entity' : 'source customer'}
                    <span className="muted">
                      {windowText(m)} · {fmtInt(m.units)} customers
                    </span>
                  </td>
                  <td className="models-two-line">
                    {fmtDate(m.createdAt)}
                    <span className="muted">{m.createdBy ? `by ${m.createdBy}` : 'by —'}</span>
                  </td>
                  <td className="num">{m.scored > 0 ? fmtInt(m.scored) : <span className="muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
