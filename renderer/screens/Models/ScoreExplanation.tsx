// One customer's churn score explained: a waterfall from the model's base value through each
// feature's exact TreeSHAP contribution (log-odds) to the margin, then the calibrated probability.
// Shared by the Models screen's scored list and the search record view (RecordDetail).
import type { ChurnExplanation } from '../../../engine/api/churn.js';
import { FiguresTable } from '../../components/FiguresTable.js';
import { fmtFixed, fmtInt, fmtMinus, fmtShare, fmtSigned } from '../../components/format.js';
import { Waterfall, type WaterfallStep } from '../Resolve/Waterfall.js';

/** Steps shown in the chart; the rest are summed into one "other features" step so it still ends at the margin. */
const SHOWN = 12;
const f4 = (n: number) => fmtSigned(n, 4);

/** A row of the contributions table: the base value, one feature, or the margin (the footer). */
type ContributionRow = { kind: 'base' | 'margin'; delta: number } | { kind: 'feature'; feature: string; value: number | null; delta: number };

export function explanationSteps(e: Pick<ChurnExplanation, 'baseValue' | 'contributions'>): WaterfallStep[] {
  const top = e.contributions.slice(0, SHOWN);
  const rest = e.contributions.slice(SHOWN);
  const steps: WaterfallStep[] = [{ label: 'Base value', delta: e.baseValue }, ...top.map((c) => ({ label: c.feature, delta: c.contribution }))];
  if (rest.length > 0) steps.push({ label: `${rest.length} other features`, delta: rest.reduce((s, c) => s + c.contribution, 0) });
  return steps;
}

export function ScoreExplanation({ explanation: e, title }: { explanation: ChurnExplanation; title?: string }) {
  const rows: ContributionRow[] = [
    { kind: 'base', delta: e.baseValue },
    ...e.contributions.map((c): ContributionRow => ({ kind: 'feature', feature: c.feature, value: c.value, delta: c.contribution })),
  ];
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
        <FiguresTable
          label="Contributions"
          scroll="models-contributions"
          rows={rows}
          footRows={[{ kind: 'margin', delta: e.margin }]}
          rowKey={(r) => (r.kind === 'feature' ? `f:${r.feature}` : r.kind)}
          columns={[
            { label: 'Feature', rowHeader: true, cellClass: (r) => (r.kind === 'feature' ? 'chart-mono' : undefined), format: (r) => (r.kind === 'feature' ? r.feature : r.kind === 'base' ? 'Base value' : 'Margin') },
            { label: 'Value', align: 'right', format: (r) => (r.kind === 'feature' ? value(r.value) : null) },
            {
              label: 'Contribution',
              align: 'right',
              format: (r) => (r.kind === 'feature' ? f4(r.delta) : fmtMinus(r.delta, 4)),
              testId: (r) => (r.kind === 'feature' ? 'explain-contribution' : r.kind === 'base' ? 'explain-base' : undefined),
            },
          ]}
        />
      </details>
    </div>
  );
}
