// A result never ranks below one it beats on every field without a visible reason. The reranker
// weighs evidence the analyst does not see (a rare exact word counts for much); when a lower result
// matches every field at least as well as a higher one, and clearly better on one ("mitchell green",
// name 96%, below "harry gren", name 74%, for "mtichell gren"), it moves above it and takes its
// score, so the scores shown stay in order.
import type { SearchFieldName } from '../api/search.js';

export interface FieldMatch {
  field: SearchFieldName;
  similarity: number;
}

/** How much better on one field counts as clearly better (similarities are rounded to 0.001). */
const MARGIN = 0.05;

/** a matches every field of either at least as well as b, and one field clearly better. */
export function dominates(a: readonly FieldMatch[], b: readonly FieldMatch[]): boolean {
  const sim = (ms: readonly FieldMatch[], f: SearchFieldName) => ms.reduce((m, x) => (x.field === f ? Math.max(m, x.similarity) : m), 0);
  const fields = new Set<SearchFieldName>([...a.map((m) => m.field), ...b.map((m) => m.field)]);
  let clearly = false;
  for (const f of fields) {
    const sa = sim(a, f);
    const sb = sim(b, f);
    if (sa < sb) return false;
    if (sa >= sb + MARGIN) clearly = true;
  }
  return clearly;
}

/**
 * Reorders the first `window` items (already sorted by score, best first) so that no item sits
 * below one it dominates, then lifts scores so they never increase down the list. Stable otherwise.
 */
export function orderByDominance<T extends { score: number }>(items: T[], matchedOf: (t: T) => readonly FieldMatch[], window = 50): void {
  const n = Math.min(window, items.length);
  const m = items.slice(0, n).map(matchedOf);
  // each item goes just above the highest one it dominates (items in between do not dominate it:
  // had one, it would itself have moved above that highest one when its turn came)
  for (let i = 1; i < n; i++) {
    let j = 0;
    while (j < i && !dominates(m[i]!, m[j]!)) j++;
    if (j === i) continue;
    items.splice(j, 0, items.splice(i, 1)[0]!);
    m.splice(j, 0, m.splice(i, 1)[0]!);
  }
  for (let k = n - 2; k >= 0; k--) if (items[k]!.score < items[k + 1]!.score) items[k]!.score = items[k + 1]!.score;
}
