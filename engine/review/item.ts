// One queue item as the steward sees it: both records side by side, field by field with the
// differences marked, why it is queued, and (unless blind) the model's score and the pair's
// waterfall — resolve's own explanation of a stored pair, not a copy of it.
import type { z } from 'zod';
import type { ReviewField, ReviewItem, ReviewReason } from '../api/review.js';
import type { DB } from '../db/sqlite.js';
import type { Model } from '../resolve/em.js';
import { explainStored, type LatestRun } from '../resolve/store.js';
import { sameEntityNow } from './binding.js';
import type { QueueItem } from './queue.js';

const FIELDS = ['given_name', 'family_name', 'full_name', 'date_of_birth', 'email', 'phone', 'address_line', 'city', 'postcode', 'country', 'company'] as const;

const WHY: Record<ReviewReason, (blind: boolean, it: QueueItem) => string> = {
  nearThreshold: () => 'the model is least sure of it (close to the threshold)',
  weakEntity: () => 'the weakest link holding an entity together',
  largeEntity: (_b, it) => `the weakest link of a large entity (${it.size} records)`,
  household: () => 'one address, other given names: two people of one household in one entity?',
};

const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();

export function fieldStates(ra: Record<string, unknown>, rb: Record<string, unknown>): z.infer<typeof ReviewField>[] {
  return FIELDS.map((name) => {
    const a = (ra[name] as string | null) ?? null;
    const b = (rb[name] as string | null) ?? null;
    const x = norm(a);
    const y = norm(b);
    const state = !x && !y ? 'empty' : !x || !y ? 'missing' : x === y ? 'same' : 'different';
    return { name, a: x ? a : null, b: y ? b : null, state };
  });
}

export function renderItem(db: DB, run: LatestRun, model: Model | null, it: QueueItem, skipped: boolean, blind: boolean): z.infer<typeof ReviewItem> {
  const st = db.prepare(`SELECT r.id, s.name AS source, r.source_key, ${FIELDS.map((f) => `r.${f}`).join(', ')} FROM records r JOIN sources s ON s.id = r.source_id WHERE r.id = ?`);
  const ra = st.get(it.a) as Record<string, unknown> | undefined;
  const rb = st.get(it.b) as Record<string, unknown> | undefined;
  const rec = (id: number, r: Record<string, unknown> | undefined) => ({ id, source: (r?.source as string | undefined) ?? '(erased)', sourceKey: (r?.source_key as string | null | undefined) ?? null });
  let explanation = null;
  if (!blind && model) explanation = explainStored(db, run.id, model, it.a, it.b);
  return {
    id: `${it.a}-${it.b}`,
    a: rec(it.a, ra),
    b: rec(it.b, rb),
    reasons: it.reasons,
    why: (skipped ? 'skipped earlier; ' : '') + it.reasons.map((r) => WHY[r](blind, it)).join('; '),
    skipped,
    fields: fieldStates(ra ?? {}, rb ?? {}),
    sameEntity: blind ? null : sameEntityNow(db, run, it.a, it.b),
    score: explanation ? { probability: explanation.probability, weight: explanation.weight, threshold: run.threshold } : null,
    explanation,
  };
}
