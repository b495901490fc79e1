// The survivorship rules editor: per attribute the deciding rule, valid-only (emails and phones)
// and up to three tie-breakers; the source priority order and the phone country. Saving writes a
// new version (golden.saveRules) that the next build uses; the version in force is shown.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtDate } from '../../components/format.js';
import { LABELS } from './EntityValues.js';

type Rules = MethodOutput<'golden.rules'>['rules'];
type Rule = 'sourcePriority' | 'mostRecent' | 'mostFrequent' | 'mostComplete';
const RULES: { id: Rule; label: string }[] = [
  { id: 'mostFrequent', label: 'Most frequent' },
  { id: 'mostRecent', label: 'Most recent' },
  { id: 'mostComplete', label: 'Most complete' },
  { id: 'sourcePriority', label: 'Source priority' },
];
const VALIDATED = new Set(['email', 'phone']);
const MAX_TIE_BREAKERS = 3;

export function RulesEditor() {
  const client = useEngine();
  const current = useEngineQuery('golden.rules', {});
  const sources = useEngineQuery('sources.list', {}, { reloadOn: ['data.changed'] });
  const [draft, setDraft] = useState<Rules | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  useEffect(() => {
    if (current.data) setDraft(structuredClone(current.data.rules));
  }, [current.data]);
  if (!draft || !current.data) return <ErrorNotice error={current.error} title="Could not read the rules" />;

  // every source appears in the order: the saved priority first, then the others
  const names = [...draft.sourcePriority, ...(sources.data ?? []).map((s) => s.name).filter((n) => !draft.sourcePriority.includes(n))];
  const setAttr = (a: string, f: (r: Rules['attributes'][string]) => Rules['attributes'][string]) => setDraft({ ...draft, attributes: { ...draft.attributes, [a]: f(draft.attributes[a]!) } });
  const move = (k: number, by: number) => {
    const order = [...names];
    const [x] = order.splice(k, 1);
    order.splice(k + by, 0, x!);
    setDraft({ ...draft, sourcePriority: order });
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      const r = await client.call('golden.saveRules', { rules: { ...draft, sourcePriority: names } });
      setSaved(r.version);
      current.reload();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card stack golden-rules" aria-labelledby="golden-rules-title">
      <div className="screen-head-row">
        <h2 id="golden-rules-title" className="section-title">
          Survivorship rules
        </h2>
        <span className="muted" data-testid="golden-rules-version">
          {current.data.version === 0 ? 'built-in defaults (version 0)' : `version ${current.data.version} · ${current.data.actor ?? ''} · ${current.data.createdAt ? fmtDate(current.data.createdAt) : ''}`}
        </span>
      </div>
      <p className="hint">Which value wins for each attribute: the rule decides, the tie-breakers in order after it, and last the value seen first. Saved rules apply from the next build.</p>
      <table className="table table-compact" aria-label="Rules per attribute">
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Rule</th>
            <th scope="col">Valid only</th>
            <th scope="col">Tie-breakers, in order</th>
          </tr>
        </thead>
        <tbody>
          {Object.keys(LABELS).map((a) => {
            const r = draft.attributes[a];
            if (!r) return null;
            return (
              <tr key={a} data-testid={`golden-rule-${a}`}>
                <th scope="row">{LABELS[a]}</th>
                <td>
                  <select aria-label={`${LABELS[a]} rule`} value={r.rule} onChange={(e) => setAttr(a, (x) => ({ ...x, rule: e.target.value as Rule, tieBreakers: x.tieBreakers.filter((t) => t !== e.target.value) }))}>
                    {RULES.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{VALIDATED.has(a) ? <input type="checkbox" aria-label={`${LABELS[a]}: valid values only`} checked={r.validOnly} onChange={(e) => setAttr(a, (x) => ({ ...x, validOnly: e.target.checked }))} /> : <span className="muted">–</span>}</td>
                <td className="golden-tie-breakers">
                  {Array.from({ length: Math.min(MAX_TIE_BREAKERS, r.tieBreakers.length + 1) }, (_, k) => (
                    <select
                      key={k}
                      aria-label={`${LABELS[a]} tie-breaker ${k + 1}`}
                      value={r.tieBreakers[k] ?? ''}
                      onChange={(e) =>
                        setAttr(a, (x) => {
                          const t = x.tieBreakers.slice(0, k);
                          if (e.target.value) t.push(e.target.value as Rule);
                          return { ...x, tieBreakers: [...t, ...x.tieBreakers.slice(k + 1).filter((y) => !t.includes(y))] };
                        })
                      }
                    >
                      <option value="">{k === r.tieBreakers.length ? 'add…' : 'none'}</option>
                      {RULES.filter((x) => x.id !== r.rule && (x.id === r.tieBreakers[k] || !r.tieBreakers.includes(x.id))).map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.label}
                        </option>
                      ))}
                    </select>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="golden-priority">
        <h3>Source priority (most trusted first)</h3>
        <ol data-testid="golden-source-priority">
          {names.map((n, k) => (
            <li key={n}>
              <span>{n}</span>
              <button type="button" className="button button-small button-quiet" aria-label={`Move ${n} up`} disabled={k === 0} onClick={() => move(k, -1)}>
                ↑
              </button>
              <button type="button" className="button button-small button-quiet" aria-label={`Move ${n} down`} disabled={k === names.length - 1} onClick={() => move(k, 1)}>
                ↓
              </button>
            </li>
          ))}
        </ol>
        <label className="field-inline">
          Phone country (numbers without a code)
          <input className="golden-num" value={draft.country} maxLength={2} onChange={(e) => setDraft({ ...draft, country: e.target.value.toUpperCase() })} aria-invalid={!/^[A-Z]{2}$/.test(draft.country)} />
        </label>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={saving || !/^[A-Z]{2}$/.test(draft.country)} onClick={() => void save()} data-testid="golden-rules-save">
          {saving ? 'Saving…' : 'Save as a new version'}
        </button>
        <button type="button" className="button button-quiet" disabled={saving} onClick={() => setDraft(structuredClone(current.data!.rules))}>
          Discard changes
        </button>
      </div>
      {saved !== null && (
        <p className="form-ok" role="status">
          Saved version {saved}. Rebuild golden records to apply it.
        </p>
      )}
      <ErrorNotice error={error} title="Could not save the rules" />
    </section>
  );
}
