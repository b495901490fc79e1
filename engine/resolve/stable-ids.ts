// Stable entity ids across reruns: an entity keeps its id while most of its records stay together.
// A new cluster takes the id of the previous entity more than half of whose records it holds (at
// most one cluster can; of several, the largest overlap); the others get fresh ids.

/**
 * `entity[k]` is the new cluster of row k, `previous[k]` the entity id its record had (null: none).
 * `previousSize` counts each previous entity's records. Returns the id of each cluster.
 */
export function stableIds(entity: Int32Array, clusters: number, previous: (string | null)[], previousSize: Map<string, number>, fresh: (k: number) => string): { ids: string[]; kept: number } {
  const overlap: Map<string, number>[] = Array.from({ length: clusters }, () => new Map());
  for (let k = 0; k < entity.length; k++) {
    const p = previous[k];
    if (p === null || p === undefined) continue;
    const m = overlap[entity[k]!]!;
    m.set(p, (m.get(p) ?? 0) + 1);
  }
  const ids: string[] = new Array(clusters);
  let kept = 0;
  let n = 0;
  for (let c = 0; c < clusters; c++) {
    // of the previous entities this cluster holds most of, the one it shares most records with
    let best: string | null = null;
    let bestCount = 0;
    for (const [p, count] of overlap[c]!) {
      if (count * 2 > (previousSize.get(p) ?? Infinity) && count > bestCount) {
        best = p;
        bestCount = count;
      }
    }
    if (best !== null) kept++;
    ids[c] = best ?? fresh(n++);
  }
  return { ids, kept };
}
