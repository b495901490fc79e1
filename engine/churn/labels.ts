// Churn labels: did the unit churn within the horizon after the cutoff, by the chosen definition.
//  noOrder        — among units that ordered in the 365 days before the cutoff: no order in
//                   [cutoff, cutoff + horizon).
//  noActivity     — among units active (an event of their own: order, ticket, email open or click,
//                   payment) in the 365 days before the cutoff: no such event in the horizon.
//                   Emails sent and bounces are the company's doing, not activity.
//  contractEnded  — among units with events before the cutoff and no contract end before it: a
//  accountClosed    contract-end (account-closed) event in [cutoff, cutoff + horizon).
// Units outside the population get label -1 (not trained or evaluated on).
import type { ChurnDefinition } from '../api/churn.js';
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { eventKey, type Units } from './units.js';

const DAY_MS = 86_400_000;

/** Event types that end a relationship, per definition (contract / account data from the CRM or billing feeds). */
export const ACTIVITY_TYPES = ['order', 'ticket', 'email.open', 'email.click', 'payment', 'payment.failed'];

export const END_EVENT_TYPES: Record<Exclude<ChurnDefinition, 'noOrder' | 'noActivity'>, string[]> = {
  contractEnded: ['contract.end', 'contract.ended', 'contract_end', 'contract_ended'],
  accountClosed: ['account.closed', 'account.close', 'account_closed', 'account_close'],
};

export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The day after the latest event (so every event is before it), or null without events. */
export function dayAfterLatestEvent(db: DB): string | null {
  // max(at) per event type through events_by_type_at (types found by skipping along the index):
  // a few index probes instead of a scan of millions of events on every explanation
  const at = db
    .prepare(
      `WITH RECURSIVE t(type) AS (SELECT min(type) FROM events UNION ALL SELECT (SELECT min(type) FROM events WHERE type > t.type) FROM t WHERE t.type IS NOT NULL)
       SELECT max((SELECT max(at) FROM events e WHERE e.type = t.type)) FROM t WHERE t.type IS NOT NULL`,
    )
    .pluck()
    .get() as string | null;
  return at ? addDays(at.slice(0, 10), 1) : null;
}

/** Default cutoff: the latest event date − horizon (so the whole horizon is observed). */
export function defaultCutoff(db: DB, horizonDays: number): string {
  const end = dayAfterLatestEvent(db);
  if (!end) throw new AerieError('CONFLICT', 'This workspace has no events, so there is nothing to learn churn from.', { hint: 'Import an event feed (orders, tickets, emails, payments) first.' });
  return addDays(end, -horizonDays);
}

function unitsWithTypes(db: DB, units: Units, types: string[], from: string | null, to: string): Uint8Array {
  const hit = new Uint8Array(units.keys.length);
  const sql = `SELECT source_id, source_key FROM events WHERE type IN (${types.map(() => '?').join(',')}) AND at < ?${from ? ' AND at >= ?' : ''} AND source_key IS NOT NULL`;
  for (const [sid, skey] of db.prepare(sql).raw().iterate(...types, to, ...(from ? [from] : [])) as Iterable<[number, string]>) {
    const u = units.byEventKey.get(eventKey(sid, skey));
    if (u !== undefined) hit[u] = 1;
  }
  return hit;
}

export interface Labels {
  /** 1 churned, 0 stayed, -1 outside the population. */
  y: Int8Array;
  population: number;
  positives: number;
}

/**
 * `ordered365` and `events` come from the feature pass at the same cutoff (orders in the last 365
 * days, events before the cutoff).
 */
export function churnLabels(db: DB, units: Units, def: ChurnDefinition, cutoff: string, horizonDays: number, ordered365: Float64Array, events: Float64Array): Labels {
  const end = dayAfterLatestEvent(db);
  const until = addDays(cutoff, horizonDays);
  if (!end || until > end) {
    throw new AerieError('CONFLICT', `The label needs events up to ${until} (cutoff ${cutoff} + ${horizonDays} days), but the latest event is on ${end ? addDays(end, -1) : 'no day'}.`, {
      value: cutoff,
      hint: end ? `Choose a cutoff on or before ${addDays(end, -horizonDays)}, or a shorter horizon.` : 'Import events first.',
    });
  }
  const n = units.keys.length;
  const y = new Int8Array(n).fill(-1);
  if (def === 'noOrder') {
    const orderedAfter = unitsWithTypes(db, units, ['order'], cutoff, until);
    for (let u = 0; u < n; u++) if (ordered365[u]! > 0) y[u] = orderedAfter[u] ? 0 : 1;
  } else if (def === 'noActivity') {
    const activeBefore = unitsWithTypes(db, units, ACTIVITY_TYPES, addDays(cutoff, -365), cutoff);
    const activeAfter = unitsWithTypes(db, units, ACTIVITY_TYPES, cutoff, until);
    for (let u = 0; u < n; u++) if (activeBefore[u]) y[u] = activeAfter[u] ? 0 : 1;
  } else {
    const types = END_EVENT_TYPES[def];
    const endedBefore = unitsWithTypes(db, units, types, null, cutoff);
    const endedIn = unitsWithTypes(db, units, types, cutoff, until);
    for (let u = 0; u < n; u++) if (events[u]! > 0 && !endedBefore[u]) y[u] = endedIn[u] ? 1 : 0;
  }
  let population = 0;
  let positives = 0;
  for (let u = 0; u < n; u++) {
    if (y[u]! >= 0) population++;
    if (y[u] === 1) positives++;
  }
  return { y, population, positives };
}

/** Whether the workspace has the events a definition needs. */
export function definitionAvailable(db: DB, def: ChurnDefinition): boolean {
  const types = def === 'noOrder' ? ['order'] : def === 'noActivity' ? ACTIVITY_TYPES : END_EVENT_TYPES[def];
  return db.prepare(`SELECT 1 FROM events WHERE type IN (${types.map(() => '?').join(',')}) LIMIT 1`).pluck().get(...types) !== undefined;
}
