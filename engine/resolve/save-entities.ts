// A run's entities, stored: the previous run's ids kept where most of an entity's records stay
// together, the steward's decisions bound on top (splits never re-merge, merges and locks hold;
// engine/golden/decisions.ts), then the members and entity sizes written in yielding chunks.
// Shared by the full and the link run.
import type { DB } from '../db/sqlite.js';
import { applyStewardDecisions } from '../golden/decisions.js';
import { stableIds } from './stable-ids.js';
import { insertEntities, insertMembers } from './store.js';

/** The entity sizes after the decisions (their count is the run's entity count) and how many ids were kept. */
export async function saveEntities(
  db: DB,
  runId: number,
  ids: ArrayLike<number>,
  clusters: { entity: Int32Array; entities: number },
  previous: ReadonlyMap<number, string>,
  chunkSize: number,
  yieldNow: () => Promise<void>,
): Promise<{ sizes: Map<string, number>; kept: number }> {
  const prev = Array.from(ids, (id) => previous.get(id) ?? null);
  const prevSize = new Map<string, number>();
  for (const e of previous.values()) prevSize.set(e, (prevSize.get(e) ?? 0) + 1);
  const stable = stableIds(clusters.entity, clusters.entities, prev, prevSize, (k) => `E${runId}-${k + 1}`);
  const sizes = new Map<string, number>();
  const members: [number, string][] = [];
  for (let k = 0; k < ids.length; k++) {
    const e = stable.ids[clusters.entity[k]!]!;
    members.push([ids[k]!, e]);
    sizes.set(e, (sizes.get(e) ?? 0) + 1);
  }
  applyStewardDecisions(db, members, sizes);
  for (let s = 0; s < members.length; s += chunkSize * 5) {
    insertMembers(db, runId, members.slice(s, s + chunkSize * 5));
    await yieldNow();
  }
  insertEntities(db, runId, sizes);
  return { sizes, kept: stable.kept };
}
