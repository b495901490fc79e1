// Calibration from labels: the fitted Platt scaling P = σ(a·w + b) of the match weight, and per band
// of model probability the model's mean probability against the labelled share of true pairs and
// the calibrated probability (bars for the first two, every number in the table).
import type { MethodOutput } from '../../../engine/api/methods.js';
import { PairedBars } from '../../components/charts/PairedBars.js';
import { FiguresTable } from '../../components/FiguresTable.js';
import { fmtFixed, fmtInt, fmtMinus, fmtShare } from '../../components/format.js';

type Calibration = NonNullable<MethodOutput<'resolve.evaluate'>['calibration']>;

const pct = (v: number) => fmtShare(v, 1);
const band = (b: { from: number; to: number }) => `${fmtMinus(b.from, 1)}–${fmtMinus(b.to, 1)}`;

export function CalibrationView({ calibration: c }: { calibration: Calibration }) {
  return (
    <div className="card resolve-calibration" role="group" aria-label="Calibration">
      <h3>Calibration from the labels</h3>
      <p className="hint" data-testid="calibration-fit">
        Fitted on {fmtInt(c.pairs)} labelled scored pairs: calibrated probability = σ({fmtMinus(c.a, 3)} × weight {c.b >= 0 ? '+' : '−'} {fmtFixed(Math.abs(c.b), 3)}).
      </p>
      <PairedBars title="Model probability and labelled share of true pairs, by band" names={['model probability', 'labelled share true']} rows={c.bins.map((b) => ({ label: band(b), first: b.model, second: b.observed }))} />
      <FiguresTable
        label="Calibration by band"
        rows={c.bins}
        rowKey={(b) => b.from}
        columns={[
          { label: 'Model probability', format: band },
          { label: 'Pairs', align: 'right', format: (b) => fmtInt(b.pairs) },
          { label: 'Model', align: 'right', format: (b) => pct(b.model) },
          { label: 'Labelled true', align: 'right', format: (b) => pct(b.observed) },
          { label: 'Calibrated', align: 'right', format: (b) => pct(b.calibrated) },
        ]}
      />
    </div>
  );
}
