// Point-in-time churn features, labels and the leakage check on a real encrypted workspace holding
// a few hand-made customers and events: an event on the cutoff day is never read, windows count
// what falls in them, labels follow the definition and horizon, and a feature that reads data from
// on or after the cutoff stops training with its name.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AerieError, type EngineClient } from '../../../engine/api/index.js';
import { buildFeatures, type ExtraFeature } from '../../../engine/churn/features.js';
import { churnLabels, defaultCutoff } from '../../../engine/churn/labels.js';
import { checkLeakage } from '../../../engine/churn/leakage.js';
import { sentiment } from '../../../engine/churn/sentiment.js';
import { trainWorkspaceChurn } from '../../../engine/churn/train-job.js';
import { resolveUnits } from '../../../engine/churn/units.js';
import type { Engine } from '../../../engine/core/engine.js';
import { startInProcessEngine } from '../../../engine/worker/in-process-transport.js';
import { CALLER, PASS, tempDir } from '../../helpers/tmp.js';

const t = tempDir();
let c: EngineClient;
let engine: Engine;
const db = () => engine.requireSession().db;
const CUTOFF = '2025-03-01';

/** Customers A..D in one source; events as [key, type, at, amount, channel, text]. */
function seed(): void {
  const d = db();
  const now = new Date().toISOString();
  d.prepare("INSERT INTO sources (id, name, created_at) VALUES (1, 'crm', ?)").run(now);
  d.prepare("INSERT INTO imports (id, source_id, file_name, file_hash, file_bytes, format, kind, state, created_at) VALUES (1, 1, 'x.csv', 'h', 1, 'csv', 'customers', 'done', ?)").run(now);
  const rec = d.prepare("INSERT INTO records (import_id, row_no, source_id, source_key, full_name, date_of_birth, raw) VALUES (1, ?, 1, ?, 'X', ?, '{}')");
  ['A', 'B', 'C', 'D'].forEach((k, i) => rec.run(i + 1, k, '1980-03-01'));
  const ev = d.prepare('INSERT INTO events (source_id, source_key, type, at, amount, channel, text) VALUES (1, ?, ?, ?, ?, ?, ?)');
  const rows: [string, string, string, number | null, string | null, string | null][] = [
    // A: orders 20 and 100 days before the cutoff, two on the cutoff day (never read), one in the horizon
    ['A', 'order', '2025-02-09T10:00:00Z', 10, 'web', null],
    ['A', 'order', '2024-11-21T10:00:00Z', 30, 'store', null],
    ['A', 'order', '2025-03-01T00:00:00Z', 1000, 'web', null],
    ['A', 'order', '2025-03-01T23:59:59Z', 1000, 'phone', null],
    ['A', 'order', '2025-04-15T10:00:00Z', 5, 'web', null],
    ['A', 'email.sent', '2025-02-01T06:00:00Z', null, 'email', null],
    ['A', 'email.open', '2025-02-02T08:00:00Z', null, 'email', null],
    ['A', 'email.open', '2024-10-20T08:00:00Z', null, 'email', null],
    ['A', 'email.open', '2024-10-21T08:00:00Z', null, 'email', null],
    // B: ordered last year, nothing in the horizon (an order exactly at cutoff + 90 days is outside it), an angry ticket, a failed payment
    ['B', 'order', '2024-06-01T10:00:00Z', 20, 'web', null],
    ['B', 'order', '2025-05-30T09:00:00Z', 20, 'web', null],
    ['B', 'ticket', '2025-02-20T10:00:00Z', null, 'email', 'Worst customer service ever. Please close my account.'],
    ['B', 'payment.failed', '2025-01-10T10:00:00Z', 40, 'card', null],
    ['B', 'payment', '2024-10-10T10:00:00Z', 40, 'card', null],
    // C: never ordered (outside the noOrder population), a friendly ticket
    ['C', 'ticket', '2025-01-05T10:00:00Z', null, 'chat', 'Thank you, great help!'],
    // D: only events on or after the cutoff
    ['D', 'order', '2025-03-01T08:00:00Z', 99, 'web', null],
    // the latest event: fixes the default cutoff
    ['C', 'email.sent', '2025-06-30T06:00:00Z', null, 'email', null],
  ];
  for (const r of rows) ev.run(...r);
}

beforeAll(async () => {
  const started = startInProcessEngine({ roots: [t.dir], openHooks: false }, CALLER);
  c = started.client;
  engine = started.engine;
  await c.call('workspace.create', { path: join(t.dir, 'features.aerie'), passphrase: PASS });
  seed();
}, 60_000);

afterAll(async () => {
  await c.close();
  t.cleanup();
});

function features(extra?: ExtraFeature[]) {
  const units = resolveUnits(db(), 'auto');
  const ft = buildFeatures(db(), units, { cutoff: CUTOFF, groups: ['rfm', 'tenure', 'productMix', 'support', 'email', 'payments', 'snapshot'], ...(extra ? { extra } : {}) });
  const col = (name: string) => ft.m.columns[ft.m.names.indexOf(name)]!;
  const of = (key: string, name: string) => {
    expect(ft.m.names, name).toContain(name);
    return col(name)[units.keys.indexOf(String(['A', 'B', 'C', 'D'].indexOf(key) + 1))]!;
  };
  return { units, ft, col, of };
}

describe('churn features at a cutoff', () => {
  it('never read an event on the cutoff day or later', () => {
    const { of, ft } = features();
    expect(of('A', 'orders_all')).toBe(2);
    expect(of('A', 'spend_all')).toBe(40);
    expect(of('A', 'days_since_last_order')).toBeCloseTo(20 - 10 / 24, 6);
    expect(of('D', 'orders_all')).toBe(0);
    expect(of('D', 'events_all')).toBe(0);
    expect(Number.isNaN(of('D', 'days_since_last_order'))).toBe(true);
    // what every feature read is before the cutoff: the leakage check passes
    for (const r of ft.latestRead) if (r !== null) expect(r < CUTOFF).toBe(true);
    expect(() => checkLeakage(ft, CUTOFF)).not.toThrow();
  });

  it('count orders, emails, tickets and payments in their windows', () => {
    const { of } = features();
    expect([of('A', 'orders_30d'), of('A', 'orders_90d'), of('A', 'orders_180d'), of('A', 'orders_365d')]).toEqual([1, 1, 2, 2]);
    expect([of('A', 'spend_30d'), of('A', 'spend_180d')]).toEqual([10, 40]);
    expect(of('A', 'order_trend_90d')).toBe(0); // one in the last 90 days, one in the 90 before
    expect(of('A', 'orders_share_web')).toBe(0.5);
    expect(of('A', 'order_channels_used')).toBe(2);
    expect(of('A', 'email_opens_90d')).toBe(1);
    expect(of('A', 'email_open_rate_90d')).toBe(1);
    expect(of('A', 'email_opens_trend')).toBe(1 - 2);
    expect(of('A', 'tenure_days')).toBeCloseTo(132 - 8 / 24, 6); // first event: the open of 2024-10-20 08:00
    expect(of('B', 'tickets_90d')).toBe(1);
    expect(of('B', 'negative_tickets_90d')).toBe(1);
    expect(of('B', 'ticket_sentiment_365d')).toBeLessThan(-1);
    expect(of('C', 'ticket_sentiment_365d')).toBeGreaterThan(1);
    expect(of('B', 'payments_365d')).toBe(2);
    expect(of('B', 'payments_failed_90d')).toBe(1);
    expect(of('B', 'payment_fail_share_365d')).toBe(0.5);
    expect(of('A', 'age_years')).toBeCloseTo(45, 1);
    // own activity: orders and opens, not emails sent
    expect([of('A', 'activity_90d'), of('A', 'activity_trend_90d')]).toEqual([2, 2 - 3]);
    expect(of('A', 'days_since_last_activity')).toBeCloseTo(20 - 10 / 24, 6);
    expect(of('B', 'days_since_last_payment')).toBeCloseTo(50 - 10 / 24, 6);
  });

  it('score support text with the shipped lexicon, negation and shouting', () => {
    expect(sentiment('This is the THIRD time I am writing about this. Unacceptable!!')).toBeLessThan(-2);
    expect(sentiment('How do I reset my password?')).toBe(0);
    expect(sentiment('The delivery was not good')).toBeLessThan(0);
    expect(sentiment('Thanks, that was quick and helpful')).toBeGreaterThan(1);
  });
});

describe('churn labels', () => {
  it('noOrder: among customers who ordered in the year before, no order in [cutoff, cutoff + horizon)', () => {
    const { units, ft, col } = features();
    const l = churnLabels(db(), units, 'noOrder', CUTOFF, 90, col('orders_365d'), ft.events);
    const y = (k: string) => l.y[units.keys.indexOf(String(['A', 'B', 'C', 'D'].indexOf(k) + 1))];
    expect([y('A'), y('B'), y('C'), y('D')]).toEqual([0, 1, -1, -1]);
    expect(l).toMatchObject({ population: 2, positives: 1 });
    // B's order on 2025-05-30 is on cutoff + 90 days: with a 91-day horizon it is inside, and B stayed
    expect(churnLabels(db(), units, 'noOrder', CUTOFF, 91, col('orders_365d'), ft.events).y[1]).toBe(0);
  });

  it('default cutoff is the latest event date minus the horizon; a horizon past the data is refused', () => {
    expect(defaultCutoff(db(), 90)).toBe('2025-04-02');
    const { units, ft, col } = features();
    const e = (() => {
      try {
        churnLabels(db(), units, 'noOrder', '2025-05-01', 90, col('orders_365d'), ft.events);
      } catch (x) {
        return x as AerieError;
      }
      throw new Error('expected a refusal');
    })();
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('2025-07-30');
    expect(e.details?.hint).toContain('2025-04-02');
  });
});

describe('the leakage check', () => {
  const leaky = (latestRead: string): ExtraFeature => ({
    def: { name: 'orders_next_quarter', group: 'rfm', description: 'leaks the label' },
    compute: (_db, units) => ({ values: new Float64Array(units.keys.length), latestRead }),
  });

  it('fails training with the feature named when it read data from the cutoff day', () => {
    const { ft } = features([leaky('2025-03-01T00:00:00Z')]);
    let err: AerieError | null = null;
    try {
      checkLeakage(ft, CUTOFF);
    } catch (e) {
      err = e as AerieError;
    }
    expect(err?.code).toBe('BAD_DATA');
    expect(err?.message).toMatch(/Leakage: the feature orders_next_quarter uses data from 2025-03-01, on or after the cutoff 2025-03-01/);
    expect(err?.details).toMatchObject({ column: 'orders_next_quarter', value: '2025-03-01' });
    expect(() => checkLeakage(features([leaky('2025-02-28T23:59:59Z')]).ft, CUTOFF)).not.toThrow();
  });

  it('is run by the training itself, before any model is fitted', async () => {
    await expect(trainWorkspaceChurn(db(), { cutoff: CUTOFF, horizonDays: 90, definition: 'noOrder', unit: 'auto', seed: 1 }, null, { extra: [leaky('2025-06-01T00:00:00Z')] })).rejects.toThrow(/feature orders_next_quarter/);
    expect(db().prepare('SELECT count(*) FROM models').pluck().get()).toBe(0);
  });
});
