// The entity's model scores. Churn is the first model (churn.explain by golden id): shown when a
// churn model has scored the workspace, with its top reasons; otherwise a note saying how to get one.
import { isAerieError } from '../../../engine/api/errors.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtShare } from '../../components/format.js';

export function ScoreSlot({ id }: { id: string }) {
  const models = useEngineQuery('churn.models', {}, { reloadOn: ['job.finished'] });
  const scored = models.data?.some((m) => m.scored > 0 && m.unit === 'golden') ?? false;
  const x = useEngineQuery('churn.explain', scored ? { goldenId: id } : null, { clearOnChange: true });
  return (
    <section className="golden-scores" aria-labelledby="golden-scores-title" data-testid="golden-scores">
      <h3 id="golden-scores-title">Scores</h3>
      {!scored && <p className="muted small">No model has scored golden records yet (train and score a churn model on golden records in Models).</p>}
      {scored && x.data && (
        <p>
          Churn risk <strong data-testid="golden-churn-score">{fmtShare(x.data.score)}</strong>
          {x.data.decile !== null && <span className="muted"> · decile {x.data.decile}</span>}
          <span className="muted small">
            {' '}
            · top reasons:{' '}
            {x.data.contributions
              .slice(0, 3)
              .map((c) => `${c.feature} ${c.contribution >= 0 ? '↑' : '↓'}`)
              .join(', ')}
          </span>
        </p>
      )}
      {scored && x.error !== null && (isAerieError(x.error, 'NOT_FOUND') ? <p className="muted small">This entity has no churn score (no events before the model's cutoff).</p> : <ErrorNotice error={x.error} />)}
    </section>
  );
}
