// One customer's churn score explained: a waterfall from the model's base value through each
// feature's exact TreeSHAP contribution (log-odds) to the margin, then the calibrated probability.
// Shared by the Models screen's scored list and the search record view (RecordDetail).
import type { ChurnExplanation } from '../../../engine/api/churn.js';
import { fmtFixed, fmtInt, fmtMinus, fmtShare, fmtSigned } from '../../components/format.js';
import { Waterfall, type WaterfallStep } from '../Resolve/Waterfall.js';

/** Steps shown in the chart; the rest are summed into one "other features" step so it still ends at the margin. */
const SHOWN = 12;
const f4 = (n: number) => fmtSigned(n, 4);

export function explanationSteps(e: Pick<ChurnExplanation, 'baseValue' | 'contributions'>): WaterfallStep[] {
  const top = e.contributions.slice(0, SHOWN);
  const rest = e.contributions.slice(SHOWN);
  const steps: WaterfallStep[] = [{ label: 'Base value', delta: e.baseValue }, ...top.map((c) => ({ label: c.feature, delta: c.contribution }))];
  if (rest.length > 0) steps.push({ label: `${rest.length} other features`, delta: rest.reduce((s, c) => s + c.contribution, 0) });
  return steps;
}

export function ScoreExplanation({ explanation: e, title }: { explanation: ChurnExplanation; title?: string }) {
  const value = (v: number | null) => (v === null ? <span className="muted">missing</span> : Number.isInteger(v) ? fmtInt(v) : fmtFixed(v, 3));
  return (
    <div className="models-explanation" data-testid="churn-explanation" data-unit={e.unit}>
      <div className="cards">
        <div className="figure" role="group" aria-label="Churn risk">
          <span className="figure-label">Churn risk</span>
          <span className="figure-value" data-testid="explain-score">
            {fmtShare(e.score)}
          </span>
          <span className="figure-note">{e.decile === null ? 'not in the stored scores' : `decile ${e.decile}${e.decile === 1 ? ' (riskiest tenth)' : ''}`}</span>
        </div>
        <div className="figure" role="group" aria-label="Model margin">
          <span className="figure-label">Margin (log-odds)</span>
          <span className="figure-value" data-testid="explain-margin">
            {fmtMinus(e.margin, 4)}
          </span>
          <span className="figure-note">base {fmtMinus(e.baseValue, 4)} + contributions; the risk is its calibrated probability</span>
        </div>
      </div>
      <Waterfall title={title ?? 'From the base value to this score (log-odds)'} steps={explanationSteps(e)} />
      <details>
        <summary>Every feature ({e.contributions.length})</summary>
        <div className="table-scroll models-contributions">
          <table className="table table-compact" aria-label="Contributions">
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  Contribution
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Base value</th>
                <td />
                <td className="num" data-testid="explain-base">
                  {fmtMinus(e.baseValue, 4)}
                </td>
              </tr>
              {e.contributions.map((c) => (
                <tr key={c.feature}>
                  <th scope="row" className="chart-mono">
                    {c.feature}
                  </th>
                  <td className="num">{value(c.value)}</td>
                  <td className="num" data-testid="explain-contribution">
                    {f4(c.contribution)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Margin</th>
                <td />
                <td className="num">{fmtMinus(e.margin, 4)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </div>
  );
}
