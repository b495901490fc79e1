// Golden ids: stable across builds, with a history. A group whose records a steward decision put
// together takes the id the decision names (the kept record of a merge, the locked record, the new
// record of a split). Every other group keeps the id of the previous golden record more than half of
// whose records (not taken by a decision) it holds; the rest get new ids. Each new id is "split from"
// the previous record most of its records came from ("created" when none), and each id that is gone
// is "merged into" the record now holding most of its records ("retired" when none does).
import type { DB } from '../db/sqlite.js';
import type { Groups } from './build-groups.js';
import type { PreviousMembers } from './store.js';

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
  /** Golden id of each group (by group index). */
  ids: string[];
  events: IdEvent[];
  kept: number;
  created: number;
  retired: number;
}

/**
 * `groups`: the build's groups of records. `forced`: label → the id a decision gives it (and the
 * decision). `previous`: record → its golden id in the previous build. Every map keyed by a golden
 * id or record is an index-keyed typed array here: at 1M records string-keyed Maps cost ~100 MB each.
 */
export function assignIds(
  db: DB,
  groups: Groups,
  forced: Map<string, { id: string; decisionId: number }>,
  previous: PreviousMembers,
  /** Ids a steward's undone merge took away, with the records they held: such an id comes back to
   * a group made mostly of them that holds most of them (undoing a merge restores the id it retired). */
  revive: ReadonlyMap<string, readonly number[]> = new Map(),
  /** Group label → the id it takes back (the records an undone merge let go). */
  reviveLabels: ReadonlyMap<string, string> = new Map(),
): IdAssignment {
  const { count: G, offsets, members } = groups;
  const prevIds = previous.ids;
  const P = prevIds.length;
  const prevOf = (r: number): number => (r < previous.of.length ? previous.of[r]! : -1);
  const prevIndex = (id: string): number => previous.indexOf.get(id) ?? -1;
  const ids: (string | undefined)[] = new Array<string | undefined>(G).fill(undefined);
  // taken ids: previous ones by index, any other (a decision's id that is not in the previous build) by name
  const takenPrev = new Uint8Array(P);
  const takenOther = new Set<string>();
  const isTaken = (id: string) => {
    const p = prevIndex(id);
    return p >= 0 ? takenPrev[p] === 1 : takenOther.has(id);
  };
  const take = (g: number, id: string) => {
    ids[g] = id;
    const p = prevIndex(id);
    if (p >= 0) takenPrev[p] = 1;
    else takenOther.add(id);
  };
  for (const [label, f] of forced) {
    const g = groups.find(label);
    if (g === undefined || isTaken(f.id)) continue;
    take(g, f.id);
  }
  // the records an undone merge let go (grouped as U<decision>) take back the id it retired, and so
  // does any group made mostly of them and holding most of them
  for (const [label, id] of reviveLabels) {
    const g = groups.find(label);
    if (g === undefined || isTaken(id) || ids[g] !== undefined) continue;
    take(g, id);
  }
  for (const [id, held] of revive) {
    if (isTaken(id)) continue;
    const overlap = new Map<number, number>();
    for (const r of held) {
      const g = groups.groupOf(r);
      if (g >= 0) overlap.set(g, (overlap.get(g) ?? 0) + 1);
    }
    for (const [g, count] of overlap) {
      if (ids[g] !== undefined || count * 2 <= held.length || count * 2 <= offsets[g + 1]! - offsets[g]!) continue;
      take(g, id);
      break;
    }
  }
  // previous records still free to keep their id: those not moved into a group forced to another id
  // (0: none counted, which the test below reads as no limit)
  const freeSize = new Int32Array(P);
  for (let g = 0; g < G; g++) {
    const f = ids[g];
    const fp = f === undefined ? -1 : prevIndex(f);
    for (let m = offsets[g]!; m < offsets[g + 1]!; m++) {
      const p = prevOf(members[m]!);
      if (p >= 0 && (f === undefined || fp === p)) freeSize[p]!++;
    }
  }
  const keeps = (p: number, count: number) => count * 2 > (freeSize[p] === 0 ? Infinity : freeSize[p]!);
  const fresh: number[] = [];
  for (let g = 0; g < G; g++) {
    if (ids[g] !== undefined) continue;
    let best = -1;
    if (offsets[g + 1]! - offsets[g]! === 1) {
      // a lone record (most groups): no tally needed
      const p = prevOf(members[offsets[g]!]!);
      if (p >= 0 && takenPrev[p] === 0 && keeps(p, 1)) best = p;
    } else {
      const overlap = new Map<number, number>();
      for (let m = offsets[g]!; m < offsets[g + 1]!; m++) {
        const p = prevOf(members[m]!);
        if (p >= 0 && takenPrev[p] === 0) overlap.set(p, (overlap.get(p) ?? 0) + 1);
      }
      let bestCount = 0;
      for (const [p, count] of overlap) {
        if (keeps(p, count) && (count > bestCount || (count === bestCount && prevIds[p]! < prevIds[best]!))) {
          best = p;
          bestCount = count;
        }
      }
    }
    if (best >= 0) take(g, prevIds[best]!);
    else fresh.push(g);
  }
  const newIds = allocateIds(db, fresh.length);
  fresh.forEach((g, k) => (ids[g] = newIds[k]!));

  // history: where the records of each new id came from, where those of each vanished id went
  const idPrev = new Int32Array(G);
  const current = new Uint8Array(P);
  for (let g = 0; g < G; g++) {
    idPrev[g] = prevIndex(ids[g]!);
    if (idPrev[g]! >= 0) current[idPrev[g]!] = 1;
  }
  const events: IdEvent[] = [];
  const forcedDecision = new Map<string, number>();
  for (const [label, f] of forced) {
    const g = groups.find(label);
    if (g !== undefined && ids[g] === f.id) forcedDecision.set(f.id, f.decisionId);
  }
  const wentTo = new Map<number, Map<string, number>>();
  let created = 0;
  for (let g = 0; g < G; g++) {
    const id = ids[g]!;
    const ip = idPrev[g]!;
    const from = ip < 0 ? new Map<number, number>() : null;
    for (let m = offsets[g]!; m < offsets[g + 1]!; m++) {
      const p = prevOf(members[m]!);
      if (p < 0) continue;
      from?.set(p, (from.get(p) ?? 0) + 1);
      if (p !== ip) {
        let w = wentTo.get(p);
        if (!w) wentTo.set(p, (w = new Map()));
        w.set(id, (w.get(id) ?? 0) + 1);
      }
    }
    if (!from) continue;
    created++;
    let src: string | null = null;
    let n = 0;
    for (const [p, c] of from) if (c > n || (c === n && prevIds[p]! < src!)) [src, n] = [prevIds[p]!, c];
    events.push({ goldenId: id, event: src !== null && src !== id ? 'split_from' : 'created', otherId: src, decisionId: forcedDecision.get(id) ?? null });
  }
  let retired = 0;
  let kept = 0;
  for (let p = 0; p < P; p++) {
    if (current[p] === 1) {
      kept++;
      continue;
    }
    retired++;
    let to: string | null = null;
    let n = 0;
    for (const [x, c] of wentTo.get(p) ?? []) if (c > n || (c === n && x < to!)) [to, n] = [x, c];
    events.push({ goldenId: prevIds[p]!, event: to === null ? 'retired' : 'merged_into', otherId: to, decisionId: to !== null ? (forcedDecision.get(to) ?? null) : null });
  }
  return { ids: ids as string[], events, kept, created, retired };
}
