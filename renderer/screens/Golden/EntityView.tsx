// One golden record: its canonical values with rule, confidence and provenance, its source records
// side by side, its scores and event timeline, its id history, and the steward's actions (override,
// split, merge, lock, undo). Decisions take effect at the next build: the view lists those pending
// and offers the rebuild.
import { useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtDate } from '../../components/format.js';
import { EntityValues } from './EntityValues.js';
import { ScoreSlot } from './ScoreSlot.js';
import { SourceRecords } from './SourceRecords.js';
import { Timeline } from './Timeline.js';

type Build = NonNullable<MethodOutput<'golden.summary'>['build']>;
type Decision = MethodOutput<'golden.decisions'>['decisions'][number];

function describe(d: Decision): string {
  switch (d.kind) {
    case 'override':
      return `override ${d.attribute} = ${d.value}`;
    case 'split':
      return `split ${d.records.length} record${d.records.length === 1 ? '' : 's'} out into ${d.otherId}`;
    case 'merge':
      return `merge ${d.otherId} into ${d.goldenId}`;
    case 'lock':
      return 'lock';
    case 'undo':
      return `undo decision ${d.reverses}`;
  }
}

export function EntityView({ id, build, rebuilding, onRebuild }: { id: string; build: Build; rebuilding: boolean; onRebuild(): void }) {
  const client = useEngine();
  const reloadOn = ['job.finished' as const];
  const g = useEngineQuery('golden.get', { id }, { reloadOn, clearOnChange: true });
  const p = useEngineQuery('golden.provenance', { id }, { reloadOn, clearOnChange: true });
  const decisions = useEngineQuery('golden.decisions', { id, limit: 100 }, { reloadOn, clearOnChange: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [mergeId, setMergeId] = useState('');

  const act = async (what: string, f: () => Promise<{ decisionId: number; goldenId: string | null }>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await f();
      setDone(`Decision ${r.decisionId}: ${what}. It takes effect at the next build.`);
      decisions.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const pending = (decisions.data?.decisions ?? []).filter((d) => d.createdAt > build.createdAt);
  const lock = (decisions.data?.decisions ?? []).find((d) => d.kind === 'lock' && d.inForce);
  const rec = g.data;
  const name = p.data?.attributes.find((a) => a.attribute === 'full_name')?.value ?? [p.data?.attributes.find((a) => a.attribute === 'given_name')?.value, p.data?.attributes.find((a) => a.attribute === 'family_name')?.value].filter(Boolean).join(' ');

  return (
    <section className="golden-entity card stack" aria-labelledby="golden-entity-title" data-testid="golden-entity" data-id={id}>
      <div className="screen-head-row">
        <h2 id="golden-entity-title" className="section-title">
          {name || id}
        </h2>
        <span className="muted" data-testid="golden-entity-meta">
          {id}
          {rec && ` · ${rec.size} record${rec.size === 1 ? '' : 's'}`}
          {rec?.locked && ' · locked'}
        </span>
      </div>
      <ErrorNotice error={g.error ?? p.error} title="Could not read the golden record" />

      {pending.length > 0 && (
        <div className="notice notice-warn" role="status" data-testid="golden-pending">
          <span>
            {pending.length} decision{pending.length === 1 ? '' : 's'} since the last build: they take effect when golden records are rebuilt.
          </span>{' '}
          <button type="button" className="button button-small button-primary" disabled={rebuilding} onClick={onRebuild}>
            {rebuilding ? 'Rebuilding…' : 'Rebuild now'}
          </button>
        </div>
      )}
      {done && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
      <ErrorNotice error={error} title="The decision was not made" />

      {p.data && <EntityValues provenance={p.data} busy={busy} onOverride={(attribute, value) => void act(`${attribute} overridden`, () => client.call('golden.override', { id, attribute, value }))} />}
      {p.data && rec && <SourceRecords key={`${id}|${rec.records.join(',')}`} records={rec.records} provenance={p.data} busy={busy} onSplit={(records) => void act(`${records.length} record(s) split out`, () => client.call('golden.split', { id, records }))} />}

      <section aria-labelledby="golden-actions-title" className="golden-steward-actions">
        <h3 id="golden-actions-title">Steward actions</h3>
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            const other = mergeId.trim();
            if (other) void act(`${other} merged into ${id}`, () => client.call('golden.merge', { id, other })).then(() => setMergeId(''));
          }}
        >
          <label className="field-inline">
            Merge another entity into this one
            <input value={mergeId} placeholder="golden id, e.g. G0000042" onChange={(e) => setMergeId(e.target.value)} data-testid="golden-merge-id" />
          </label>
          <button type="submit" className="button button-small" disabled={busy || mergeId.trim() === '' || mergeId.trim() === id}>
            Merge
          </button>
        </form>
        {lock ? (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void act('lock undone', () => client.call('golden.undo', { decisionId: lock.id }))}>
            Unlock
          </button>
        ) : (
          <button type="button" className="button button-small" disabled={busy} onClick={() => void act('locked', () => client.call('golden.lock', { id }))} data-testid="golden-lock">
            Lock
          </button>
        )}
      </section>

      <section aria-labelledby="golden-decisions-title">
        <h3 id="golden-decisions-title">Decisions</h3>
        <ErrorNotice error={decisions.error} />
        {decisions.data?.decisions.length === 0 && <p className="muted small">No steward decisions on this entity.</p>}
        <ul className="golden-decisions" data-testid="golden-decisions">
          {decisions.data?.decisions.map((d) => (
            <li key={d.id} className={d.inForce ? undefined : 'muted'}>
              <span>
                #{d.id} {describe(d)} · {d.actor} · {fmtDate(d.createdAt)}
                {!d.inForce && ' · undone'}
                {d.createdAt > build.createdAt && ' · pending'}
              </span>
              {d.inForce && d.kind !== 'undo' && (
                <button type="button" className="button button-small button-quiet" disabled={busy} onClick={() => void act(`decision ${d.id} undone`, () => client.call('golden.undo', { decisionId: d.id }))}>
                  Undo
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="golden-history-title">
        <h3 id="golden-history-title">Id history</h3>
        <ul className="golden-history" data-testid="golden-history">
          {rec?.history.map((h, k) => (
            <li key={k}>
              {h.event.replace('_', ' ')}
              {h.otherId && ` ${h.otherId}`} · build {h.buildId} · {fmtDate(h.createdAt)}
            </li>
          ))}
        </ul>
      </section>

      <ScoreSlot id={id} />
      <Timeline id={id} />
    </section>
  );
}
