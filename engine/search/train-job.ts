// search.train: fit the reranker on (a) analyst feedback and (b) record pairs that deterministic
// keys prove (same normalised email / phone, or a named raw column such as a national id).
// For (b), queries are made from one record of a proven pair (its name; name + city; the whole
// record without the proving key) and the other records sharing the key are the relevant results.
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { keyGroups } from '../records/keys.js';
import { RECORD_COLUMNS, recordName, type RecordRow } from '../records/record.js';
import { candidateFeatures, queryInfo } from './features.js';
import { listFeedback } from './feedback.js';
import { removeModelsOfJob } from '../models/registry.js';
import { FIXED, saveRanker, trainRanker, type TrainGroup } from './ranker.js';
import { searchService, type SearchService } from './service.js';

export interface TrainParams {
  keys: string[];
  useFeedback: boolean;
  maxPairs: number;
}

/** Queries an analyst might type for a record, without the proving key. */
export function queriesFor(r: RecordRow, key: string): string[] {
  const name = recordName(r);
  const out: string[] = [];
  if (name) out.push(name);
  if (name && r.city) out.push(`${name} ${r.city}`);
  const whole = [name, r.address_line, r.city, r.postcode, key === 'email' ? null : r.email, key === 'phone' ? null : r.phone, r.date_of_birth].filter(Boolean).join(' ');
  if (whole && whole !== name) out.push(whole);
  return out;
}

function shuffle<T>(a: T[], seed: number): T[] {
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** Training groups from key-proven pairs. */
export async function keyPairGroups(svc: SearchService, db: DB, keys: string[], maxPairs: number, onStep?: (done: number, total: number) => Promise<void>): Promise<TrainGroup[]> {
  const anchors: { id: number; positives: Set<number>; key: string }[] = [];
  for (const key of keys) for (const g of keyGroups(db, key)) for (const id of g) anchors.push({ id, positives: new Set(g.filter((x) => x !== id)), key });
  const chosen = shuffle(anchors, 17).slice(0, maxPairs);
  const rowStmt = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id = ?`);
  const groups: TrainGroup[] = [];
  let i = 0;
  for (const a of chosen) {
    const r = rowStmt.get(a.id) as RecordRow | undefined;
    if (!r) continue;
    for (const q of queriesFor(r, a.key)) {
      const { ranked } = await svc.rank(q, { limit: 50, ranker: FIXED, exclude: new Set([a.id]), fused: 50 });
      const ys = ranked.map((c) => (a.positives.has(c.row.id) ? 1 : 0));
      if (ys.includes(1) && ys.includes(0)) groups.push({ xs: ranked.map((c) => c.scored.x), ys });
    }
    if (++i % 25 === 0 && onStep) await onStep(i, chosen.length);
  }
  return groups;
}

/** Training groups from analyst feedback: clicked / confirmed = relevant, rejected or passed over = not. */
export async function feedbackGroups(svc: SearchService, db: DB): Promise<TrainGroup[]> {
  const byQuery = new Map<string, { pos: Set<number>; neg: Set<number>; n: number }>();
  for (const f of listFeedback(db)) {
    let g = byQuery.get(f.query);
    if (!g) byQuery.set(f.query, (g = { pos: new Set(), neg: new Set(), n: 0 }));
    g.n++;
    if (f.kind === 'reject') g.neg.add(f.record_id);
    else {
      g.pos.add(f.record_id);
      g.neg.delete(f.record_id);
      // results shown above the clicked one and passed over
      for (const id of f.shown) {
        if (id === f.record_id) break;
        if (!g.pos.has(id)) g.neg.add(id);
      }
    }
  }
  const rowStmt = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id = ?`);
  const groups: TrainGroup[] = [];
  for (const [q, fb] of byQuery) {
    const { ranked, parsed } = await svc.rank(q, { limit: 50, ranker: FIXED, fused: 50 });
    const xs = ranked.map((c) => c.scored.x);
    const ys = ranked.map((c) => (fb.pos.has(c.row.id) ? 1 : 0));
    const seen = new Set(ranked.map((c) => c.row.id));
    const info = queryInfo(parsed);
    for (const id of fb.pos) {
      if (seen.has(id)) continue;
      const row = rowStmt.get(id) as RecordRow | undefined;
      if (!row) continue;
      xs.push(candidateFeatures(info, { row, lexRank: null, lexScore: 0, vecRank: null, vecSim: null, rrf: 0 }, 1, Math.max(1, row.id), false).x);
      ys.push(1);
    }
    // an analyst's judgement outweighs a key-derived pair; repeated judgements count more
    if (ys.includes(1) && ys.includes(0)) groups.push({ xs, ys, weight: FEEDBACK_WEIGHT * Math.min(10, fb.n) });
  }
  return groups;
}

const FEEDBACK_WEIGHT = 5;

export const searchTrainJob: JobKind<TrainParams> = {
  kind: 'search.train',
  unit: 'queries',
  label: () => 'Train the search reranker',
  resumable: false,
  tables: ['models'],
  async run(ctx) {
    const { db, params } = ctx;
    const svc = searchService(db, ctx.workspace);
    ctx.progress(0, null, 'Collecting feedback');
    const fb = params.useFeedback ? await feedbackGroups(svc, db) : [];
    await ctx.yield();
    const keyed = params.keys.length
      ? await keyPairGroups(svc, db, params.keys, params.maxPairs, async (done, total) => {
          ctx.progress(done, total, 'Queries from key-proven pairs');
          await ctx.yield();
        })
      : [];
    const groups = [...fb, ...keyed];
    if (groups.length === 0) {
      throw new AerieError('BAD_DATA', 'Nothing to train on: no search feedback, and no records share an email, phone or the named key.', {
        hint: 'Click or confirm search results (search.feedback), or name a key column shared by duplicate records.',
      });
    }
    const { model, pairs, metrics } = trainRanker(groups);
    const trainedOn = { feedbackQueries: fb.length, keyQueries: keyed.length, keys: params.keys, pairs, ...metrics };
    const id = saveRanker(db, model, trainedOn, ctx.jobId);
    svc.invalidateRanker();
    return { rankerId: id, ...trainedOn };
  },
  rollback(db, jobId) {
    // the previous model ranks again (the search service hears that `models` changed)
    removeModelsOfJob(db, jobId);
  },
};

