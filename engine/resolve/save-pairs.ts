// The scored pairs of a run written to the workspace in chunks (a full run and a link run alike):
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

/** Stores the run's pairs (record ids from `ids`); `afterChunk` yields to the job between chunks. */
export async function savePairs(db: DB, runId: number, res: RunPairs, ids: ArrayLike<number>, threshold: number, chunkSize: number, afterChunk: () => Promise<void>): Promise<{ matches: number; matchesByRule: number[] }> {
  const { pairs, comparisons: comps, model } = res;
  const C = comps.length;
  let matches = 0;
  const matchesByRule = res.rules.map(() => 0);
  let chunk: StoredPair[] = [];
  for (let p = 0; p < pairs.a.length; p++) {
    const prob = pairs.probability[p]!;
    if (prob >= threshold) {
      matches++;
      matchesByRule[pairs.rule[p]!]!++;
    }
    if (prob < STORE_FLOOR) continue;
    const i = pairs.a[p]!;
    const j = pairs.b[p]!;
    const levels = new Int8Array(C);
    const tf = new Float32Array(C);
    for (let c = 0; c < C; c++) {
      const l = comps[c]!.level(i, j);
      levels[c] = l;
      if (l >= 0 && l === comps[c]!.tfLevel) tf[c] = tfAdjustment(model.comparisons[c]!, comps[c]!.tf(i, j));
    }
    const [ra, rb] = ids[i]! < ids[j]! ? [ids[i]!, ids[j]!] : [ids[j]!, ids[i]!];
    chunk.push({ a: ra, b: rb, probability: prob, weight: pairs.weight[p]!, rule: pairs.rule[p]!, levels, tf });
    if (chunk.length >= chunkSize) {
      insertPairs(db, runId, chunk);
      chunk = [];
      await afterChunk();
    }
  }
  insertPairs(db, runId, chunk);
  return { matches, matchesByRule };
}
