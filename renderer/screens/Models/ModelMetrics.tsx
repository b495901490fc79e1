// A churn model's held-out figures: headline numbers beside the logistic baseline, ROC and PR
// curves, calibration with the Brier score, the lift table with cohort actions, and importance.
import type { ChurnModelDetail } from '../../../engine/api/churn.js';
import { BarList } from '../../components/charts/BarList.js';
import { CurveChart } from '../../components/charts/CurveChart.js';
import { ReliabilityChart } from '../../components/charts/ReliabilityChart.js';
import { Figure } from '../../components/Figure.js';
import { fmtFixed, fmtInt, fmtShare } from '../../components/format.js';
import { LiftView } from './LiftView.js';

// three charts side by side in the screen's width beside the jobs panel
const W = 272;
const H = 250;

export function ModelMetrics({ detail }: { detail: ChurnModelDetail }) {
  const m = detail.metrics;
  const rate = m.evaluatedOn > 0 ? m.positives / m.evaluatedOn : 0;
  const shap = m.importance.some((f) => f.meanAbsShap !== null);
  const importance = m.importance
    .map((f) => ({ label: f.feature, value: Math.round((shap ? (f.meanAbsShap ?? 0) : f.gain) * 1000) / 1000 }))
    .sort((a, b) => b.value - a.value)
    .slice(0, 20);
  return (
    <section className="stack" aria-label="Metrics">
      <div className="cards">
        {/* the interval shows when a small held-out set cannot tell the model from chance */}
        <Figure label="AUC" value={fmtFixed(m.auc, 3)} note={`${m.aucInterval ? `95% CI ${fmtFixed(m.aucInterval[0], 2)}–${fmtFixed(m.aucInterval[1], 2)} · ` : ''}logistic baseline ${fmtFixed(m.baseline.auc, 3)}`} />
        <Figure label="PR AUC" value={fmtFixed(m.prAuc, 3)} note={`baseline ${fmtFixed(m.baseline.prAuc, 3)}`} />
        <Figure label="Brier score" value={fmtFixed(m.brier, 4)} note={`baseline ${fmtFixed(m.baseline.brier, 4)}`} />
        <Figure label="Held-out customers" value={fmtInt(m.evaluatedOn)} note={`${fmtInt(m.positives)} churned (${fmtShare(rate)})`} />
        <Figure label="Calibration" value={detail.calibration} />
      </div>
      <div className="models-charts">
        <CurveChart
          title="ROC curve"
          testId="chart-roc"
          points={m.roc.map((p) => ({ x: p.fpr, y: p.tpr }))}
          xLabel="False positive rate"
          yLabel="True positive rate"
          figure={`AUC ${fmtFixed(m.auc, 3)}`}
          width={W}
          height={H}
          reference="diagonal"
          referenceLabel="Chance"
        />
        <CurveChart
          title="Precision–recall curve"
          testId="chart-pr"
          points={m.pr.map((p) => ({ x: p.recall, y: p.precision }))}
          xLabel="Recall"
          yLabel="Precision"
          figure={`PR AUC ${fmtFixed(m.prAuc, 3)}`}
          width={W}
          height={H}
          reference={rate}
          referenceLabel={`Churn rate ${fmtShare(rate)}`}
        />
        <ReliabilityChart title="Calibration" testId="chart-calibration" bins={m.reliability} figure={`Brier ${fmtFixed(m.brier, 4)}`} width={W} height={H} />
      </div>
      <h3>Score bands and actions</h3>
      <LiftView lift={m.lift} />
      <h3>Feature importance</h3>
      <BarList title={shap ? 'Mean |contribution| (log-odds, TreeSHAP)' : 'Total split gain'} items={importance} width={560} mono />
    </section>
  );
}
