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

/**
 * One table row: a single feature, a measure taken over each of its windows (named
 * `${stem}_${w}d`), or one feature per order channel. A group's features come in row order, and a
 * windowed row's in the order of its windows.
 */
type Row =
  | { name: string; description: string }
  | { stem: string; windows: readonly number[]; description: (w: number) => string }
  | { perChannel: (c: string) => { name: string; description: string } };

const before = (w: number) => `in the ${w} days before the cutoff`;

/** The features by group, in the order models and the feature list show them. */
const TABLE: readonly [ChurnFeatureGroup, readonly Row[]][] = [
  [
    'rfm',
    [
      { stem: 'orders', windows: WINDOWS, description: (w) => `Orders ${before(w)}.` },
      { stem: 'spend', windows: WINDOWS, description: (w) => `Order amount ${before(w)}.` },
      { name: 'orders_all', description: 'Orders before the cutoff.' },
      { name: 'spend_all', description: 'Order amount before the cutoff.' },
      { name: 'avg_order_value', description: 'Mean order amount before the cutoff.' },
      { name: 'days_since_last_order', description: 'Days from the last order to the cutoff (missing: never ordered).' },
      { stem: 'order_trend', windows: [90], description: (w) => `Orders in the last ${w} days minus orders in the ${w} days before those.` },
      { name: 'days_since_last_event', description: 'Days from the last event of any kind to the cutoff.' },
      { name: 'events_all', description: 'Events of any kind before the cutoff.' },
      { stem: 'activity', windows: [90], description: (w) => `The customer’s own events (orders, tickets, email opens and clicks, payments) in the last ${w} days.` },
      { stem: 'activity_trend', windows: [90], description: (w) => `Own events in the last ${w} days minus those in the ${w} days before.` },
      { name: 'days_since_last_activity', description: 'Days from the customer’s last own event to the cutoff (missing: none).' },
    ],
  ],
  ['tenure', [{ name: 'tenure_days', description: 'Days from the first event to the cutoff.' }]],
  [
    'productMix',
    [
      { perChannel: (c) => ({ name: `orders_share_${c}`, description: `Share of orders placed through ${c}.` }) },
      { name: 'order_channels_used', description: 'Distinct order channels used.' },
    ],
  ],
  [
    'support',
    [
      { stem: 'tickets', windows: [90, 365], description: (w) => `Support tickets ${before(w)}.` },
      { name: 'days_since_last_ticket', description: 'Days from the last ticket to the cutoff (missing: none).' },
      { stem: 'ticket_sentiment', windows: [365], description: (w) => `Mean sentiment of the tickets of the last ${w} days (lexicon, -3 to 3; missing: none).` },
      { stem: 'negative_tickets', windows: [90, 365], description: (w) => `Tickets with negative sentiment in the last ${w} days.` },
    ],
  ],
  [
    'email',
    [
      { stem: 'emails_sent', windows: [90], description: (w) => `Campaign emails sent in the last ${w} days.` },
      { stem: 'email_opens', windows: [90], description: (w) => `Email opens in the last ${w} days.` },
      { stem: 'email_clicks', windows: [90], description: (w) => `Email clicks in the last ${w} days.` },
      { stem: 'email_open_rate', windows: [90], description: (w) => `Opens per email sent in the last ${w} days (missing: none sent).` },
      { name: 'email_opens_trend', description: 'Opens in the last 90 days minus opens in the 90 days before.' },
      { name: 'email_clicks_trend', description: 'Clicks in the last 90 days minus clicks in the 90 days before.' },
      { name: 'email_unsubscribed', description: '1 when the customer unsubscribed before the cutoff.' },
      { name: 'email_bounced', description: '1 when an email bounced before the cutoff.' },
      { name: 'days_since_last_open', description: 'Days from the last email open to the cutoff (missing: none).' },
    ],
  ],
  [
    'payments',
    [
      { stem: 'payments', windows: [365], description: (w) => `Payments (made or failed) in the last ${w} days.` },
      { name: 'days_since_last_payment', description: 'Days from the last payment (made or failed) to the cutoff (missing: none).' },
      { stem: 'payments_failed', windows: [90, 365], description: (w) => `Failed payments in the last ${w} days.` },
      { stem: 'payment_fail_share', windows: [365], description: (w) => `Share of the last ${w} days’ payments that failed (missing: none).` },
      { name: 'days_since_last_payment_failure', description: 'Days from the last failed payment to the cutoff (missing: none).' },
    ],
  ],
  [
    'snapshot',
    [
      { name: 'age_years', description: 'Age at the cutoff from the record’s date of birth (missing: unknown).' },
      { name: 'consent_email', description: 'Email consent as imported (not as of the cutoff).' },
      { name: 'consent_sms', description: 'SMS consent as imported (not as of the cutoff).' },
    ],
  ],
];

/** The computed features of the groups asked for (source columns are listed by source-columns.ts), in table order. */
export function featureDefs(groups: readonly ChurnFeatureGroup[], channels: readonly string[]): FeatureDef[] {
  const out: FeatureDef[] = [];
  const on = new Set(groups);
  for (const [group, rows] of TABLE) {
    if (!on.has(group)) continue;
    for (const row of rows) {
      if ('stem' in row) for (const w of row.windows) out.push({ name: `${row.stem}_${w}d`, group, description: row.description(w) });
      else if ('perChannel' in row) for (const c of channels) out.push({ ...row.perChannel(c), group });
      else out.push({ name: row.name, group, description: row.description });
    }
  }
  return out;
}

/** Order channels as feature-name parts: lower case, [a-z0-9_]. */
export const channelName = (c: string) => c.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'other';
