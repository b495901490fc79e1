// "Churn risk" for one customer record (the search record view): shown only when a churn model has
// scored the workspace — the live one where it has scores, else the newest scored — with the score's
// explanation folded away until asked for.
import { isAerieError } from '../../../engine/api/errors.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtShare } from '../../components/format.js';
import { ScoreExplanation } from './ScoreExplanation.js';

export function RecordChurnRisk({ recordId }: { recordId: number }) {
  const models = useEngineQuery('churn.models', {}, { reloadOn: ['job.finished'] });
  const scored = (models.data ?? []).filter((m) => m.scored > 0);
  const model = scored.find((m) => m.status === 'live') ?? scored[0] ?? null;
  const explain = useEngineQuery('churn.explain', model ? { modelId: model.id, recordId } : null, { clearOnChange: true, reloadOn: ['job.finished'] });
  if (!model) return null;
  const e = explain.data;
  return (
    <section aria-labelledby="record-churn-title" data-testid="record-churn-risk">
      <h3 id="record-churn-title">Churn risk</h3>
      {isAerieError(explain.error, 'NOT_FOUND') ? (
        // the engine says why (no events, or no golden entity holds the record)
        <p className="muted" data-testid="record-churn-none">
          Not scored. {explain.error.message}
        </p>
      ) : (
        <ErrorNotice error={explain.error} title="Could not explain the churn score" />
      )}
      {e && (
        <details>
          <summary>
            <strong data-testid="record-churn-score">{fmtShare(e.score)}</strong> within {model.horizonDays} days
            {e.decile !== null ? ` · decile ${e.decile}` : ''} (model version {model.version}, {model.status}) — why?
          </summary>
          <ScoreExplanation explanation={e} />
        </details>
      )}
    </section>
  );
}
