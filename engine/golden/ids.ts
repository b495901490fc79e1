// Golden ids: stable across builds, with a history. A group whose records a steward decision put
// together takes the id the decision names (the kept record of a merge, the locked record, the new
// record of a split). Every other group keeps the id of the previous golden record more than half of
// whose records (not taken by a decision) it holds; the rest get new ids. Each new id is "split from"
// the previous record most of its records came from ("created" when none), and each id that is gone
// is "merged into" the record now holding most of its records ("retired" when none does).
import type { DB } from '../db/sqlite.js';

export interface IdEvent {
  goldenId: string;
  event: 'created' | 'merged_into' | 'split_from' | 'retired';
  otherId: string | null;
  decisionId: number | null;
}

/** Allocate `n` new golden ids (G0000001, …); the counter lives in golden_settings. */
export function allocateIds(db: DB, n: number): string[] {
  const next = Number((db.prepare("SELECT value FROM golden_settings WHERE key = 'next_id'").pluck().get() as number | undefined) ?? 1);
  db.prepare("INSERT INTO golden_settings (key, value) VALUES ('next_id', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(next + n);
  return Array.from({ length: n }, (_, k) => `G${String(next + k).padStart(7, '0')}`);
}

export interface IdAssignment {
  /** Golden id of each group label. */
  ids: Map<string, string>;
  events: IdEvent[];
  kept: number;
  created: number;
  retired: number;
}

/**
 * `groups`: label → its records. `forced`: label → the id a decision gives it (and the decision).
 * `previous`: record → its golden id in the previous build.
 */
export function assignIds(
  db: DB,
  groups: Map<string, number[]>,
  forced: Map<string, { id: string; decisionId: number }>,
  previous: Map<number, string>,
  /** Ids a steward's undone merge took away, with the records they held: such an id comes back to
   * a group made mostly of them that holds most of them (undoing a merge restores the id it retired). */
  revive: ReadonlyMap<string, readonly number[]> = new Map(),
  /** Group label → the id it takes back (the records an undone merge let go). */
  reviveLabels: ReadonlyMap<string, string> = new Map(),
): IdAssignment {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const [label, f] of forced) {
    if (!groups.has(label) || taken.has(f.id)) continue;
    ids.set(label, f.id);
    taken.add(f.id);
  }
  // the records an undone merge let go (grouped as U<decision>) take back the id it retired, and so
  // does any group made mostly of them and holding most of them
  for (const [label, id] of reviveLabels) {
    if (!groups.has(label) || taken.has(id) || ids.has(label)) continue;
    ids.set(label, id);
    taken.add(id);
  }
  if (revive.size > 0) {
    const labelOf = new Map<number, string>();
    for (const [label, recs] of groups) for (const r of recs) labelOf.set(r, label);
    for (const [id, held] of revive) {
      if (taken.has(id)) continue;
      const overlap = new Map<string, number>();
      for (const r of held) {
        const l = labelOf.get(r);
        if (l !== undefined) overlap.set(l, (overlap.get(l) ?? 0) + 1);
      }
      for (const [label, count] of overlap) {
        if (ids.has(label) || count * 2 <= held.length || count * 2 <= groups.get(label)!.length) continue;
        ids.set(label, id);
        taken.add(id);
        break;
      }
    }
  }
  // previous records still free to keep their id: those not moved into a group forced to another id
  const freeSize = new Map<string, number>();
  for (const [label, recs] of groups) {
    const f = ids.get(label);
    for (const r of recs) {
      const p = previous.get(r);
      if (p !== undefined && (f === undefined || f === p)) freeSize.set(p, (freeSize.get(p) ?? 0) + 1);
    }
  }
  const fresh: string[] = [];
  for (const [label, recs] of groups) {
    if (ids.has(label)) continue;
    const overlap = new Map<string, number>();
    for (const r of recs) {
      const p = previous.get(r);
      if (p !== undefined && !taken.has(p)) overlap.set(p, (overlap.get(p) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestCount = 0;
    for (const [p, count] of overlap) {
      if (count * 2 > (freeSize.get(p) ?? Infinity) && (count > bestCount || (count === bestCount && p < best!))) {
        best = p;
        bestCount = count;
      }
    }
    if (best !== null) {
      ids.set(label, best);
      taken.add(best);
    } else fresh.push(label);
  }
  const newIds = allocateIds(db, fresh.length);
  fresh.forEach((label, k) => ids.set(label, newIds[k]!));

  // history: where the records of each new id came from, where those of each vanished id went
  const previousIds = new Set(previous.values());
  const events: IdEvent[] = [];
  const forcedDecision = new Map([...forced].filter(([l]) => ids.get(l) === forced.get(l)?.id).map(([l, f]) => [f.id, f.decisionId]));
  const currentIds = new Set(ids.values());
  const wentTo = new Map<string, Map<string, number>>();
  let created = 0;
  for (const [label, recs] of groups) {
    const id = ids.get(label)!;
    const from = new Map<string, number>();
    for (const r of recs) {
      const p = previous.get(r);
      if (p === undefined) continue;
      from.set(p, (from.get(p) ?? 0) + 1);
      if (p !== id) {
        let m = wentTo.get(p);
        if (!m) wentTo.set(p, (m = new Map()));
        m.set(id, (m.get(id) ?? 0) + 1);
      }
    }
    if (previousIds.has(id)) continue;
    created++;
    let src: string | null = null;
    let n = 0;
    for (const [p, c] of from) if (c > n || (c === n && p < src!)) [src, n] = [p, c];
    events.push({ goldenId: id, event: src !== null && src !== id ? 'split_from' : 'created', otherId: src, decisionId: forcedDecision.get(id) ?? null });
  }
  let retired = 0;
  for (const p of previousIds) {
    if (currentIds.has(p)) continue;
    retired++;
    let to: string | null = null;
    let n = 0;
    for (const [x, c] of wentTo.get(p) ?? []) if (c > n || (c === n && x < to!)) [to, n] = [x, c];
    events.push({ goldenId: p, event: to === null ? 'retired' : 'merged_into', otherId: to, decisionId: to !== null ? (forcedDecision.get(to) ?? null) : null });
  }
  const kept = [...currentIds].filter((id) => previousIds.has(id)).length;
  return { ids, events, kept, created, retired };
}
