// The outcome metrics an experiment can name, and what each means over the event store:
//   conversion   — the unit placed at least one order in the experiment window (rate, higher is better)
//   revenue      — the sum of its order amounts in the window (mean per unit, higher is better)
//   churn_<N>d   — among units active in the N days before the start, no activity in the N days
//                  from the start (rate, lower is better). Truth-free: read from events only.
export type MetricKind = 'conversion' | 'revenue' | 'churn';

export interface MetricDef {
  id: string;
  kind: MetricKind;
  /** Days after the start that churn is read over (churn only). */
  horizonDays: number | null;
  type: 'rate' | 'mean';
  better: 'higher' | 'lower';
  label: string;
}

export const METRIC_PATTERN = /^(conversion|revenue|churn_([1-9]\d{0,2})d)$/;

export function parseMetric(id: string): MetricDef {
  const m = METRIC_PATTERN.exec(id);
  if (!m) throw new RangeError(`unknown metric ${JSON.stringify(id)}: use conversion, revenue or churn_<days>d (e.g. churn_90d).`);
  if (m[1] === 'conversion') return { id, kind: 'conversion', horizonDays: null, type: 'rate', better: 'higher', label: 'Conversion (≥ 1 order in the window)' };
  if (m[1] === 'revenue') return { id, kind: 'revenue', horizonDays: null, type: 'mean', better: 'higher', label: 'Revenue per customer in the window' };
  const h = Number(m[2]);
  return { id, kind: 'churn', horizonDays: h, type: 'rate', better: 'lower', label: `Churn within ${h} days (no activity after the start)` };
}

/** Event types the company sends, not the customer's doing: they do not count as activity. */
export const NOT_ACTIVITY: ReadonlySet<string> = new Set(['email.sent', 'email.bounce']);

/** The unit id of a source account: source name and source key. */
export const sourceUnit = (source: string, key: string): string => `${source}:${key}`;
