// The decile / lift table of a model's held-out rows, and what to do with each score band: the
// engine names an action per decile (top tenth → call, next → email offer, the rest → no action).
import type { ChurnModelDetail } from '../../../engine/api/churn.js';
import { BarList } from '../../components/charts/BarList.js';
import { FiguresTable } from '../../components/FiguresTable.js';
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
      <FiguresTable
        label="Lift by decile"
        scroll
        rows={lift}
        rowKey={(r) => r.decile}
        rowProps={(r) => ({ data: { decile: r.decile } })}
        columns={[
          { label: 'Decile', rowHeader: true, format: (r) => (r.decile === 1 ? '1 (riskiest)' : r.decile) },
          { label: 'Scores', align: 'right', format: (r) => `${fmtFixed(r.minScore, 3)}–${fmtFixed(r.maxScore, 3)}` },
          { label: 'Customers', align: 'right', format: (r) => fmtInt(r.count) },
          { label: 'Churned', align: 'right', format: (r) => fmtInt(r.positives) },
          { label: 'Rate', align: 'right', format: (r) => fmtShare(r.rate) },
          { label: 'Lift', align: 'right', format: (r) => (r.lift === null ? '–' : fmtFixed(r.lift, 2)), testId: (r) => `lift-${r.decile}` },
          { label: 'Cumulative capture', align: 'right', format: (r) => (r.cumulativeCapture === null ? '–' : fmtShare(r.cumulativeCapture)) },
          {
            label: 'Cohort action',
            cellClass: () => 'wrap',
            format: (r) => <span className={`models-action models-action-${tone(actionOf(r))}`}>{actionOf(r)}</span>,
          },
        ]}
      />
      <BarList title="Lift by decile (1 = no better than chance)" items={lift.map((r) => ({ label: `Decile ${r.decile}`, value: round(r.lift ?? 0) }))} width={380} />
    </div>
  );
}
