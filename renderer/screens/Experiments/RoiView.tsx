// ROI and payback: the analyst's costs and benefits, the revenue and savings effects taken from the
// experiment's results with their 95% intervals, and each figure beside its formula in words. The
// range runs from the conservative scenario (lower bound of each effect) to the optimistic one.
// The export writes the self-contained HTML report with these inputs.
import { useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { useAppStatus, useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { joinPath } from '../../components/paths.js';
import { ResultsProgress } from './ResultsView.js';
import { useComputedResults } from './useComputedResults.js';
import { fmtBytes, fmtDecimal, fmtMinus, fmtMoney } from '../../components/format.js';

type Results = MethodOutput<'experiments.results'>;
type Roi = MethodOutput<'experiments.roi'>;
type Key = keyof Roi['formulas'];

export const years = (v: number | null) => (v === null ? 'never' : `${fmtDecimal(v, 3)} years`);
const money = (v: number | null) => fmtMoney(v);

/** The effect behind revenue (conversion lift) and behind savings (churn reduction, as a positive number). */
function effectsOf(r: Results | null) {
  const cmp = (id: string) => r?.metrics.find((m) => m.metric === id || (id === 'churn' && m.metric.startsWith('churn_')))?.analysis.comparisons[0]?.comparison;
  const conv = cmp('conversion'), churn = cmp('churn');
  return {
    revenueEffect: conv && conv.absolute !== 0 ? { estimate: conv.absolute, lower: conv.absoluteCi.lower, upper: conv.absoluteCi.upper } : undefined,
    savingsEffect: churn && churn.absolute !== 0 ? { estimate: -churn.absolute, lower: -churn.absoluteCi.upper, upper: -churn.absoluteCi.lower } : undefined,
  };
}

const ROWS: [Key, string, (v: number | null) => string][] = [
  ['simplePaybackYears', 'Simple payback', years],
  ['netPaybackYears', 'Payback net of run cost', years],
  ['npv', 'NPV', money],
  ['netBenefitPerYear', 'Net benefit per year', money],
];

export function RoiView({ id, name }: { id: number; name: string }) {
  const client = useEngine();
  const root = useAppStatus()?.roots[0] ?? '';
  const results = useComputedResults(id); // the effects, from the results job (engine not blocked)
  const [f, setF] = useState({ implementationCost: '850000', runCostPerYear: '280000', revenuePerYear: '520000', savingsPerYear: '160000', horizonYears: '3', discountRate: '0.08' });
  const n = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.trim() === '' ? NaN : Number(v)])) as Record<keyof typeof f, number>;
  const valid = Object.values(n).every((v) => Number.isFinite(v) && v >= 0) && Number.isInteger(n.horizonYears) && n.horizonYears >= 1 && n.discountRate <= 1;
  const input = valid ? { ...n, ...effectsOf(results.data) } : null;
  const roi = useEngineQuery('experiments.roi', input);
  const field = (k: keyof typeof f, label: string) => (
    <div className="field" key={k}>
      <label htmlFor={`roi-${k}`}>{label}</label>
      <input id={`roi-${k}`} inputMode="decimal" value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </div>
  );
  const e = input ? effectsOf(results.data) : null;
  return (
    <div className="stack" data-testid="roi-page">
      <section className="card form" aria-labelledby="roi-inputs">
        <h3 id="roi-inputs">Costs and benefits</h3>
        <div className="form-row">
          {field('implementationCost', 'Implementation cost ($)')}
          {field('runCostPerYear', 'Run cost per year ($)')}
          {field('revenuePerYear', 'Incremental revenue per year ($)')}
          {field('savingsPerYear', 'Savings per year ($)')}
          {field('horizonYears', 'Horizon (years)')}
          {field('discountRate', 'Discount rate')}
        </div>
        <p className="hint small">
          Revenue moves with the conversion effect{e?.revenueEffect ? ` (${fmtMinus(e.revenueEffect.estimate * 100, 2)} pts, 95% CI ${fmtMinus(e.revenueEffect.lower * 100, 2)} to ${fmtMinus(e.revenueEffect.upper * 100, 2)})` : ' (none measured: no range)'}; savings with the churn reduction{e?.savingsEffect ? ` (${fmtMinus(e.savingsEffect.estimate * 100, 2)} pts, 95% CI ${fmtMinus(e.savingsEffect.lower * 100, 2)} to ${fmtMinus(e.savingsEffect.upper * 100, 2)})` : ' (none measured: no range)'}. Each bound scales its benefit by bound ÷ estimate.
        </p>
        {!valid && <p className="form-error" role="alert">Give amounts ≥ 0, a whole number of years ≥ 1 and a discount rate from 0 to 1.</p>}
      </section>
      {!results.ready && !results.error && <ResultsProgress run={results} />}
      <ErrorNotice error={roi.error ?? results.error} />
      {valid && roi.data && (
        <section className="card" aria-labelledby="roi-figures">
          <h3 id="roi-figures">Payback and value</h3>
          <div className="table-scroll">
          <table className="table" aria-label="ROI figures">
            <thead><tr><th>Figure</th><th className="num">At the estimate</th><th>Range (conservative to optimistic)</th><th>Formula</th></tr></thead>
            <tbody>
              {ROWS.map(([k, label, fmt]) => (
                <tr key={k}>
                  <td>{label}</td>
                  <td className="num" data-testid={`roi-${k}`}><strong>{fmt(roi.data!.estimate[k])}</strong></td>
                  <td data-testid={`roi-${k}-range`}>{fmt(roi.data!.conservative[k])} to {fmt(roi.data!.optimistic[k])}</td>
                  <td data-testid={`roi-${k}-formula`} style={{ whiteSpace: 'normal' }}>{roi.data!.formulas[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <p className="hint small" data-testid="roi-conservative">
            Conservative scenario (both effects at the lower bound of their 95% interval): simple payback {years(roi.data.conservative.simplePaybackYears)}, net of run cost {years(roi.data.conservative.netPaybackYears)}, NPV {money(roi.data.conservative.npv)}.
          </p>
        </section>
      )}
      <section className="card" aria-labelledby="report-title">
        <h3 id="report-title">Report for finance</h3>
        <p className="hint">One HTML file with the same charts, no scripts and no external requests: it opens anywhere, offline.</p>
        <ExportToPath
          id="experiment-report-path"
          label="Report path"
          buttonLabel="Export report"
          defaultPath={root ? joinPath(root, `aerie-experiment-${id}.html`) : ''}
          write={(path, overwrite) => client.call('experiments.report', { id, path, overwrite, ...(input ? { roi: input } : {}) })}
          describe={(done) => <>Wrote the report on {name} ({fmtBytes(done.bytes)}) to <code data-testid="report-written">{done.path}</code></>}
        />
      </section>
    </div>
  );
}
