// The run set-up: each column's role (the compared attributes' roles can be changed, "ignore"
// leaves one out), the blocking rules with how many comparisons each proposes (each can be switched
// off, rules can be added from the blocking keys), and the estimated recall with what it is based
// on. Every change asks resolve.plan again with the set-up, so the counts shown are the new ones.
import type { MethodOutput } from '../../../engine/api/methods.js';
import { Figure } from '../../components/Figure.js';
import { fmtInt, fmtShare } from '../../components/format.js';
import { RuleAdder } from './RuleAdder.js';

type Plan = MethodOutput<'resolve.plan'>;
export type Setup = Plan['setup'];
type Role = Plan['roles'][number]['role'];

const ROLES: Role[] = ['givenName', 'surname', 'fullName', 'date', 'address', 'houseNumber', 'town', 'postcode', 'phone', 'email', 'nationalId', 'freeText', 'categorical', 'numeric', 'ignore'];

export function PlanView({ plan, onSetup }: { plan: Plan; onSetup?(s: Setup): void }) {
  const setup = plan.setup;
  const setRole = (column: string, role: Role) => onSetup?.({ ...setup, roles: [...setup.roles.filter((r) => r.column !== column), { column, role }] });
  const toggle = (rule: Plan['rules'][number]) => {
    if (rule.added) onSetup?.({ ...setup, rulesAdded: setup.rulesAdded.filter((k) => k.join(' + ') !== rule.name) });
    else onSetup?.({ ...setup, rulesOff: rule.on ? [...setup.rulesOff, rule.name] : setup.rulesOff.filter((n) => n !== rule.name) });
  };
  return (
    <section aria-labelledby="resolve-plan-title" className="stack">
      <h2 id="resolve-plan-title" className="section-title">
        Plan
      </h2>
      <div className="cards">
        <Figure label="Records" value={fmtInt(plan.records)} />
        <Figure label="Candidate pairs" value={fmtInt(plan.candidatePairs)} />
        <Figure label="Estimated recall" value={plan.estimatedRecall === null ? '–' : fmtShare(plan.estimatedRecall)} note={plan.recallBasis} />
      </div>
      {plan.setupFrom === 'saved' && <p className="hint">Set-up saved with the latest run.</p>}
      <div className="resolve-plan-grid">
        <div className="table-scroll">
          <table className="table table-compact" aria-label="Column roles">
            <thead>
              <tr>
                <th scope="col">Attribute / column</th>
                <th scope="col">Role</th>
                <th scope="col">Used</th>
              </tr>
            </thead>
            <tbody>
              {plan.roles.map((r) => (
                <tr key={`${r.source ?? ''}/${r.column}`} title={r.reason}>
                  <td>
                    {r.source === null ? <strong>{r.column}</strong> : <span className="muted">{r.source} · </span>}
                    {r.source !== null && r.column}
                  </td>
                  <td>
                    {r.source === null && onSetup ? (
                      <select aria-label={`Role of ${r.column}`} value={r.role} onChange={(e) => setRole(r.column, e.target.value as Role)}>
                        {(ROLES.includes(r.role) ? ROLES : [r.role, ...ROLES]).map((x) => (
                          <option key={x}>{x}</option>
                        ))}
                      </select>
                    ) : (
                      r.role
                    )}
                  </td>
                  <td>{r.used ? 'yes' : <span className="muted">no</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="stack">
          <div className="table-scroll">
            <table className="table table-compact" aria-label="Blocking rules">
              <thead>
                <tr>
                  <th scope="col">Blocking rule</th>
                  <th scope="col" className="num">
                    Comparisons
                  </th>
                  <th scope="col" className="num" title="Blocks too large to compare, and the records in them">
                    Left out
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.rules.map((r) => (
                  <tr key={`${r.name}/${r.added}`} className={r.on ? undefined : 'muted'}>
                    <td>
                      {onSetup ? (
                        <label>
                          <input type="checkbox" checked={r.on} onChange={() => toggle(r)} aria-label={`Use rule ${r.name}`} /> {r.name}
                          {r.added && <span className="muted"> (added)</span>}
                        </label>
                      ) : (
                        r.name
                      )}
                    </td>
                    <td className="num">{fmtInt(r.comparisons)}</td>
                    <td className="num">{r.capped.blocks === 0 ? <span className="muted">none</span> : `${fmtInt(r.capped.blocks)} / ${fmtInt(r.capped.records)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {onSetup && <RuleAdder keys={plan.keys} onAdd={(keys) => onSetup({ ...setup, rulesAdded: [...setup.rulesAdded, keys] })} />}
          {onSetup && (
            <label className="check">
              <input
                type="checkbox"
                checked={setup.nearest !== undefined}
                onChange={(e) => {
                  const { nearest: _off, ...rest } = setup;
                  onSetup(e.target.checked ? { ...rest, nearest: 10 } : rest);
                }}
              />
              Also compare each record with its 10 nearest neighbours by embedding (reaches duplicates with a typo in every key; slower on large workspaces)
            </label>
          )}
        </div>
      </div>
    </section>
  );
}
