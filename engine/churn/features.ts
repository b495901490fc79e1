// Point-in-time churn features: one pass over the events strictly before the cutoff (at < the
// cutoff date, so an event on the cutoff day is not seen), accumulated per unit. Each feature
// remembers the latest event time it read, for the leakage check (leakage.ts).
import type { ChurnFeatureGroup } from '../api/churn.js';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { matrix, type Matrix } from '../ml/matrix.js';
import { channelName, DEFAULT_GROUPS, featureDefs, WINDOWS, type FeatureDef } from './feature-defs.js';
import { ACTIVITY_TYPES } from './labels.js';
import { sentiment } from './sentiment.js';
import { sourceColumnFeatures, type SourceColumnSpec } from './source-columns.js';
import { eventKey, type Units } from './units.js';

const DAY_MS = 86_400_000;
const MAX_CHANNELS = 8;
/** The customer's own doing (emails sent and bounces are the company's). */
const ACTIVITY = new Set(ACTIVITY_TYPES);

/** A feature computed outside the event pass (tests inject leaky ones through it). */
export interface ExtraFeature {
  def: FeatureDef;
  compute(db: DB, units: Units, cutoff: string): { values: Float64Array; latestRead: string | null };
}

export interface FeatureOptions {
  /** YYYY-MM-DD: only events before this day are read. */
  cutoff: string;
  groups?: readonly ChurnFeatureGroup[];
  /** Order channels to use (a trained model's); found in the data when left out. */
  channels?: readonly string[];
  extra?: readonly ExtraFeature[];
  /** The sourceColumns group's columns and encodings (a trained model's); inferred from the values when left out. */
  sourceColumns?: readonly SourceColumnSpec[];
  /** The events to read instead of the whole table (one customer's, for an explanation); still filtered by the cutoff. */
  rows?: Iterable<EventRow>;
}

/** source_id, source_key, type, at, amount, channel, text. */
export type EventRow = [number, string, string, string, number | null, string | null, string | null];
export const EVENT_COLUMNS = 'source_id, source_key, type, at, amount, channel, text';

export interface FeatureTable {
  m: Matrix;
  defs: FeatureDef[];
  /** Per feature: the latest event time (ISO) it read, or null. */
  latestRead: (string | null)[];
  /** Per unit: events before the cutoff. */
  events: Float64Array;
  channels: string[];
  /** The sourceColumns group's columns and encodings (empty when the group is off). */
  sourceColumns: SourceColumnSpec[];
}

export function cutoffMs(cutoff: string): number {
  const ms = Date.parse(`${cutoff}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cutoff) || Number.isNaN(ms)) {
    throw new AerieError('INVALID_INPUT', `The cutoff ${JSON.stringify(cutoff)} is not a date.`, { value: cutoff, hint: 'Give the cutoff as YYYY-MM-DD, e.g. 2025-03-01.' });
  }
  return ms;
}

/** The most used order channels before the cutoff (up to 8), as feature-name parts. */
export function orderChannels(db: DB, cutoff: string): string[] {
  const rows = db.prepare("SELECT channel, count(*) AS n FROM events WHERE type = 'order' AND at < ? AND channel IS NOT NULL GROUP BY channel ORDER BY n DESC, channel LIMIT ?").raw().all(cutoff, MAX_CHANNELS) as [string, number][];
  return [...new Set(rows.map(([c]) => channelName(c)))];
}

const later = (a: string | null, b: string) => (a === null || b > a ? b : a);

export function buildFeatures(db: DB, units: Units, o: FeatureOptions): FeatureTable {
  const t0 = cutoffMs(o.cutoff);
  const groups = o.groups ?? DEFAULT_GROUPS;
  const on = new Set(groups);
  const channels = [...(o.channels ?? (on.has('productMix') ? orderChannels(db, o.cutoff) : []))];
  const chIndex = new Map(channels.map((c, k) => [c, k]));
  const n = units.keys.length;
  const z = () => new Float64Array(n);
  const nan = () => new Float64Array(n).fill(NaN);

  const ordersW = WINDOWS.map(z);
  const spendW = WINDOWS.map(z);
  const [orders, spend, ordersPrev90, events] = [z(), z(), z(), z()];
  const [lastOrder, lastEvent, firstEvent, lastActivity, lastPayment] = [nan(), nan(), nan(), nan(), nan()];
  const [act90, actPrev90] = [z(), z()];
  const chCount = channels.map(z);
  const [t90, t365, neg90, neg365, sentSum] = [z(), z(), z(), z(), z()];
  const lastTicket = nan();
  const [sent90, open90, click90, openPrev, clickPrev, unsub, bounced] = [z(), z(), z(), z(), z(), z(), z()];
  const lastOpen = nan();
  const [pay365, fail90, fail365] = [z(), z(), z()];
  const lastFail = nan();
  const latest: { all: string | null; order: string | null; ticket: string | null; email: string | null; payment: string | null } = { all: null, order: null, ticket: null, email: null, payment: null };

  const rows = o.rows ?? (db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE at < ? AND source_key IS NOT NULL`).raw().iterate(o.cutoff) as Iterable<EventRow>);
  // no progress calls in here: job progress writes to the database, which is busy with this read
  for (const [sid, skey, type, at, amount, channel, text] of rows) {
    const u = units.byEventKey.get(eventKey(sid, skey));
    if (u === undefined) continue;
    const age = (t0 - Date.parse(at)) / DAY_MS;
    if (!(age > 0)) continue; // unparseable or not before the cutoff
    latest.all = later(latest.all, at);
    events[u]!++;
    if (!(lastEvent[u]! <= age)) lastEvent[u] = age;
    if (!(firstEvent[u]! >= age)) firstEvent[u] = age;
    if (ACTIVITY.has(type)) {
      if (age <= 90) act90[u]!++;
      else if (age <= 180) actPrev90[u]!++;
      if (!(lastActivity[u]! <= age)) lastActivity[u] = age;
    }
    if (type === 'order') {
      latest.order = later(latest.order, at);
      const a = amount ?? 0;
      orders[u]!++;
      spend[u]! += a;
      for (let w = 0; w < WINDOWS.length; w++) {
        if (age <= WINDOWS[w]!) {
          ordersW[w]![u]!++;
          spendW[w]![u]! += a;
        }
      }
      if (age > 90 && age <= 180) ordersPrev90[u]!++;
      if (!(lastOrder[u]! <= age)) lastOrder[u] = age;
      if (channel !== null) {
        const k = chIndex.get(channelName(channel));
        if (k !== undefined) chCount[k]![u]!++;
      }
    } else if (type === 'ticket') {
      latest.ticket = later(latest.ticket, at);
      if (!(lastTicket[u]! <= age)) lastTicket[u] = age;
      if (age <= 365) {
        const s = on.has('support') ? sentiment(text) : 0;
        t365[u]!++;
        sentSum[u]! += s;
        if (s < 0) neg365[u]!++;
        if (age <= 90) {
          t90[u]!++;
          if (s < 0) neg90[u]!++;
        }
      }
    } else if (type.startsWith('email.')) {
      latest.email = later(latest.email, at);
      const recent = age <= 90;
      const prev = age > 90 && age <= 180;
      if (type === 'email.sent') {
        if (recent) sent90[u]!++;
      } else if (type === 'email.open') {
        if (recent) open90[u]!++;
        else if (prev) openPrev[u]!++;
        if (!(lastOpen[u]! <= age)) lastOpen[u] = age;
      } else if (type === 'email.click') {
        if (recent) click90[u]!++;
        else if (prev) clickPrev[u]!++;
      } else if (type === 'email.unsubscribe') unsub[u] = 1;
      else if (type === 'email.bounce') bounced[u] = 1;
    } else if (type === 'payment' || type === 'payment.failed') {
      latest.payment = later(latest.payment, at);
      const failed = type === 'payment.failed';
      if (age <= 365) {
        pay365[u]!++;
        if (failed) fail365[u]!++;
        if (failed && age <= 90) fail90[u]!++;
      }
      if (failed && !(lastFail[u]! <= age)) lastFail[u] = age;
      if (!(lastPayment[u]! <= age)) lastPayment[u] = age;
    }
  }

  const ratio = (a: Float64Array, b: Float64Array) => a.map((v, i) => (b[i]! > 0 ? v / b[i]! : NaN));
  const diff = (a: Float64Array, b: Float64Array) => a.map((v, i) => v - b[i]!);
  const cols = new Map<string, [Float64Array, string | null]>();
  const put = (name: string, v: Float64Array, read: string | null) => cols.set(name, [v, read]);
  WINDOWS.forEach((w, k) => {
    put(`orders_${w}d`, ordersW[k]!, latest.order);
    put(`spend_${w}d`, spendW[k]!, latest.order);
  });
  put('orders_all', orders, latest.order);
  put('spend_all', spend, latest.order);
  put('avg_order_value', ratio(spend, orders), latest.order);
  put('days_since_last_order', lastOrder, latest.order);
  put('order_trend_90d', diff(ordersW[1]!, ordersPrev90), latest.order);
  put('days_since_last_event', lastEvent, latest.all);
  put('events_all', events, latest.all);
  put('activity_90d', act90, latest.all);
  put('activity_trend_90d', diff(act90, actPrev90), latest.all);
  put('days_since_last_activity', lastActivity, latest.all);
  put('days_since_last_payment', lastPayment, latest.payment);
  put('tenure_days', firstEvent, latest.all);
  channels.forEach((c, k) => put(`orders_share_${c}`, ratio(chCount[k]!, orders), latest.order));
  put('order_channels_used', orders.map((_v, i) => chCount.reduce((s, c) => s + (c[i]! > 0 ? 1 : 0), 0)), latest.order);
  put('tickets_90d', t90, latest.ticket);
  put('tickets_365d', t365, latest.ticket);
  put('days_since_last_ticket', lastTicket, latest.ticket);
  put('ticket_sentiment_365d', ratio(sentSum, t365), latest.ticket);
  put('negative_tickets_90d', neg90, latest.ticket);
  put('negative_tickets_365d', neg365, latest.ticket);
  put('emails_sent_90d', sent90, latest.email);
  put('email_opens_90d', open90, latest.email);
  put('email_clicks_90d', click90, latest.email);
  put('email_open_rate_90d', ratio(open90, sent90), latest.email);
  put('email_opens_trend', diff(open90, openPrev), latest.email);
  put('email_clicks_trend', diff(click90, clickPrev), latest.email);
  put('email_unsubscribed', unsub, latest.email);
  put('email_bounced', bounced, latest.email);
  put('days_since_last_open', lastOpen, latest.email);
  put('payments_365d', pay365, latest.payment);
  put('payments_failed_90d', fail90, latest.payment);
  put('payments_failed_365d', fail365, latest.payment);
  put('payment_fail_share_365d', ratio(fail365, pay365), latest.payment);
  put('days_since_last_payment_failure', lastFail, latest.payment);
  if (on.has('snapshot')) snapshotColumns(db, units, t0, put);

  const defs = featureDefs(groups, channels);
  const columns: Float64Array[] = [];
  const latestRead: (string | null)[] = [];
  for (const def of defs) {
    const c = cols.get(def.name)!;
    columns.push(c[0]);
    latestRead.push(c[1]);
  }
  let sourceColumns: SourceColumnSpec[] = [];
  if (on.has('sourceColumns')) {
    // as imported, not time-stamped: no event time for the leakage check (like the snapshot group)
    const sc = sourceColumnFeatures(db, units, o.sourceColumns);
    defs.push(...sc.defs);
    columns.push(...sc.columns);
    latestRead.push(...sc.defs.map(() => null));
    sourceColumns = sc.specs;
  }
  for (const x of o.extra ?? []) {
    const r = x.compute(db, units, o.cutoff);
    defs.push(x.def);
    columns.push(r.values);
    latestRead.push(r.latestRead);
  }
  return { m: matrix(defs.map((f) => f.name), columns), defs, latestRead, events, channels, sourceColumns };
}

function snapshotColumns(db: DB, units: Units, t0: number, put: (name: string, v: Float64Array, read: string | null) => void): void {
  const n = units.keys.length;
  const unitOfRecord = new Map<number, number>();
  units.recordOf.forEach((r, u) => unitOfRecord.set(r, u));
  const [age, ce, cs] = [new Float64Array(n).fill(NaN), new Float64Array(n).fill(NaN), new Float64Array(n).fill(NaN)];
  const cols = 'SELECT id, date_of_birth, consent_email, consent_sms FROM records';
  // a handful of units (an explanation): look their records up instead of reading them all
  const few = n <= 100 ? db.prepare(`${cols} WHERE id = ?`).raw() : null;
  const rows = few ? [...units.recordOf].map((id) => few.get(id) as unknown[]).filter(Boolean) : db.prepare(cols).raw().iterate();
  for (const [id, dob, e, s] of rows as Iterable<[number, string | null, number | null, number | null]>) {
    const u = unitOfRecord.get(id);
    if (u === undefined) continue;
    const born = dob && /^\d{4}-\d{2}-\d{2}$/.test(dob) ? Date.parse(`${dob}T00:00:00Z`) : NaN;
    if (born < t0) age[u] = (t0 - born) / (365.25 * DAY_MS);
    if (e !== null) ce[u] = e;
    if (s !== null) cs[u] = s;
  }
  // not time-stamped: the leakage check has no event time to test (the groups say so to the user)
  put('age_years', age, null);
  put('consent_email', ce, null);
  put('consent_sms', cs, null);
}
