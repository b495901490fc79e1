// Interaction history per account, driven by the hidden truth: orders and support tickets in the
// CRM, campaign email events in the marketing feed, payments in billing. Activity starts at signup
// (or the window start), thins out over the half year before a churner leaves, and stops the day
// before their churn date. Complaints rise, and angry tickets appear, before churn.
import { WINDOW_END, WINDOW_START, isoAt } from './calendar.js';
import type { RowRef } from './layout.js';
import { ANGRY, COMPLAINTS, QUESTIONS } from './people.js';
import { chance, expo, hash, int, pick, rng, weighted, type Rng } from './random.js';
import type { Person } from './truth.js';

export type EmitEvent = (type: string, at: string, amount: number | null, channel: string | null, text: string | null) => void;

const CAMPAIGN_EVERY = 60;
const round2 = (x: number) => Math.round(x * 100) / 100;
const at = (r: Rng, day: number) => isoAt(day, int(r, 7 * 3600, 22 * 3600));

/** Activity multiplier: 1, falling to 0.25 over the 180 days before churn. */
function liveliness(p: Person, day: number): number {
  if (p.churnDay === null || day < p.churnDay - 180) return 1;
  return 0.25 + (0.75 * (p.churnDay - day)) / 180;
}

const ORDER_CHANNELS = [['web', 0.55], ['store', 0.2], ['phone', 0.15], ['app', 0.1]] as const;
const PAY_CHANNELS = [['direct debit', 0.6], ['card', 0.25], ['bank transfer', 0.1], ['cheque', 0.05]] as const;
const TICKET_CHANNELS = [['email', 0.5], ['phone', 0.3], ['chat', 0.15], ['letter', 0.05]] as const;

function ticketText(r: Rng, p: Person, day: number): string {
  const nearChurn = p.churnDay !== null && day > p.churnDay - 120;
  if (chance(r, nearChurn ? 0.5 : 0.03 * p.complaintRate)) return pick(r, ANGRY);
  if (chance(r, (nearChurn ? 0.5 : 0.2) + 0.5 * p.complaintRate)) return pick(r, COMPLAINTS);
  const q = pick(r, QUESTIONS);
  return chance(r, 0.01) ? `+44 ${int(r, 1000, 9999)} ${int(r, 100000, 999999)} - call me back. ${q}` : q;
}

/** Orders as a Poisson process at `rate` a year over [from, to), thinned as a churner fades. */
function orders(r: Rng, p: Person, from: number, to: number, rate: number, emit: EmitEvent): void {
  for (let t = from + expo(r, 365 / rate); t < to; t += expo(r, 365 / rate)) {
    const day = Math.floor(t);
    if (r() >= liveliness(p, day)) continue;
    emit('order', at(r, day), round2(12 + expo(r, 45 * (1.2 - p.priceSensitivity))), weighted(r, ORDER_CHANNELS), null);
  }
}

/**
 * The demo campaign's extra orders: `factor` × the account's usual order rate from day `from` on,
 * drawn from their own stream so accountEvents' stream (and every demo without the campaign) is
 * unchanged.
 */
export function extraOrders(seed: number, ref: RowRef, p: Person, from: number, factor: number, emit: EmitEvent): void {
  const to = p.churnDay ?? WINDOW_END + 1;
  if (ref.source !== 0 || factor <= 0 || from >= to) return;
  orders(rng(hash(seed, 350, ref.k)), p, from, to, (0.5 + 3 * p.engagement) * (ref.duplicate ? 0.3 : 1) * factor, emit);
}

export function accountEvents(seed: number, ref: RowRef, p: Person, emailUsable: boolean, opened: number, emit: EmitEvent): void {
  const r = rng(hash(seed, 300 + ref.source, ref.k));
  const from = Math.max(opened, WINDOW_START);
  const to = p.churnDay ?? WINDOW_END + 1; // exclusive: nothing on or after the churn day
  if (from >= to) return;
  const share = ref.duplicate ? 0.3 : 1;

  if (ref.source === 0) {
    orders(r, p, from, to, (0.5 + 3 * p.engagement) * share, emit);
    // Support tickets: more of them, and angrier, in the months before a churner leaves.
    const base = (0.15 + 1.2 * p.complaintRate) * share;
    const peak = base * 2.5;
    for (let t = from + expo(r, 365 / peak); t < to; t += expo(r, 365 / peak)) {
      const day = Math.floor(t);
      const nearChurn = p.churnDay !== null && day > p.churnDay - 120;
      if (!nearChurn && r() >= 1 / 2.5) continue;
      emit('ticket', at(r, day), null, weighted(r, TICKET_CHANNELS), ticketText(r, p, day));
    }
    if (p.churnDay !== null && !ref.duplicate && chance(r, 0.6)) {
      const day = p.churnDay - int(r, 5, 45);
      if (day >= from) emit('ticket', at(r, day), null, weighted(r, TICKET_CHANNELS), pick(r, ANGRY));
    }
  } else if (ref.source === 1) {
    // Campaign emails, to subscribers who consented; broken addresses bounce once and are suppressed.
    if (!p.consentEmail) return;
    for (let day = WINDOW_START + 10; day < to; day += CAMPAIGN_EVERY) {
      if (day < from) continue;
      const ch = 'email';
      if (!emailUsable) {
        emit('email.bounce', at(r, day), null, ch, null);
        return;
      }
      emit('email.sent', isoAt(day, 6 * 3600 + int(r, 0, 3600)), null, ch, null);
      const live = liveliness(p, day);
      if (chance(r, (0.08 + 0.5 * p.engagement) * live)) {
        const openDay = day + int(r, 0, 4);
        if (openDay < to) {
          emit('email.open', at(r, openDay), null, ch, null);
          if (chance(r, 0.25) && openDay < to) emit('email.click', at(r, openDay), null, ch, null);
        }
      }
      const nearChurn = p.churnDay !== null && day > p.churnDay - 120;
      if (chance(r, 0.004 + 0.015 * p.priceSensitivity + (nearChurn ? 0.08 : 0))) {
        const d = day + int(r, 0, 6);
        if (d < to) emit('email.unsubscribe', at(r, d), null, ch, null);
        return;
      }
    }
  } else {
    // Quarterly payments; price-sensitive customers miss more of them. Second accounts die early.
    const amount = round2(20 + expo(r, 60));
    let n = 0;
    for (let day = from + int(r, 0, 90); day < to; day += int(r, 85, 95)) {
      if (ref.duplicate && ++n > 3) break;
      const failed = chance(r, 0.03 + 0.12 * p.priceSensitivity);
      emit(failed ? 'payment.failed' : 'payment', at(r, day), amount, weighted(r, PAY_CHANNELS), null);
    }
  }
}
