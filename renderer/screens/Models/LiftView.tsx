// The decile / lift table of a model's held-out rows, and what to do with each score band: the
// engine names an action per decile (top tenth → call, next → email offer, the rest → no action).
import type { ChurnModelDetail } from '../../../engine/api/churn.js';
import { BarList } from '../../components/charts/BarList.js';
import { fmtFixed, fmtInt, fmtShare } from '../../components/format.js';

type LiftRow = ChurnModelDetail['metrics']['lift'][number];

/** The action shown for a decile; the engine's when it gives one. */
export function actionOf(row: Pick<LiftRow, 'decile' | 'action'>): string {
  if (row.action.trim()) return row.action;
  return row.decile === 1 ? 'Call' : row.decile === 2 ? 'Email offer' : 'No action';
}

export function LiftView({ lift }: { lift: LiftRow[] }) {
  if (lift.length === 0) return <p className="muted">No lift table: too few held-out rows.</p>;
  const round = (v: number) => Math.round(v * 100) / 100;
  // the first action (the riskiest band's) stands out most; "no action" is quiet
  const actions = [...new Set(lift.map(actionOf))];
  const tone = (action: string) => (/^no action/i.test(action) ? 'none' : Math.min(actions.indexOf(action), 2));
  return (
    <div className="models-lift">
      <div className="table-scroll">
        <table className="table table-compact" aria-label="Lift by decile">
          <thead>
            <tr>
              <th scope="col">Decile</th>
              <th scope="col" className="num">
                Scores
              </th>
              <th scope="col" className="num">
                Customers
              </th>
              <th scope="col" className="num">
                Churned
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col" className="num">
                Lift
              </th>
              <th scope="col" className="num">
                Cumulative capture
              </th>
              <th scope="col">Cohort action</th>
            </tr>
          </thead>
          <tbody>
            {lift.map((r) => (
              <tr key={r.decile} data-decile={r.decile}>
                <th scope="row">{r.decile === 1 ? '1 (riskiest)' : r.decile}</th>
                <td className="num">
                  {fmtFixed(r.minScore, 3)}–{fmtFixed(r.maxScore, 3)}
                </td>
                <td className="num">{fmtInt(r.count)}</td>
                <td className="num">{fmtInt(r.positives)}</td>
                <td className="num">{fmtShare(r.rate)}</td>
                <td className="num" data-testid={`lift-${r.decile}`}>
                  {r.lift === null ? '–' : fmtFixed(r.lift, 2)}
                </td>
                <td className="num">{r.cumulativeCapture === null ? '–' : fmtShare(r.cumulativeCapture)}</td>
                <td className="wrap">
                  <span className={`models-action models-action-${tone(actionOf(r))}`}>{actionOf(r)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BarList title="Lift by decile (1 = no better than chance)" items={lift.map((r) => ({ label: `Decile ${r.decile}`, value: round(r.lift ?? 0) }))} width={380} />
    </div>
  );
}
