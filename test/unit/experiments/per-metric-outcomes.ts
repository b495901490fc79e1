// The per-metric outcome scan as it was before the shared scan (HEAD 1e8eb4d, engine/experiments/
// outcomes.ts): one read of the events per metric. Kept only as the reference the shared scan must
// match exactly (results-job.test.ts).
import type { DB } from '../../../engine/db/sqlite.js';
import { NOT_ACTIVITY, type MetricDef } from '../../../engine/experiments/metrics.js';
import { metricWindow, PRE_DAYS, type MetricOutcomes, type UnitOutcome } from '../../../engine/experiments/outcomes.js';
import type { UnitInfo } from '../../../engine/experiments/units.js';

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function perMetricOutcomes(db: DB, units: UnitInfo[], m: MetricDef, startsOn: string, endsOn: string): MetricOutcomes {
  const { from, to } = metricWindow(m, startsOn, endsOn);
  if (to <= from) throw new RangeError(`the experiment ends (${endsOn}) before it starts (${startsOn}).`);
  const len = to - from;
  const preFrom = from - Math.max(len, PRE_DAYS);
  // per account: [post value, pre value, first day] accumulated over the two periods
  interface Acc { post: number; pre: number; recent: number; first: number | null }
  const byAccount = new Map<string, Acc>();
  const key = (sid: number, k: string) => `${sid}\u0000${k}`;
  for (const u of units) for (const a of u.accounts) byAccount.set(key(a.sourceId, a.key), { post: 0, pre: 0, recent: 0, first: null });
  const sql = m.kind === 'churn'
    ? 'SELECT source_id, source_key, type, at, amount FROM events WHERE at >= ? AND at < ?'
    : "SELECT source_id, source_key, type, at, amount FROM events WHERE type = 'order' AND at >= ? AND at < ?";
  for (const [sid, k, type, at, amount] of db.prepare(sql).raw().iterate(isoDay(preFrom), isoDay(to)) as Iterable<[number, string, string, string, number | null]>) {
    if (m.kind === 'churn' && NOT_ACTIVITY.has(type)) continue;
    const acc = byAccount.get(key(sid, k));
    if (!acc) continue;
    const day = dayOf(at) - from;
    const value = m.kind === 'revenue' ? (amount ?? 0) : 1;
    if (day < 0) {
      acc.pre += value;
      if (day >= -len) acc.recent++; // churn: active in the horizon before the start
    }
    else {
      acc.post += value;
      if (acc.first === null || day < acc.first) acc.first = day;
    }
  }
  const rows: UnitOutcome[] = [];
  for (const u of units) {
    let post = 0, pre = 0, recent = 0, first: number | null = null;
    for (const a of u.accounts) {
      const acc = byAccount.get(key(a.sourceId, a.key))!;
      post += acc.post; pre += acc.pre; recent += acc.recent;
      if (acc.first !== null && (first === null || acc.first < first)) first = acc.first;
    }
    if (m.kind === 'conversion') rows.push({ unit: u.unit, outcome: post > 0 ? 1 : 0, pre, firstDay: first });
    else if (m.kind === 'revenue') rows.push({ unit: u.unit, outcome: Math.round(post * 100) / 100, pre: Math.round(pre * 100) / 100, firstDay: first });
    else if (recent > 0) rows.push({ unit: u.unit, outcome: post > 0 ? 0 : 1, pre, firstDay: first }); // eligible: active in the horizon before the start
  }
  const window = { from: isoDay(from), to: isoDay(to - 1) };
  const preDays = from - preFrom;
  if (m.kind === 'churn') {
    return { rows, window, days: len, population: `units with activity in the ${len} days before ${window.from} (others could not churn in the window)`, covariate: `activity events in the ${preDays} days before the start` };
  }
  return { rows, window, days: len, population: 'every assigned unit', covariate: m.kind === 'revenue' ? `revenue in the ${preDays} days before the start` : `orders in the ${preDays} days before the start` };
}
