// Sample size before the test starts, live as the inputs change (experiments.power).
import { useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtInt, fmtPercent } from '../../components/format.js';

const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

export function PowerCalculator({ allocation }: { allocation: number }) {
  const [baseline, setBaseline] = useState('0.078');
  const [mde, setMde] = useState('0.019');
  const [alpha, setAlpha] = useState('0.05');
  const [power, setPower] = useState('0.8');
  const p = { baseline: num(baseline), mde: num(mde), alpha: num(alpha), power: num(power), allocation };
  const valid = Object.values(p).every(Number.isFinite) && p.mde !== 0 && p.alpha > 0 && p.alpha < 1 && p.power > 0 && p.power < 1 && allocation > 0 && allocation < 1;
  const q = useEngineQuery('experiments.power', valid ? { metric: 'rate', ...p } : null);
  const field = (id: string, label: string, value: string, set: (v: string) => void, hint: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="decimal" value={value} onChange={(e) => set(e.target.value)} aria-describedby={`${id}-hint`} />
      <span className="hint small" id={`${id}-hint`}>{hint}</span>
    </div>
  );
  return (
    <section className="card" aria-labelledby="power-title">
      <h3 id="power-title">Power calculator</h3>
      <div className="form-row">
        {field('power-baseline', 'Base rate', baseline, setBaseline, 'control rate, e.g. 0.078')}
        {field('power-mde', 'Minimum detectable effect', mde, setMde, 'absolute, e.g. 0.019 = 1.9 points')}
        {field('power-alpha', 'Alpha', alpha, setAlpha, 'two-sided')}
        {field('power-power', 'Power', power, setPower, 'e.g. 0.8')}
      </div>
      <p className="hint">Allocation to treatment: {fmtPercent(allocation, 0)} (from the arm shares).</p>
      {!valid && <p className="form-error" role="alert">Give numbers: base rate and base rate + effect between 0 and 1, alpha and power between 0 and 1, an effect other than 0.</p>}
      <ErrorNotice error={q.error} />
      {valid && q.data && (
        <p role="status" data-testid="power-result">
          Needs <strong data-testid="power-total">{fmtInt(q.data.total)}</strong> units: {fmtInt(q.data.control)} control, {fmtInt(q.data.treatment)} treatment (power {fmtPercent(q.data.achievedPower, 1)}). <span className="hint small">{q.data.method}</span>
        </p>
      )}
    </section>
  );
}
