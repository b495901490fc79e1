// Results of one experiment: the sample-ratio check first (a mismatch warns before any effect),
// then per metric the arms, the effect with its 95% CI (and CUPED's), the Bayesian view, and the
// sequential boundary (group sequential by default, or mSPRT; named), guardrails after the primary metric.
// The outcomes are computed by the experiments.computeResults job (progress, cancel; the engine stays
// responsive), then read from what it kept with experiments.results.
import type { MethodOutput } from '../../../engine/api/methods.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtDecimal, fmtFixed, fmtInt, fmtSci, fmtSig } from '../../components/format.js';
import { useComputedResults } from './useComputedResults.js';
import { BoundaryChart, dec, EffectChart, pct, pts, SequentialChart } from './charts.js';

type Results = MethodOutput<'experiments.results'>;
type MetricResult = Results['metrics'][number];

function MetricCard({ m }: { m: MetricResult }) {
  const a = m.analysis;
  const fmt = m.type === 'rate' ? pts : (x: number) => dec(x);
  const val = m.type === 'rate' ? (x: number) => pct(x) : (x: number) => dec(x);
  const rows = a.comparisons.flatMap((c) => [
    { label: `${c.arm} − ${a.control}`, estimate: c.comparison.absolute, lower: c.comparison.absoluteCi.lower, upper: c.comparison.absoluteCi.upper },
    ...(c.cuped ? [{ label: `${c.arm} (CUPED)`, estimate: c.cuped.comparison.absolute, lower: c.cuped.comparison.absoluteCi.lower, upper: c.cuped.comparison.absoluteCi.upper }] : []),
  ]);
  return (
    <section className="card" aria-label={`${m.role === 'primary' ? 'Primary' : 'Guardrail'}: ${m.label}`} data-testid={`metric-${m.metric}`}>
      <h3>{m.role === 'primary' ? 'Primary' : 'Guardrail'}: {m.label} <span className="hint small">({m.better} is better)</span></h3>
      <p className="hint small">Population: {m.population}.{m.window ? ` Window ${m.window.from} to ${m.window.to}.` : ''}{m.covariate ? ` CUPED covariate: ${m.covariate}.` : ''}</p>
      <table className="table table-compact" aria-label={`${m.metric} by arm`}>
        <thead><tr><th>Arm</th><th className="num">Units</th><th className="num">{m.type === 'rate' ? 'Rate' : 'Mean'}</th></tr></thead>
        <tbody>{a.arms.map((x) => <tr key={x.arm}><td>{x.arm}</td><td className="num">{fmtInt(x.n)}</td><td className="num">{val(x.value)}</td></tr>)}</tbody>
      </table>
      <EffectChart rows={rows} format={fmt} title={`Effect on ${m.label} with 95% confidence interval`} />
      <div className="table-scroll">
      <table className="table table-compact" aria-label={`${m.metric} comparisons`}>
        <thead><tr><th>Comparison</th><th className="num">Difference</th><th>95% CI</th><th className="num">p-value</th><th>CUPED difference (95% CI)</th><th className="num">CUPED p</th><th className="num">Holm p</th><th className="num">P(treatment better)</th><th className="num">Expected loss</th></tr></thead>
        <tbody>
          {a.comparisons.map((c) => (
            <tr key={c.arm}>
              <td>{c.arm} vs {a.control}</td>
              <td className="num">{fmt(c.comparison.absolute)}</td>
              <td>{fmt(c.comparison.absoluteCi.lower)} to {fmt(c.comparison.absoluteCi.upper)}</td>
              <td className="num">{fmtSig(c.comparison.pValue, 3)}</td>
              <td>{c.cuped ? `${fmt(c.cuped.comparison.absolute)} (${fmt(c.cuped.comparison.absoluteCi.lower)} to ${fmt(c.cuped.comparison.absoluteCi.upper)})` : '–'}</td>
              <td className="num">{c.cuped ? fmtSig(c.cuped.comparison.pValue, 3) : '–'}</td>
              <td className="num">{fmtSig(c.holmP, 3)}</td>
              <td className="num">{c.bayes ? pct(c.bayes.probTreatmentBeats, 1) : '–'}</td>
              <td className="num">{c.bayes ? fmt(c.bayes.expectedLossTreatment) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {a.comparisons.filter((c) => c.sequential).map((c) => {
        const v = c.sequential!;
        const last = v.steps.at(-1)!;
        return v.design === 'group-sequential' ? (
          <div key={`seq-${c.arm}`}>
            <h4>Sequential boundary ({c.arm}) — {v.method}</h4>
            <BoundaryChart steps={v.steps.map((s) => ({ ...s, z: s.z ?? 0, boundary: s.boundary ?? null, spent: s.spent ?? 0 }))} method={v.method} alpha={v.alpha} format={fmt} />
            <p className="hint small">Looking every week keeps the false-positive rate at α = {fmtDecimal(v.alpha, 4)}: each look spends part of α and the boundary (red) is set so the whole plan spends exactly α. Last look: z = {fmtSig(last.z, 3)} against ±{fmtSig(last.boundary, 3)}; α spent {fmtSig(last.spent, 3)}.</p>
          </div>
        ) : (
          <div key={`seq-${c.arm}`}>
            <h4>Sequential boundary ({c.arm}) — {v.method}</h4>
            <SequentialChart steps={v.steps} method={v.method} format={fmt} />
            <p className="hint small">Peeking every week keeps the false-positive rate at α = {fmtDecimal(v.alpha, 4)}: the interval shown is valid at every look. Always-valid p at the last look: {fmtSig(last.alwaysValidP, 3)}.</p>
          </div>
        );
      })}
    </section>
  );
}

export function SrmBanner({ srm }: { srm: Results['srm'] }) {
  return (
    <div className={`notice ${srm.mismatch ? 'notice-bad' : 'notice-ok'}`} role={srm.mismatch ? 'alert' : 'status'} data-testid="srm-banner" data-mismatch={srm.mismatch}>
      {srm.mismatch
        ? <><strong>Sample-ratio mismatch</strong> (chi-square p = {fmtSci(srm.pValue, 2)} &lt; {fmtDecimal(srm.threshold, 4)}): the arms are not the sizes the design planned. Find the cause before reading any effect below.</>
        : <><strong>Sample ratio as planned</strong> (chi-square p = {fmtFixed(srm.pValue, 3)}).</>}{' '}
      {srm.arms.map((a) => `${a.arm}: ${fmtInt(a.assigned)} (planned ${pct(a.planned, 0)})`).join('; ')}
    </div>
  );
}

/** While the results job runs: its progress, Cancel, and Compute again once stopped. */
export function ResultsProgress({ run }: { run: ReturnType<typeof useComputedResults> }) {
  const { compute } = run;
  const job = compute.job;
  return (
    <div className="stack" data-testid="results-job">
      <div className="form-row">
        <ProgressBar label="Computing results" done={job?.done ?? 0} total={job?.total ?? null} unit={job?.unit ?? ''} />
        {compute.running && <button type="button" className="button button-small" onClick={() => void compute.cancel()}>Cancel</button>}
        {job && !compute.running && <button type="button" className="button button-small" onClick={run.restart}>Compute results</button>}
      </div>
      <p className="hint" role="status" aria-live="polite">
        {job?.state === 'cancelled' ? 'Cancelled: the results were not computed.' : job?.message || 'Reading outcomes from the event store…'}
      </p>
      {job?.error && <p className="form-error" role="alert">{job.error.message}</p>}
    </div>
  );
}

export function ResultsView({ id }: { id: number }) {
  const run = useComputedResults(id);
  if (run.error) return <ErrorNotice error={run.error} title="Results" />;
  if (!run.ready) return <ResultsProgress run={run} />;
  if (!run.data) return <p className="hint" role="status">Reading outcomes from the event store…</p>;
  const r = run.data;
  return (
    <div className="stack" data-testid="experiment-results">
      <SrmBanner srm={r.srm} />
      {r.metrics.map((m) => <MetricCard key={m.metric} m={m} />)}
      <p className="hint small">Holm's correction across the {r.holm.length} comparisons shown, on the CUPED p-value where there is one. Bayesian view: {r.bayesMethod}. Sequential method: {r.sequentialMethod}.</p>
    </div>
  );
}
