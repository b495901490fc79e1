// A result that ranks above one that beats it on every field shown must say why. The reranker
// weighs evidence the field chips do not show — how rare the matched words are (BM25), closeness of
// the whole record (vectors), agreement of both channels — and that evidence is often right (the
// FEBRL4 bench loses MRR .86 → .81 if such results are pushed down). So the order stays, and the
// result carries the reason: which unseen evidence put it above which closer-looking result.
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

/** Words for the evidence behind a ranking that the field chips do not show. */
const EVIDENCE: Record<string, string> = {
  lexical: 'the words it matches are rarer in this workspace',
  rrf: 'both the word index and the vector index found it',
  vector: 'the whole record is closer to the query',
  recency: 'it is more recent',
};

/**
 * For each of the first `window` results (best first) that ranks above a later one beating it on
 * every field shown, the reason: the hidden feature whose weighted difference favours it most.
 * `contribution(i, feature)` is the ranker's weighted, standardised value of a feature for result i.
 */
export function rankReasons(
  matched: readonly (readonly FieldMatch[])[],
  names: readonly string[],
  features: readonly string[],
  contribution: (i: number, f: number) => number,
): (string | null)[] {
  const out: (string | null)[] = matched.map(() => null);
  for (let i = 0; i < matched.length; i++) {
    const j = matched.findIndex((m, k) => k > i && dominates(m, matched[i]!));
    if (j < 0) continue;
    let best = -1;
    let gain = 0;
    features.forEach((f, k) => {
      if (!(f in EVIDENCE)) return;
      const d = contribution(i, k) - contribution(j, k);
      if (d > gain) [best, gain] = [k, d];
    });
    const why = best >= 0 ? EVIDENCE[features[best]!]! : 'the ranker weighs its evidence higher';
    out[i] = `Ranked above ${names[j]}, which matches every field shown at least as well, because ${why}.`;
  }
  return out;
}
