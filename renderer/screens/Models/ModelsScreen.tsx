// Churn models: the training wizard, every model version on record (status, figures, data window),
// and for the chosen version its metrics dashboard, its scores with per-customer explanations,
// and its model card.
import { useCallback, useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ModelCard } from './ModelCard.js';
import { ModelMetrics } from './ModelMetrics.js';
import { definitionLabel, ModelRegistry, windowText } from './ModelRegistry.js';
import { ScoresView } from './ScoresView.js';
import { TrainWizard } from './TrainWizard.js';
import './models.css';

const VIEWS = [
  { id: 'metrics', label: 'Metrics' },
  { id: 'scores', label: 'Scores' },
  { id: 'card', label: 'Model card' },
] as const;
type View = (typeof VIEWS)[number]['id'];

export function ModelsScreen() {
  const models = useEngineQuery('churn.models', {}, { reloadOn: ['job.finished', 'workspace'] });
  const [picked, setPicked] = useState<number | null>(null);
  const [view, setView] = useState<View>('metrics');
  const list = models.data ?? [];
  // the picked version, else the live one, else the newest
  const current = list.find((m) => m.id === picked) ?? list.find((m) => m.status === 'live') ?? list[0] ?? null;
  const detail = useEngineQuery('churn.model', current ? { id: current.id } : null, { reloadOn: ['job.finished'] });
  const onTrained = useCallback(
    (id: number) => {
      setPicked(id);
      setView('metrics');
      models.reload();
    },
    [models.reload],
  );

  return (
    <div className="screen models">
      <header className="screen-head">
        <h1>Models</h1>
        <p className="hint">Churn risk: train a model on the workspace's events, compare versions, make one live, score every customer and see why each scores as they do.</p>
      </header>
      <TrainWizard onTrained={onTrained} />
      <ErrorNotice error={models.error} title="Could not read the churn models" />
      {models.data && list.length === 0 && (
        <p className="card muted" data-testid="no-churn-models">
          No churn model yet. Train one above.
        </p>
      )}
      {list.length > 0 && <ModelRegistry models={list} selected={current?.id ?? null} onSelect={setPicked} onChanged={models.reload} />}
      {current && (
        <section className="stack" aria-labelledby="models-current-title">
          <div className="screen-head-row report-head">
            <h2 id="models-current-title" className="section-title">
              Version {current.version} <span className="badge">{current.status}</span>
            </h2>
            <span className="muted" data-testid="model-meta">
              churned = {definitionLabel(current.definition)} · {windowText(current)}
            </span>
          </div>
          <div role="tablist" aria-label="Model views" className="tabs">
            {VIEWS.map((v) => (
              <button key={v.id} type="button" role="tab" id={`models-tab-${v.id}`} aria-selected={view === v.id} aria-controls={`models-panel-${v.id}`} className="tab" onClick={() => setView(v.id)}>
                {v.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`models-panel-${view}`} aria-labelledby={`models-tab-${view}`}>
            {view === 'metrics' && (
              <>
                <ErrorNotice error={detail.error} title="Could not read the model" />
                {detail.data && detail.data.model.id === current.id && <ModelMetrics detail={detail.data} />}
              </>
            )}
            {view === 'scores' && <ScoresView key={current.id} model={current} />}
            {view === 'card' && <ModelCard key={current.id} id={current.id} version={current.version} />}
          </div>
        </section>
      )}
    </div>
  );
}
