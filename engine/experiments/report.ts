// The experiment report a CFO can open: one self-contained HTML page (CSP default-src 'none', no
// scripts, no external requests, charts as inline SVG) with the SRM check first, each metric's
// effect with its CI, the sequential boundary (group sequential or mSPRT, named), guardrails, and the ROI with each
// formula in words. It holds aggregates only, never a customer row; every text is HTML-escaped.
import type { SequentialView } from './group-sequential.js';
import type { ExperimentResults, MetricResult } from './results.js';
import type { RoiInput, roi } from './roi.js';

const esc = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const num = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const money = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
const years = (x: number | null) => (x === null ? 'never' : `${x.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')} years`);

interface Summary { id: number; name: string; hypothesis: string; unit: string; status: string; startsOn: string | null; endsOn: string | null; arms: { name: string; share: number }[]; assigned: Record<string, number> }

/** Horizontal effect-with-CI chart: one row per comparison, zero line, point and 95% interval. */
export function effectSvg(rows: { label: string; estimate: number; lower: number; upper: number }[], format: (x: number) => string): string {
  const W = 560, rowH = 28, left = 170, right = 20, H = rowH * rows.length + 30;
  const lo = Math.min(0, ...rows.map((r) => r.lower)), hi = Math.max(0, ...rows.map((r) => r.upper));
  const pad = (hi - lo || 1) * 0.08;
  const x = (v: number) => left + ((v - (lo - pad)) / (hi - lo + 2 * pad)) * (W - left - right);
  const body = rows.map((r, i) => {
    const y = 20 + i * rowH;
    return `<text x="4" y="${y + 4}" font-size="12">${esc(r.label)}</text><line x1="${x(r.lower).toFixed(1)}" x2="${x(r.upper).toFixed(1)}" y1="${y}" y2="${y}" stroke="#1f5fa8" stroke-width="3"/><circle cx="${x(r.estimate).toFixed(1)}" cy="${y}" r="5" fill="#1f5fa8"/><text x="${x(r.upper).toFixed(1)}" y="${y - 7}" font-size="10" text-anchor="end">${esc(format(r.estimate))} [${esc(format(r.lower))}, ${esc(format(r.upper))}]</text>`;
  });
  return `<svg width="${W}" height="${H}" role="img" aria-label="effect with 95% confidence interval"><line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="6" y2="${H - 14}" stroke="#888" stroke-dasharray="4 3"/><text x="${x(0).toFixed(1)}" y="${H - 2}" font-size="10" text-anchor="middle">0 (no effect)</text>${body.join('')}</svg>`;
}

/** The sequential view: the observed difference at each look inside its always-valid confidence sequence. */
export function sequentialSvg(steps: { look: number; difference: number; lower: number; upper: number; rejected: boolean }[]): string {
  const W = 560, H = 200, l = 50, r = 10, t = 10, b = 30;
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  const vals = steps.flatMap((s) => [finite(s.lower), finite(s.upper), s.difference, 0]);
  const lo = Math.min(...vals), hi = Math.max(...vals);
  const x = (i: number) => l + (steps.length < 2 ? 0.5 : i / (steps.length - 1)) * (W - l - r);
  const y = (v: number) => t + (1 - (v - lo) / (hi - lo || 1)) * (H - t - b);
  const path = (f: (s: (typeof steps)[number]) => number) => steps.map((s, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(finite(f(s))).toFixed(1)}`).join(' ');
  const first = steps.findIndex((s) => s.rejected);
  return `<svg width="${W}" height="${H}" role="img" aria-label="always-valid confidence sequence by look"><line x1="${l}" x2="${W - r}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#888" stroke-dasharray="4 3"/><path d="${path((s) => s.upper)}" fill="none" stroke="#c77" stroke-width="1.5"/><path d="${path((s) => s.lower)}" fill="none" stroke="#c77" stroke-width="1.5"/><path d="${path((s) => s.difference)}" fill="none" stroke="#1f5fa8" stroke-width="2"/>${first >= 0 ? `<circle cx="${x(first).toFixed(1)}" cy="${y(steps[first]!.difference).toFixed(1)}" r="5" fill="#2a7"/>` : ''}<text x="${l}" y="${H - 8}" font-size="10">look 1</text><text x="${W - r}" y="${H - 8}" font-size="10" text-anchor="end">look ${steps.length}</text><text x="4" y="${(y(hi) + 10).toFixed(1)}" font-size="10">${esc(num(hi, 3))}</text><text x="4" y="${y(lo).toFixed(1)}" font-size="10">${esc(num(lo, 3))}</text></svg>`;
}

/** Group sequential: the observed z at each look between ±its boundary (looks with no α to spend have none). */
export function boundarySvg(steps: { look: number; z: number; boundary: number | null; rejected: boolean }[]): string {
  const W = 560, H = 200, l = 50, r = 10, t = 10, b = 30;
  const shown = steps.map((s) => (s.boundary === null ? null : Math.min(s.boundary, 8))); // very early OBF boundaries (> 8) are clipped so later looks stay readable
  const hi = Math.max(2, ...steps.map((s) => Math.abs(s.z)), ...shown.map((c) => c ?? 0)) * 1.05, lo = -hi;
  const x = (i: number) => l + (steps.length < 2 ? 0.5 : i / (steps.length - 1)) * (W - l - r);
  const y = (v: number) => t + (1 - (v - lo) / (hi - lo)) * (H - t - b);
  const path = (sign: number) => shown.map((c, i) => (c === null ? '' : `${i && shown[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(sign * c).toFixed(1)}`)).join(' ');
  const zs = steps.map((s, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(s.z).toFixed(1)}`).join(' ');
  const first = steps.findIndex((s) => s.rejected);
  return `<svg width="${W}" height="${H}" role="img" aria-label="observed z against the group-sequential boundary by look"><line x1="${l}" x2="${W - r}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#888" stroke-dasharray="4 3"/><path d="${path(1)}" fill="none" stroke="#c77" stroke-width="1.5"/><path d="${path(-1)}" fill="none" stroke="#c77" stroke-width="1.5"/><path d="${zs}" fill="none" stroke="#1f5fa8" stroke-width="2"/>${first >= 0 ? `<circle cx="${x(first).toFixed(1)}" cy="${y(steps[first]!.z).toFixed(1)}" r="5" fill="#2a7"/>` : ''}<text x="${l}" y="${H - 8}" font-size="10">look 1</text><text x="${W - r}" y="${H - 8}" font-size="10" text-anchor="end">look ${steps.length}</text><text x="4" y="${(y(hi) + 10).toFixed(1)}" font-size="10">z ${esc(num(hi, 1))}</text><text x="4" y="${y(lo).toFixed(1)}" font-size="10">z ${esc(num(lo, 1))}</text></svg>`;
}

function sequentialSection(arm: string, v: SequentialView, fmt: (x: number) => string): string {
  const crossed = v.steps.some((s) => s.rejected) ? 'the boundary was crossed (green dot: first look that crossed)' : 'the boundary was not crossed';
  if (v.design === 'msprt') return `<h4>Sequential view, ${esc(arm)}: ${esc(v.method)}</h4>${sequentialSvg(v.steps)}<p>Always-valid p-value at the last look: ${esc(num(v.steps.at(-1)!.alwaysValidP))}; ${crossed}.</p>`;
  const last = v.steps.at(-1)!;
  return `<h4>Sequential view, ${esc(arm)}: ${esc(v.method)}</h4>${boundarySvg(v.steps)}<p>Last look: z = ${esc(num(last.z, 2))} against ±${last.boundary === null ? '–' : esc(num(last.boundary, 3))}; α spent ${esc(num(last.spent))} of ${esc(String(v.alpha))}; repeated ${esc(pct(1 - v.alpha).replace('.00', ''))} confidence interval ${esc(fmt(last.lower))} to ${esc(fmt(last.upper))}; ${crossed}.</p>`;
}

function metricSection(m: MetricResult): string {
  const fmt = m.type === 'rate' ? pct : (v: number) => num(v, 2);
  const a = m.analysis;
  const armRows = a.arms.map((x) => `<tr><td>${esc(x.arm)}</td><td>${x.n}</td><td>${esc(fmt(x.value))}</td></tr>`).join('');
  const cmp = a.comparisons.map((c) => {
    const h = c.cuped?.comparison ?? c.comparison;
    return `<tr><td>${esc(c.arm)} vs ${esc(a.control)}</td><td>${esc(fmt(c.comparison.absolute))}</td><td>${esc(fmt(c.comparison.absoluteCi.lower))} to ${esc(fmt(c.comparison.absoluteCi.upper))}</td><td>${c.comparison.relative === null ? '–' : esc(pct(c.comparison.relative))}</td><td>${esc(num(c.comparison.pValue))}</td><td>${c.cuped ? `${esc(fmt(h.absoluteCi.lower))} to ${esc(fmt(h.absoluteCi.upper))} (p ${esc(num(h.pValue))})` : '–'}</td><td>${esc(num(c.holmP))}</td><td>${c.bayes ? `${esc(pct(c.bayes.probTreatmentBeats))}` : '–'}</td></tr>`;
  }).join('');
  const chart = effectSvg(a.comparisons.flatMap((c) => [
    { label: `${c.arm} − ${a.control}`, estimate: c.comparison.absolute, lower: c.comparison.absoluteCi.lower, upper: c.comparison.absoluteCi.upper },
    ...(c.cuped ? [{ label: `${c.arm} (CUPED)`, estimate: c.cuped.comparison.absolute, lower: c.cuped.comparison.absoluteCi.lower, upper: c.cuped.comparison.absoluteCi.upper }] : []),
  ]), fmt);
  const seq = a.comparisons.filter((c) => c.sequential).map((c) => sequentialSection(c.arm, c.sequential!, fmt)).join('');
  return `<section><h3>${esc(m.role === 'primary' ? 'Primary' : 'Guardrail')}: ${esc(m.label)} <small>(${esc(m.metric)}; ${m.better} is better)</small></h3>
<p>Population: ${esc(m.population)}.${m.window ? ` Window ${esc(m.window.from)} to ${esc(m.window.to)}.` : ''}${m.covariate ? ` CUPED covariate: ${esc(m.covariate)}.` : ''}</p>
<table><thead><tr><th>arm</th><th>units</th><th>${m.type === 'rate' ? 'rate' : 'mean'}</th></tr></thead><tbody>${armRows}</tbody></table>
<table><thead><tr><th>comparison</th><th>difference</th><th>95% CI</th><th>relative</th><th>p-value</th><th>CUPED 95% CI</th><th>Holm p (on the CUPED p where shown)</th><th>P(treatment better)</th></tr></thead><tbody>${cmp}</tbody></table>
${chart}${seq}</section>`;
}

export function experimentReportHtml(e: Summary, r: ExperimentResults, money_: ReturnType<typeof roi> | null, roiIn: RoiInput | null): string {
  const srm = r.srm;
  const srmBanner = srm.mismatch
    ? `<p class="bad"><strong>Sample-ratio mismatch</strong> (chi-square p = ${esc(num(srm.pValue, 6))} &lt; ${srm.threshold}): the arms are not the sizes the design planned. Find the cause before reading any effect below.</p>`
    : `<p class="ok">Sample ratio as planned (chi-square p = ${esc(num(srm.pValue, 4))}; a mismatch is flagged below ${srm.threshold}).</p>`;
  let roiSection = '';
  if (money_ && roiIn) {
    const row = (name: string, key: 'simplePaybackYears' | 'netPaybackYears' | 'npv' | 'netBenefitPerYear', f: (v: number | null) => string) =>
      `<tr><td>${esc(name)}</td><td><strong>${esc(f(money_.estimate[key]))}</strong></td><td>${esc(f(money_.conservative[key]))} to ${esc(f(money_.optimistic[key]))}</td><td>${esc(money_.formulas[key])}</td></tr>`;
    roiSection = `<h2>Return on investment</h2>
<p>Implementation ${esc(money(roiIn.implementationCost))}; run cost ${esc(money(roiIn.runCostPerYear))} a year; incremental revenue ${esc(money(roiIn.revenuePerYear))} a year; savings ${esc(money(roiIn.savingsPerYear))} a year; horizon ${roiIn.horizonYears} years; discount rate ${esc(pct(roiIn.discountRate))}.</p>
<table><thead><tr><th>figure</th><th>at the estimate</th><th>range (conservative to optimistic)</th><th>formula</th></tr></thead><tbody>
${row('Simple payback', 'simplePaybackYears', (v) => years(v))}${row('Payback net of run cost', 'netPaybackYears', (v) => years(v))}${row('NPV', 'npv', (v) => money(v ?? 0))}${row('Net benefit per year', 'netBenefitPerYear', (v) => money(v ?? 0))}
</tbody></table>
<p>The conservative scenario takes the lower bound of each effect's 95% interval; the optimistic one the upper bound.</p>`;
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Experiment report: ${esc(e.name)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:62em}table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.bad{background:#fde2e2;padding:.6em;border:1px solid #c33}.ok{background:#e6f4ea;padding:.6em;border:1px solid #3a7}svg{display:block;margin:.5em 0}</style>
</head><body>
<h1>${esc(e.name)} <small>(${esc(e.status)})</small></h1>
<p>${esc(e.hypothesis || 'No hypothesis recorded.')}</p>
<p>Unit: ${esc(e.unit)}; ${e.startsOn ? `from ${esc(e.startsOn)} to ${esc(e.endsOn ?? '…')}` : 'no dates'}; outcomes from ${r.source === 'events' ? 'the event store' : 'an outcome file'}.</p>
<h2>Sample ratio</h2>
${srmBanner}
<table><thead><tr><th>arm</th><th>planned share</th><th>assigned</th></tr></thead><tbody>${srm.arms.map((a) => `<tr><td>${esc(a.arm)}</td><td>${esc(pct(a.planned))}</td><td>${a.assigned}</td></tr>`).join('')}</tbody></table>
<h2>Results</h2>
${r.metrics.map(metricSection).join('\n')}
<p>Multiple comparisons: Holm across every metric and arm shown. Bayesian view: ${esc(r.bayesMethod)}. Sequential method: ${esc(r.sequentialMethod)}.</p>
${roiSection}
</body></html>
`;
}
