// The model card: one self-contained HTML page (no scripts, no external resources) describing a
// churn.model registry entry: who trained it, on what window and unit, the parameters, held-out
// metrics, reliability, the decile / lift table and the features that matter. It holds no customer
// rows; every text is HTML-escaped.

import type { ChurnFeatureGroup } from '../api/churn.js';
import type { ModelEntry } from '../models/registry.js';
import { groupLabel } from './feature-defs.js';
import type { ChurnMetrics } from './model-record.js';

const esc = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (v: unknown, d = 4) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(d)) : esc(JSON.stringify(v)));

function table(head: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${typeof c === 'number' ? fmt(c) : esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function modelCardHtml(e: ModelEntry): string {
  const m = e.metrics as unknown as ChurnMetrics;
  const s = e.schema as { unit?: string; label?: unknown; features?: string[]; groups?: ChurnFeatureGroup[] };
  const aucCi = (e.metrics as { aucInterval?: [number, number] | null }).aucInterval ?? null;
  const params = Object.entries(e.params).map(([k, v]) => [k, typeof v === 'number' ? v : JSON.stringify(v)]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Model card: ${esc(e.kind)} v${e.version}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}</style>
</head><body>
<h1>${esc(e.kind)} version ${e.version} <small>(${esc(e.status)})</small></h1>
${table(['', ''], [
  ['trained by', e.createdBy ?? 'unknown'],
  ['trained at', e.createdAt],
  ['one row is', s.unit ?? 'unknown'],
  ['label', JSON.stringify(s.label ?? null)],
  ['data window', e.dataWindow ? `${e.dataWindow.from ?? '…'} to ${e.dataWindow.to ?? '…'}, ${e.dataWindow.rows} rows` : 'unknown'],
  ['features', (s.features ?? []).length],
  ...(s.groups ? [['feature groups', s.groups.map(groupLabel).join(', ')]] : []),
])}
<h2>Held-out metrics</h2>
${table(['metric', 'value'], [['rows evaluated', m.evaluatedOn], ['ROC AUC', m.auc], ...(aucCi ? [['ROC AUC 95% interval', `${aucCi[0].toFixed(3)}–${aucCi[1].toFixed(3)}`]] : []), ['PR AUC (average precision)', m.prAuc], ['Brier score', m.brier]])}
<h2>Deciles by score (1 = highest risk)</h2>
${table(['decile', 'customers', 'churned', 'rate', 'lift', 'cumulative capture', 'scores'], (m.lift ?? []).map((r) => [r.decile, r.count, r.positives, r.rate, r.lift, r.cumulativeCapture, `${r.minScore.toFixed(3)}–${r.maxScore.toFixed(3)}`]))}
<h2>Reliability</h2>
${table(['predicted', 'customers', 'mean predicted', 'observed rate'], (m.reliability ?? []).map((r) => [`${r.lo.toFixed(1)}–${r.hi.toFixed(1)}`, r.count, r.meanPredicted, r.observedRate]))}
<h2>Features that matter</h2>
${table(['feature', 'share of gain', 'splits', 'mean |SHAP|'], (m.importance ?? []).map((r) => [r.feature, r.gain, r.splits, r.meanAbsShap ?? '']))}
<h2>Parameters</h2>
${table(['parameter', 'value'], params)}
</body></html>
`;
}
