// The steward's review desk: one pair at a time, most informative first, judged from the keyboard —
// M match, N not a match, S skip, U (or Ctrl+Z) undo. Both records side by side with the
// differences marked, why the pair is queued, and (unless blind) the model's score and the pair's
// match-weight waterfall; progress and the live precision / recall estimate at the threshold.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Figure } from '../../components/Figure.js';
import { fmtDecimal, fmtFixed, fmtInt, fmtMinus, fmtShare } from '../../components/format.js';
import { Waterfall, type WaterfallStep } from '../Resolve/Waterfall.js';
import { RecordsSideBySide } from './RecordsSideBySide.js';
import './review.css';

type Verdict = 'match' | 'nonMatch' | 'skip';
type Explanation = NonNullable<NonNullable<MethodOutput<'review.next'>['item']>['explanation']>;

const SAID: Record<Verdict, string> = { match: 'match', nonMatch: 'not a match', skip: 'skipped' };

function steps(e: Explanation): WaterfallStep[] {
  const out: WaterfallStep[] = [{ label: 'Prior', delta: e.prior }];
  for (const s of e.steps) out.push({ label: `${s.comparison}: ${s.level < 0 ? 'missing' : s.label}`, delta: s.weight + s.tfAdjustment });
  if (e.household !== 0) out.push({ label: 'Household', delta: e.household });
  return out;
}

/** Keys typed into a text field are the field's, not the desk's. */
function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(t.type);
  return t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable;
}

export function ReviewScreen() {
  const client = useEngine();
  const [blind, setBlind] = useState(false);
  const next = useEngineQuery('review.next', { blind }, { reloadOn: ['job.finished'] });
  const stats = useEngineQuery('review.stats', {}, { reloadOn: ['job.finished'] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState<string | null>(null);
  const item = next.data?.item ?? null;
  const itemRef = useRef(item);
  itemRef.current = item;
  const busyRef = useRef(false);

  const act = useCallback(
    async (what: Verdict | 'undo') => {
      if (busyRef.current) return;
      const current = itemRef.current;
      if (what !== 'undo' && !current) return;
      busyRef.current = true;
      setBusy(true);
      setError(null);
      try {
        if (what === 'undo') {
          const u = await client.call('review.undo', {});
          setLast(`Undid ${SAID[u.verdict]} for records ${u.itemId.replace('-', ' and ')}${u.decision ? ` (golden decision ${u.decision.decisionId} reverses the earlier one)` : ''}.`);
        } else {
          const r = await client.call('review.label', { itemId: current!.id, verdict: what, blind });
          const d = r.decision;
          setLast(`Records ${r.itemId.replace('-', ' and ')}: ${SAID[r.verdict]}${d ? ` — ${d.kind === 'split' ? `split out as ${d.goldenId}` : `merged into ${d.goldenId}`} (golden decision ${d.decisionId}, at the next build)` : ''}.`);
        }
        next.reload();
        stats.reload();
      } catch (e) {
        setError(e);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [client, blind, next, stats],
  );

  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (ev.altKey || ev.metaKey || typing(ev.target)) return;
      const k = ev.key.toLowerCase();
      if (ev.ctrlKey) {
        if (k === 'z') {
          ev.preventDefault();
          void act('undo');
        }
        return;
      }
      const map: Record<string, Verdict | 'undo'> = { m: 'match', n: 'nonMatch', s: 'skip', u: 'undo' };
      const what = map[k];
      if (!what) return;
      ev.preventDefault();
      void act(what);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act]);

  const s = stats.data;
  const est = s?.estimate ?? null;
  return (
    <div className="screen stack" data-testid="review-screen">
      <header className="screen-head review-head">
        <h1>Review desk</h1>
        <label className="checkbox">
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="review-blind" /> Blind (hide the model's scores)
        </label>
      </header>
      <div className="cards" aria-label="Progress" data-testid="review-progress">
        <Figure label="Labelled" value={fmtInt(s?.labelled ?? next.data?.progress.labelled)} note={s ? `${fmtInt(s.matches)} match · ${fmtInt(s.nonMatches)} not` : undefined} />
        <Figure label="In the queue" value={fmtInt(s?.queued ?? next.data?.progress.queued)} note={s && s.skipped ? `${fmtInt(s.skipped)} skipped` : undefined} />
        {!blind && est && (
          <>
            {/* with no label the figures are the model's view of itself: named so, never "from 0 labels" */}
            <Figure
              label={`Precision at ${fmtDecimal(est.threshold, 6)}`}
              value={est.pairs === 0 ? 'no labels yet' : fmtShare(est.precision)}
              note={est.pairs === 0 ? `model's own estimate ${fmtShare(est.precision)}` : `estimated from ${fmtInt(est.pairs)} labelled pair${est.pairs === 1 ? '' : 's'}`}
            />
            <Figure
              label={`Recall at ${fmtDecimal(est.threshold, 6)}`}
              value={est.pairs === 0 ? 'no labels yet' : fmtShare(est.recall)}
              note={est.pairs === 0 ? `model's own estimate ${fmtShare(est.recall)}` : "of the scored pairs' true matches"}
            />
          </>
        )}
      </div>
      <p className="review-keys hint" aria-label="Keys">
        <kbd>M</kbd> match <kbd>N</kbd> not a match <kbd>S</kbd> skip <kbd>U</kbd> or <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo
        <button type="button" className="button button-small" disabled={busy || !item} onClick={() => void act('match')} data-testid="review-match">
          Match
        </button>
        <button type="button" className="button button-small" disabled={busy || !item} onClick={() => void act('nonMatch')} data-testid="review-nonmatch">
          Not a match
        </button>
        <button type="button" className="button button-small button-quiet" disabled={busy || !item} onClick={() => void act('skip')} data-testid="review-skip">
          Skip
        </button>
        <button type="button" className="button button-small button-quiet" disabled={busy} onClick={() => void act('undo')} data-testid="review-undo">
          Undo
        </button>
      </p>
      {last && (
        <p className="review-last muted" role="status" data-testid="review-last">
          {last}
        </p>
      )}
      <ErrorNotice error={error} title="Could not save the label" />
      <ErrorNotice error={next.error} title="Could not read the queue" />
      {next.data && !item && (
        <p className="muted" data-testid="review-empty">
          {next.data.runId === null ? 'Nothing to review yet: run Resolve first.' : 'The queue is empty: every queued pair is labelled.'}
        </p>
      )}
      {item && (
        <section className="card stack" aria-labelledby="review-item-title" data-testid="review-item" data-item={item.id}>
          <h2 id="review-item-title" className="section-title">
            Records {item.a.id} and {item.b.id}
          </h2>
          <p data-testid="review-why">Why: {item.why}</p>
          {item.score && (
            <p data-testid="review-score">
              Match probability {fmtFixed(item.score.probability, 3)} (weight {fmtMinus(item.score.weight, 2)}, threshold {fmtDecimal(item.score.threshold, 6)}) ·{' '}
              {item.sameEntity ? 'one entity now' : 'two entities now'}
            </p>
          )}
          <RecordsSideBySide item={item} />
          {item.explanation && (
            <div data-testid="review-waterfall">
              <Waterfall title={`Match weight, records ${item.a.id} and ${item.b.id} (bits)`} steps={steps(item.explanation)} />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
