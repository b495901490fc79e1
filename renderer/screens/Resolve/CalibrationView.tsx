// Calibration from labels: the fitted Platt scaling P = σ(a·w + b) of the match weight, and per band
// of model probability the model's mean probability against the labelled share of true pairs and
// the calibrated probability (bars for the first two, every number in the table).
import type { MethodOutput } from '../../../engine/api/methods.js';
import { PairedBars } from '../../components/charts/PairedBars.js';
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
      <table className="table table-compact" aria-label="Calibration by band">
        <thead>
          <tr>
            <th scope="col">Model probability</th>
            <th scope="col" className="num">
              Pairs
            </th>
            <th scope="col" className="num">
              Model
            </th>
            <th scope="col" className="num">
              Labelled true
            </th>
            <th scope="col" className="num">
              Calibrated
            </th>
          </tr>
        </thead>
        <tbody>
          {c.bins.map((b) => (
            <tr key={b.from}>
              <td>{band(b)}</td>
              <td className="num">{fmtInt(b.pairs)}</td>
              <td className="num">{pct(b.model)}</td>
              <td className="num">{pct(b.observed)}</td>
              <td className="num">{pct(b.calibrated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
