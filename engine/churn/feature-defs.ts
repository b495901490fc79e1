// The churn features by group, with what each measures. Ages are whole days before the cutoff; a
// window "90d" holds events in the 90 days before the cutoff (the cutoff day itself excluded).
import type { ChurnFeatureGroup } from '../api/churn.js';

export interface FeatureDef {
  name: string;
  group: ChurnFeatureGroup;
  description: string;
}

export const WINDOWS = [30, 90, 180, 365] as const;
/** Snapshot and source columns are as imported, not as of the cutoff: only on request. */
export const DEFAULT_GROUPS: readonly ChurnFeatureGroup[] = ['rfm', 'tenure', 'productMix', 'support', 'email', 'payments'];
/** Groups read as imported (no event time): named so wherever a model's groups are shown. */
export const SNAPSHOT_GROUPS: readonly ChurnFeatureGroup[] = ['snapshot', 'sourceColumns'];
export const groupLabel = (g: ChurnFeatureGroup) => (SNAPSHOT_GROUPS.includes(g) ? `${g} (snapshot, not point-in-time)` : g);

const d = (name: string, group: ChurnFeatureGroup, description: string): FeatureDef => ({ name, group, description });

export function featureDefs(groups: readonly ChurnFeatureGroup[], channels: readonly string[]): FeatureDef[] {
  const out: FeatureDef[] = [];
  const on = new Set(groups);
  if (on.has('rfm')) {
    for (const w of WINDOWS) out.push(d(`orders_${w}d`, 'rfm', `Orders in the ${w} days before the cutoff.`));
    for (const w of WINDOWS) out.push(d(`spend_${w}d`, 'rfm', `Order amount in the ${w} days before the cutoff.`));
    out.push(
      d('orders_all', 'rfm', 'Orders before the cutoff.'),
      d('spend_all', 'rfm', 'Order amount before the cutoff.'),
      d('avg_order_value', 'rfm', 'Mean order amount before the cutoff.'),
      d('days_since_last_order', 'rfm', 'Days from the last order to the cutoff (missing: never ordered).'),
      d('order_trend_90d', 'rfm', 'Orders in the last 90 days minus orders in the 90 days before those.'),
      d('days_since_last_event', 'rfm', 'Days from the last event of any kind to the cutoff.'),
      d('events_all', 'rfm', 'Events of any kind before the cutoff.'),
      d('activity_90d', 'rfm', 'The customer’s own events (orders, tickets, email opens and clicks, payments) in the last 90 days.'),
      d('activity_trend_90d', 'rfm', 'Own events in the last 90 days minus those in the 90 days before.'),
      d('days_since_last_activity', 'rfm', 'Days from the customer’s last own event to the cutoff (missing: none).'),
    );
  }
  if (on.has('tenure')) out.push(d('tenure_days', 'tenure', 'Days from the first event to the cutoff.'));
  if (on.has('productMix')) {
    for (const c of channels) out.push(d(`orders_share_${c}`, 'productMix', `Share of orders placed through ${c}.`));
    out.push(d('order_channels_used', 'productMix', 'Distinct order channels used.'));
  }
  if (on.has('support')) {
    out.push(
      d('tickets_90d', 'support', 'Support tickets in the 90 days before the cutoff.'),
      d('tickets_365d', 'support', 'Support tickets in the 365 days before the cutoff.'),
      d('days_since_last_ticket', 'support', 'Days from the last ticket to the cutoff (missing: none).'),
      d('ticket_sentiment_365d', 'support', 'Mean sentiment of the tickets of the last 365 days (lexicon, -3 to 3; missing: none).'),
      d('negative_tickets_90d', 'support', 'Tickets with negative sentiment in the last 90 days.'),
      d('negative_tickets_365d', 'support', 'Tickets with negative sentiment in the last 365 days.'),
    );
  }
  if (on.has('email')) {
    out.push(
      d('emails_sent_90d', 'email', 'Campaign emails sent in the last 90 days.'),
      d('email_opens_90d', 'email', 'Email opens in the last 90 days.'),
      d('email_clicks_90d', 'email', 'Email clicks in the last 90 days.'),
      d('email_open_rate_90d', 'email', 'Opens per email sent in the last 90 days (missing: none sent).'),
      d('email_opens_trend', 'email', 'Opens in the last 90 days minus opens in the 90 days before.'),
      d('email_clicks_trend', 'email', 'Clicks in the last 90 days minus clicks in the 90 days before.'),
      d('email_unsubscribed', 'email', '1 when the customer unsubscribed before the cutoff.'),
      d('email_bounced', 'email', '1 when an email bounced before the cutoff.'),
      d('days_since_last_open', 'email', 'Days from the last email open to the cutoff (missing: none).'),
    );
  }
  if (on.has('payments')) {
    out.push(
      d('payments_365d', 'payments', 'Payments (made or failed) in the last 365 days.'),
      d('days_since_last_payment', 'payments', 'Days from the last payment (made or failed) to the cutoff (missing: none).'),
      d('payments_failed_90d', 'payments', 'Failed payments in the last 90 days.'),
      d('payments_failed_365d', 'payments', 'Failed payments in the last 365 days.'),
      d('payment_fail_share_365d', 'payments', 'Share of the last 365 days’ payments that failed (missing: none).'),
      d('days_since_last_payment_failure', 'payments', 'Days from the last failed payment to the cutoff (missing: none).'),
    );
  }
  if (on.has('snapshot')) {
    out.push(
      d('age_years', 'snapshot', 'Age at the cutoff from the record’s date of birth (missing: unknown).'),
      d('consent_email', 'snapshot', 'Email consent as imported (not as of the cutoff).'),
      d('consent_sms', 'snapshot', 'SMS consent as imported (not as of the cutoff).'),
    );
  }
  return out;
}

/** Order channels as feature-name parts: lower case, [a-z0-9_]. */
export const channelName = (c: string) => c.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'other';
