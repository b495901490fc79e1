// Each unit's outcome on one metric, read from the event store (truth-free): orders for conversion
// and revenue in the experiment window, any customer activity for churn within a horizon. Also
// the pre-period value CUPED adjusts with, and the day of the first qualifying event so the
// sequential view can replay the analyst's weekly looks.
import type { DB } from '../db/sqlite.js';
import { NOT_ACTIVITY, type MetricDef } from './metrics.js';
import type { UnitInfo } from './units.js';

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The pre-period CUPED reads: a year before the start (at least the window's length). A longer
 * history estimates each unit's usual order rate far better than one window would, so it removes
 * more variance; it is still read before assignment could matter, so it cannot bias the effect.
 */
export const PRE_DAYS = 365;

export interface UnitOutcome {
  unit: string;
  outcome: number;
  /** Pre-period value (PRE_DAYS before the start): orders (conversion), revenue, or activity events (churn). */
  pre: number;
  /** Days from the start to the first qualifying event (an order; churn: any activity), null: none. */
  firstDay: number | null;
}

export interface MetricOutcomes {
  rows: UnitOutcome[];
  /** Which units count, in words. */
  population: string;
  /** What CUPED adjusts with, in words. */
  covariate: string;
  window: { from: string; to: string };
  /** Day lengths of the looks the sequential view replays. */
  days: number;
}

/** Window of a metric: [start, end] inclusive for orders; [start, start + horizon) for churn. */
export function metricWindow(m: MetricDef, startsOn: string, endsOn: string): { from: number; to: number } {
  const from = dayOf(startsOn);
  return { from, to: m.kind === 'churn' ? from + m.horizonDays! : dayOf(endsOn) + 1 };
}

/** Days of orders, or event ids (with churn), read per step of the shared scan; a job yields between steps. */
export const SCAN_DAYS = 30;
export const SCAN_IDS = 50_000;

export interface ScanProgress { done: number; total: number }

/**
 * Every metric's outcomes from one scan of the events: the union of their windows (pre-period
 * included) is read once, in steps (no statement stays open across a yield), and each event is
 * counted for every metric whose window and event types it falls in. Same numbers as one scan per
 * metric. Yields after each step how far it has read (days of orders, or event ids with churn).
 */
export function* outcomeScan(db: DB, units: UnitInfo[], defs: MetricDef[], startsOn: string, endsOn: string, idsPerStep = SCAN_IDS): Generator<ScanProgress, MetricOutcomes[]> {
  const spans = defs.map((m) => {
    const { from, to } = metricWindow(m, startsOn, endsOn);
    if (to <= from) throw new RangeError(`the experiment ends (${endsOn}) before it starts (${startsOn}).`);
    const len = to - from;
    return { m, from, to, len, preFrom: from - Math.max(len, PRE_DAYS), churn: m.kind === 'churn', revenue: m.kind === 'revenue' };
  });
  // accounts by source id, then key → index into the per-metric accumulators
  const index = new Map<number, Map<string, number>>();
  let n = 0;
  for (const u of units) for (const a of u.accounts) {
    let bySource = index.get(a.sourceId);
    if (!bySource) index.set(a.sourceId, (bySource = new Map()));
    if (!bySource.has(a.key)) bySource.set(a.key, n++);
  }
  // per metric, per account: post value, pre value, pre-events in the horizon before the start, first day (NaN: none)
  const acc = spans.map(() => ({ post: new Float64Array(n), pre: new Float64Array(n), recent: new Float64Array(n), first: new Float64Array(n).fill(NaN) }));
  const days = new Map<string, number>(); // event dates repeat: parse each once
  if (spans.length > 0) {
    const lo = Math.min(...spans.map((s) => s.preFrom)), hi = Math.max(...spans.map((s) => s.to));
    const count = (rows: Iterable<[number, string, string, string, number | null]>) => {
      for (const [sid, k, type, at, amount] of rows) {
        const ix = index.get(sid)?.get(k);
        if (ix === undefined) continue;
        const d = at.slice(0, 10);
        let abs = days.get(d);
        if (abs === undefined) days.set(d, (abs = dayOf(d)));
        const isOrder = type === 'order', activity = !NOT_ACTIVITY.has(type);
        for (let j = 0; j < spans.length; j++) {
          const s = spans[j]!;
          if (s.churn ? !activity : !isOrder) continue;
          if (abs < s.preFrom || abs >= s.to) continue;
          const day = abs - s.from;
          const value = s.revenue ? (amount ?? 0) : 1;
          const t = acc[j]!;
          if (day < 0) {
            t.pre[ix] = t.pre[ix]! + value;
            if (day >= -s.len) t.recent[ix] = t.recent[ix]! + 1; // churn: active in the horizon before the start
          }
          else {
            t.post[ix] = t.post[ix]! + value;
            if (!(t.first[ix]! <= day)) t.first[ix] = day;
          }
        }
      }
    };
    if (spans.some((s) => s.churn)) {
      // churn reads every event type: no index on the date alone, so walk the table in id ranges
      // (each step a bounded stretch of the table, not a full scan per slice of days)
      const maxId = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
      const stmt = db.prepare('SELECT source_id, source_key, type, at, amount FROM events WHERE id > ? AND id <= ? AND at >= ? AND at < ?').raw();
      for (let a = 0; a < maxId; a += idsPerStep) {
        const b = Math.min(maxId, a + idsPerStep);
        count(stmt.iterate(a, b, isoDay(lo), isoDay(hi)) as Iterable<[number, string, string, string, number | null]>);
        yield { done: b, total: maxId };
      }
    } else {
      // orders only: slices of days through the (type, at) index
      const stmt = db.prepare("SELECT source_id, source_key, type, at, amount FROM events WHERE type = 'order' AND at >= ? AND at < ?").raw();
      for (let a = lo; a < hi; a += SCAN_DAYS) {
        const b = Math.min(hi, a + SCAN_DAYS);
        count(stmt.iterate(isoDay(a), isoDay(b)) as Iterable<[number, string, string, string, number | null]>);
        yield { done: b - lo, total: hi - lo };
      }
    }
  }
  return spans.map((s, j) => {
    const t = acc[j]!, m = s.m;
    const rows: UnitOutcome[] = [];
    for (const u of units) {
      let post = 0, pre = 0, recent = 0, first: number | null = null;
      for (const a of u.accounts) {
        const ix = index.get(a.sourceId)!.get(a.key)!;
        post += t.post[ix]!; pre += t.pre[ix]!; recent += t.recent[ix]!;
        const f = t.first[ix]!;
        if (!Number.isNaN(f) && (first === null || f < first)) first = f;
      }
      if (m.kind === 'conversion') rows.push({ unit: u.unit, outcome: post > 0 ? 1 : 0, pre, firstDay: first });
      else if (m.kind === 'revenue') rows.push({ unit: u.unit, outcome: Math.round(post * 100) / 100, pre: Math.round(pre * 100) / 100, firstDay: first });
      else if (recent > 0) rows.push({ unit: u.unit, outcome: post > 0 ? 0 : 1, pre, firstDay: first }); // eligible: active in the horizon before the start
    }
    const window = { from: isoDay(s.from), to: isoDay(s.to - 1) };
    const preDays = s.from - s.preFrom;
    if (m.kind === 'churn') {
      return { rows, window, days: s.len, population: `units with activity in the ${s.len} days before ${window.from} (others could not churn in the window)`, covariate: `activity events in the ${preDays} days before the start` };
    }
    return { rows, window, days: s.len, population: 'every assigned unit', covariate: m.kind === 'revenue' ? `revenue in the ${preDays} days before the start` : `orders in the ${preDays} days before the start` };
  });
}

/** Every metric's outcomes at once (outcomeScan run to the end). */
export function outcomesForMetrics(db: DB, units: UnitInfo[], defs: MetricDef[], startsOn: string, endsOn: string): MetricOutcomes[] {
  const scan = outcomeScan(db, units, defs, startsOn, endsOn);
  for (;;) {
    const r = scan.next();
    if (r.done) return r.value;
  }
}

/** One metric's outcomes. */
export function outcomesFromEvents(db: DB, units: UnitInfo[], m: MetricDef, startsOn: string, endsOn: string): MetricOutcomes {
  return outcomesForMetrics(db, units, [m], startsOn, endsOn)[0]!;
}
