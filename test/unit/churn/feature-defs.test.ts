// The churn feature schema: names, groups, order and descriptions as models store them and the
// feature list shows them. SCHEMA is a literal copy of featureDefs' output taken before the
// table-driven rewrite of feature-defs.ts (every group on, order channels "web" and "store"): a
// change to it is a change to the public feature schema, made here on purpose.
import { describe, expect, it } from 'vitest';
import type { ChurnFeatureGroup } from '../../../engine/api/churn.js';
import { featureDefs } from '../../../engine/churn/feature-defs.js';

const SCHEMA: [string, ChurnFeatureGroup, string][] = [
  ['orders_30d', 'rfm', 'Orders in the 30 days before the cutoff.'],
  ['orders_90d', 'rfm', 'Orders in the 90 days before the cutoff.'],
  ['orders_180d', 'rfm', 'Orders in the 180 days before the cutoff.'],
  ['orders_365d', 'rfm', 'Orders in the 365 days before the cutoff.'],
  ['spend_30d', 'rfm', 'Order amount in the 30 days before the cutoff.'],
  ['spend_90d', 'rfm', 'Order amount in the 90 days before the cutoff.'],
  ['spend_180d', 'rfm', 'Order amount in the 180 days before the cutoff.'],
  ['spend_365d', 'rfm', 'Order amount in the 365 days before the cutoff.'],
  ['orders_all', 'rfm', 'Orders before the cutoff.'],
  ['spend_all', 'rfm', 'Order amount before the cutoff.'],
  ['avg_order_value', 'rfm', 'Mean order amount before the cutoff.'],
  ['days_since_last_order', 'rfm', 'Days from the last order to the cutoff (missing: never ordered).'],
  ['order_trend_90d', 'rfm', 'Orders in the last 90 days minus orders in the 90 days before those.'],
  ['days_since_last_event', 'rfm', 'Days from the last event of any kind to the cutoff.'],
  ['events_all', 'rfm', 'Events of any kind before the cutoff.'],
  ['activity_90d', 'rfm', 'The customer’s own events (orders, tickets, email opens and clicks, payments) in the last 90 days.'],
  ['activity_trend_90d', 'rfm', 'Own events in the last 90 days minus those in the 90 days before.'],
  ['days_since_last_activity', 'rfm', 'Days from the customer’s last own event to the cutoff (missing: none).'],
  ['tenure_days', 'tenure', 'Days from the first event to the cutoff.'],
  ['orders_share_web', 'productMix', 'Share of orders placed through web.'],
  ['orders_share_store', 'productMix', 'Share of orders placed through store.'],
  ['order_channels_used', 'productMix', 'Distinct order channels used.'],
  ['tickets_90d', 'support', 'Support tickets in the 90 days before the cutoff.'],
  ['tickets_365d', 'support', 'Support tickets in the 365 days before the cutoff.'],
  ['days_since_last_ticket', 'support', 'Days from the last ticket to the cutoff (missing: none).'],
  ['ticket_sentiment_365d', 'support', 'Mean sentiment of the tickets of the last 365 days (lexicon, -3 to 3; missing: none).'],
  ['negative_tickets_90d', 'support', 'Tickets with negative sentiment in the last 90 days.'],
  ['negative_tickets_365d', 'support', 'Tickets with negative sentiment in the last 365 days.'],
  ['emails_sent_90d', 'email', 'Campaign emails sent in the last 90 days.'],
  ['email_opens_90d', 'email', 'Email opens in the last 90 days.'],
  ['email_clicks_90d', 'email', 'Email clicks in the last 90 days.'],
  ['email_open_rate_90d', 'email', 'Opens per email sent in the last 90 days (missing: none sent).'],
  ['email_opens_trend', 'email', 'Opens in the last 90 days minus opens in the 90 days before.'],
  ['email_clicks_trend', 'email', 'Clicks in the last 90 days minus clicks in the 90 days before.'],
  ['email_unsubscribed', 'email', '1 when the customer unsubscribed before the cutoff.'],
  ['email_bounced', 'email', '1 when an email bounced before the cutoff.'],
  ['days_since_last_open', 'email', 'Days from the last email open to the cutoff (missing: none).'],
  ['payments_365d', 'payments', 'Payments (made or failed) in the last 365 days.'],
  ['days_since_last_payment', 'payments', 'Days from the last payment (made or failed) to the cutoff (missing: none).'],
  ['payments_failed_90d', 'payments', 'Failed payments in the last 90 days.'],
  ['payments_failed_365d', 'payments', 'Failed payments in the last 365 days.'],
  ['payment_fail_share_365d', 'payments', 'Share of the last 365 days’ payments that failed (missing: none).'],
  ['days_since_last_payment_failure', 'payments', 'Days from the last failed payment to the cutoff (missing: none).'],
  ['age_years', 'snapshot', 'Age at the cutoff from the record’s date of birth (missing: unknown).'],
  ['consent_email', 'snapshot', 'Email consent as imported (not as of the cutoff).'],
  ['consent_sms', 'snapshot', 'SMS consent as imported (not as of the cutoff).'],
];

const ALL: ChurnFeatureGroup[] = ['rfm', 'tenure', 'productMix', 'support', 'email', 'payments', 'snapshot'];
const rows = (groups: readonly ChurnFeatureGroup[], channels: readonly string[]) => featureDefs(groups, channels).map((f) => [f.name, f.group, f.description]);

describe('churn feature definitions', () => {
  it('are the pinned schema: same names, groups, order and descriptions', () => {
    expect(rows(ALL, ['web', 'store'])).toEqual(SCHEMA);
  });

  it('list a subset of groups in schema order whatever order they are asked in, one share per channel', () => {
    const asked: ChurnFeatureGroup[] = ['payments', 'productMix', 'rfm'];
    const want = SCHEMA.filter(([name, g]) => asked.includes(g) && name !== 'orders_share_web' && name !== 'orders_share_store');
    const shares = rows(asked, ['web']);
    expect(shares.filter(([name]) => String(name).startsWith('orders_share_'))).toEqual([['orders_share_web', 'productMix', 'Share of orders placed through web.']]);
    expect(shares.filter(([name]) => name !== 'orders_share_web')).toEqual(want);
    expect(rows(['sourceColumns'], ['web'])).toEqual([]);
  });
});
