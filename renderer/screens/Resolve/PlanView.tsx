// The proposed plan: each column's role (and whether the run compares it), the blocking rules with
// how many comparisons each proposes, and the estimated recall with what it is based on.
import type { MethodOutput } from '../../../engine/api/methods.js';
import { Figure } from '../../components/Figure.js';
import { fmtInt, fmtShare } from '../../components/format.js';

type Plan = MethodOutput<'resolve.plan'>;

export function PlanView({ plan }: { plan: Plan }) {
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
                  <td>{r.role}</td>
                  <td>{r.used ? 'yes' : <span className="muted">no</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td className="num">{fmtInt(r.comparisons)}</td>
                  <td className="num">{r.capped.blocks === 0 ? <span className="muted">none</span> : `${fmtInt(r.capped.blocks)} / ${fmtInt(r.capped.records)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
