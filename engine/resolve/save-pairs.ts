// The scored pairs of a run written to the workspace in chunks (full, link and incremental runs alike):
// each with its per-comparison levels and term-frequency adjustments, so explanations are read back
// exactly; pairs below STORE_FLOOR are counted, not stored. Matches are counted by rule on the way.
import type { DB } from '../db/sqlite.js';
import type { Comparison } from './comparisons.js';
import type { Model } from './em.js';
import type { ScoredPairs } from './pipeline.js';
import { tfAdjustment } from './score.js';
import { insertPairs, type StoredPair } from './store.js';

/** Pairs below this probability are counted but not stored (they would only fill the file). */
export const STORE_FLOOR = 0.001;

export interface RunPairs {
  pairs: ScoredPairs;
  comparisons: Comparison[];
  model: Model;
  rules: readonly unknown[];
}

/**
 * The run's pairs to store (record ids from `ids`), `chunkSize` at a time, with the matches counted
 * by rule on the way (complete once every chunk is taken). Full, link and incremental runs alike;
 * `known`: the pairs' levels where the run has them already (comparison c of pair p at c * pairs + p).
 */
export function* pairChunks(res: RunPairs, ids: ArrayLike<number>, threshold: number, chunkSize: number, counts: { matches: number; matchesByRule: number[] }, known?: Int8Array): Generator<StoredPair[]> {
  const { pairs, comparisons: comps, model } = res;
  const C = comps.length;
  const P = pairs.a.length;
  let chunk: StoredPair[] = [];
  for (let p = 0; p < pairs.a.length; p++) {
    const prob = pairs.probability[p]!;
    if (prob >= threshold) {
      counts.matches++;
      counts.matchesByRule[pairs.rule[p]!]!++;
    }
    if (prob < STORE_FLOOR) continue;
    const i = pairs.a[p]!;
    const j = pairs.b[p]!;
    const levels = new Int8Array(C);
    const tf = new Float32Array(C);
    for (let c = 0; c < C; c++) {
      const l = known ? known[c * P + p]! : comps[c]!.level(i, j);
      levels[c] = l;
      if (l >= 0 && l === comps[c]!.tfLevel) tf[c] = tfAdjustment(model.comparisons[c]!, comps[c]!.tf(i, j));
    }
    const [ra, rb] = ids[i]! < ids[j]! ? [ids[i]!, ids[j]!] : [ids[j]!, ids[i]!];
    chunk.push({ a: ra, b: rb, probability: prob, weight: pairs.weight[p]!, rule: pairs.rule[p]!, levels, tf });
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  yield chunk;
}

/** Stores the run's pairs (record ids from `ids`); `afterChunk` yields to the job between chunks. */
export async function savePairs(db: DB, runId: number, res: RunPairs, ids: ArrayLike<number>, threshold: number, chunkSize: number, afterChunk: () => Promise<void>): Promise<{ matches: number; matchesByRule: number[] }> {
  const counts = { matches: 0, matchesByRule: res.rules.map(() => 0) };
  let first = true;
  for (const chunk of pairChunks(res, ids, threshold, chunkSize, counts)) {
    if (!first) await afterChunk();
    first = false;
    insertPairs(db, runId, chunk);
  }
  return counts;
}
