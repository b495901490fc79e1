// The demo's retention campaign (opt-in: demo.generate { campaign: true }, `aerie demo --campaign`):
// from CAMPAIGN.start a random half of the accounts (by the experiments' own salted hash, so a
// stored experiment with the campaign's salt assigns exactly the arms the campaign acted on) got a
// retention offer. Its true effect on a treated account: if the person churns on or after the start,
// the account is kept (its activity goes on) with probability SAVE; and a CRM account orders at
// ORDER_LIFT × its usual rate from the start on. Events before the start are the same in both arms
// and the same as without the campaign; the extra draws come from their own random streams.
//
// The truth (truth-file.ts) holds each account's outcome under BOTH arms, so the true effect is the
// exact sample average of treated − control outcomes, defined as engine/experiments/outcomes.ts
// reads them from events (the analysis must find it inside its CI).
import type { DB } from '../db/sqlite.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import { assign } from '../experiments/assignment.js';
import { NOT_ACTIVITY, sourceUnit } from '../experiments/metrics.js';
import { createExperiment } from '../experiments/store.js';
import { RowMapper } from '../ingest/row-mapper.js';
import { isEmail } from '../standardize/email.js';
import { dayOf, isoDay, WINDOW_START } from './calendar.js';
import { accountEvents, extraOrders, type EmitEvent } from './events.js';
import { locate, rowRef, type Layout, type RowRef } from './layout.js';
import { hash, rng, unit } from './random.js';
import { DEMO_SOURCES } from './sources.js';
import { person, type Person } from './truth.js';

export const CAMPAIGN = {
  start: dayOf('2025-01-01'),
  horizonDays: 90,
  save: 0.5,
  orderLift: 1.5,
  arms: [{ name: 'control', share: 1 }, { name: 'treatment', share: 1 }],
} as const;
export const campaignSalt = (seed: number) => `demo-campaign:${seed}`;
export const campaignName = (seed: number) => `Retention campaign (demo, seed ${seed})`;
type Arm = 'control' | 'treatment';

export function campaignArm(seed: number, source: string, key: string): Arm {
  return assign([{ unit: sourceUnit(source, key) }], { salt: campaignSalt(seed), arms: [...CAMPAIGN.arms] })[0]!.arm as Arm;
}

/** The account's events had it been in `arm`. */
export function campaignEvents(seed: number, ref: RowRef, p: Person, emailUsable: boolean, opened: number, arm: Arm, emit: EmitEvent): void {
  if (arm === 'control') return accountEvents(seed, ref, p, emailUsable, opened, emit);
  const startIso = isoDay(CAMPAIGN.start);
  accountEvents(seed, ref, p, emailUsable, opened, (t, at, ...rest) => { if (at < startIso) emit(t, at, ...rest); });
  const saved = p.churnDay !== null && p.churnDay >= CAMPAIGN.start && unit(seed, 0xca3, ref.source, ref.k) < CAMPAIGN.save;
  const kept = saved ? { ...p, churnDay: null, churned: false } : p;
  accountEvents(seed, ref, kept, emailUsable, opened, (t, at, ...rest) => { if (at >= startIso) emit(t, at, ...rest); });
  extraOrders(seed, ref, kept, Math.max(CAMPAIGN.start, opened, WINDOW_START), CAMPAIGN.orderLift - 1, emit);
}

interface Outcome { eligible: boolean; churn: number; conversion: number; revenue: number }

function outcomeOf(seed: number, ref: RowRef, p: Person, emailUsable: boolean, arm: Arm): Outcome {
  const pre = isoDay(CAMPAIGN.start - CAMPAIGN.horizonDays), start = isoDay(CAMPAIGN.start), end = isoDay(CAMPAIGN.start + CAMPAIGN.horizonDays);
  let before = 0, after = 0, orders = 0, revenue = 0;
  campaignEvents(seed, ref, p, emailUsable, p.signup, arm, (type, at, amount) => {
    if (at < pre || at >= end) return;
    const post = at >= start;
    if (!NOT_ACTIVITY.has(type)) post ? after++ : before++;
    if (post && type === 'order') { orders++; revenue += amount ?? 0; }
  });
  return { eligible: before > 0, churn: after > 0 ? 0 : 1, conversion: orders > 0 ? 1 : 0, revenue: Math.round(revenue * 100) / 100 };
}

export interface CampaignTruth {
  lines: string[];
  effect: Record<'churn_90d' | 'conversion' | 'revenue', { population: number; treated: number; trueEffect: number }>;
}

/** Both potential outcomes of every account (the same render as demo.generate, to know its key and e-mail). */
export function campaignTruth(L: Layout): CampaignTruth {
  const mappers = DEMO_SOURCES.map((src) => new RowMapper('customers', src.columns.map(([c]) => c), Object.fromEntries(src.columns), undefined));
  const iKey = CUSTOMER_ATTRIBUTES.indexOf('source_key');
  const lines: string[] = [];
  type Sum = { n: number; treated: number; diff: number }; // population, treated, Σ(y1 − y0)
  const sum: Record<'churn_90d' | 'conversion' | 'revenue', Sum> = { churn_90d: { n: 0, treated: 0, diff: 0 }, conversion: { n: 0, treated: 0, diff: 0 }, revenue: { n: 0, treated: 0, diff: 0 } };
  const add = (s: Sum, t: number, d: number) => { s.n++; s.treated += t; s.diff += d; };
  for (let i = 0; i < L.customers; i++) {
    const { s, k } = locate(L, i);
    const src = DEMO_SOURCES[s]!;
    const ref = rowRef(L, s, k);
    const p = person(L.seed, ref.person);
    const mapped = mappers[s]!.map(src.render(ref, p, rng(hash(L.seed, 400 + s, k)))).values;
    const key = String(mapped[CUSTOMER_ATTRIBUTES[iKey]!] ?? '');
    const emailUsable = isEmail(String(mapped.email ?? ''));
    const arm = campaignArm(L.seed, src.name, key);
    const y0 = outcomeOf(L.seed, ref, p, emailUsable, 'control'), y1 = outcomeOf(L.seed, ref, p, emailUsable, 'treatment');
    const t = arm === 'treatment' ? 1 : 0;
    if (y0.eligible) add(sum.churn_90d, t, y1.churn - y0.churn);
    add(sum.conversion, t, y1.conversion - y0.conversion);
    add(sum.revenue, t, y1.revenue - y0.revenue);
    lines.push(`${src.name},${key},${arm},${y0.eligible ? 1 : 0},${y0.churn},${y1.churn},${y0.conversion},${y1.conversion},${y0.revenue.toFixed(2)},${y1.revenue.toFixed(2)}`);
  }
  const eff = (a: Sum) => ({ population: a.n, treated: a.treated, trueEffect: a.n ? a.diff / a.n : 0 });
  return { lines, effect: { churn_90d: eff(sum.churn_90d), conversion: eff(sum.conversion), revenue: eff(sum.revenue) } };
}

export const CAMPAIGN_HEADER = 'source,source_key,arm,eligible_churn,churn_control,churn_treatment,converted_control,converted_treatment,revenue_control,revenue_treatment';

/** The campaign as a stored experiment (draft, not yet assigned) with the campaign's salt. */
export function storeCampaignExperiment(db: DB, seed: number): void {
  if (db.prepare('SELECT 1 FROM experiments WHERE name = ?').get(campaignName(seed))) return;
  createExperiment(db, {
    name: campaignName(seed),
    hypothesis: `A retention offer from ${isoDay(CAMPAIGN.start)} lowers 90-day churn and raises orders (demo: the true effect is in the truth folder).`,
    unitKind: 'source', arms: [...CAMPAIGN.arms], holdout: 0, stratifyColumn: null,
    primaryMetric: 'churn_90d', guardrailMetrics: ['conversion', 'revenue'],
    startsOn: isoDay(CAMPAIGN.start), endsOn: isoDay(CAMPAIGN.start + CAMPAIGN.horizonDays - 1),
  }, 'demo', campaignSalt(seed));
}
