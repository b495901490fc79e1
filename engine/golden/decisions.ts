// Steward decisions: appended, never changed (the table's triggers refuse it); an undo is a later
// decision that reverses an earlier one (and can itself be undone). What is in force is worked out
// from the whole log, newest first: an undo in force takes its target out of force.
import type { DB } from '../db/sqlite.js';

export type DecisionKind = 'override' | 'merge' | 'split' | 'lock' | 'undo';

export interface Decision {
  id: number;
  kind: DecisionKind;
  /** override, lock, split: the golden record; merge: the one kept. */
  goldenId: string | null;
  /** merge: the golden record merged in; split: the new golden record of the records split out. */
  otherId: string | null;
  attribute: string | null;
  /** override: the value; lock: the locked values as JSON; merge: the records of the one merged in, as JSON. */
  value: string | null;
  /** merge: the records of both; split: the records split out; lock: the locked records. */
  records: number[];
  reverses: number | null;
  note: string | null;
  actor: string;
  createdAt: string;
}

interface Row {
  id: number;
  kind: DecisionKind;
  golden_id: string | null;
  other_id: string | null;
  attribute: string | null;
  value: string | null;
  records: string | null;
  reverses: number | null;
  note: string | null;
  actor: string;
  created_at: string;
}

const fromRow = (r: Row): Decision => ({
  id: r.id,
  kind: r.kind,
  goldenId: r.golden_id,
  otherId: r.other_id,
  attribute: r.attribute,
  value: r.value,
  records: r.records ? (JSON.parse(r.records) as number[]) : [],
  reverses: r.reverses,
  note: r.note,
  actor: r.actor,
  createdAt: r.created_at,
});

export function appendDecision(db: DB, d: Omit<Decision, 'id' | 'createdAt'>): number {
  return Number(
    db
      .prepare('INSERT INTO golden_decisions (kind, golden_id, other_id, attribute, value, records, reverses, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(d.kind, d.goldenId, d.otherId, d.attribute, d.value, d.records.length ? JSON.stringify(d.records) : null, d.reverses, d.note, d.actor, new Date().toISOString()).lastInsertRowid,
  );
}

export function allDecisions(db: DB): Decision[] {
  return (db.prepare('SELECT * FROM golden_decisions ORDER BY id').all() as Row[]).map(fromRow);
}

export function getDecision(db: DB, id: number): Decision | null {
  const r = db.prepare('SELECT * FROM golden_decisions WHERE id = ?').get(id) as Row | undefined;
  return r ? fromRow(r) : null;
}

/** Ids of decisions an undo in force has reversed. */
export function reversedIds(all: readonly Decision[]): Set<number> {
  const reversed = new Set<number>();
  // newest first: an undo reverses only earlier decisions, so its own standing is known by then
  for (let k = all.length - 1; k >= 0; k--) {
    const d = all[k]!;
    if (d.kind === 'undo' && d.reverses !== null && !reversed.has(d.id)) reversed.add(d.reverses);
  }
  return reversed;
}

/** Decisions in force (not undone), undos left out, oldest first: the order they apply in. */
export function decisionsInForce(db: DB): Decision[] {
  const all = allDecisions(db);
  const reversed = reversedIds(all);
  return all.filter((d) => d.kind !== 'undo' && !reversed.has(d.id));
}

/**
 * A cannot-link is stored as a split with no records (so code that moves a split's records leaves it
 * be: migration 0012's CHECK allows no new kind) and `value` {"cannotLink":[a,b]}: records a and b
 * (in different entities when decided) are never in one group; when a grouping joins them, b leaves.
 */
export function cannotLinkPair(d: Decision): [number, number] | null {
  if (d.kind !== 'split' || d.records.length !== 0 || !d.value) return null;
  try {
    const v = JSON.parse(d.value) as { cannotLink?: unknown };
    const p = v.cannotLink;
    return Array.isArray(p) && p.length === 2 && p.every((x) => Number.isInteger(x)) ? [p[0] as number, p[1] as number] : null;
  } catch {
    return null;
  }
}

export const cannotLinkValue = (a: number, b: number) => JSON.stringify({ cannotLink: [a, b] });

/** The label a decision's records are grouped under, in resolve runs and golden builds alike. */
export const decisionLabel = (d: Decision) => `D${d.id}`;

/** Record id → group label: a Map, or a golden build's compact GroupLabels (build-groups.ts). */
export interface RecordGroups {
  get(r: number): string | undefined;
  set(r: number, label: string): unknown;
  has(r: number): boolean;
}

/**
 * Bind the decisions on a grouping of records (record id → group label), in place: each merge, split
 * and lock moves its records (those present) into a group of its own, in decision order, so a later
 * decision wins over an earlier one. A split's records thereby never share a group with the rest of
 * the entity they left, a merge's records always share one, and no other record joins a locked group.
 * Returns the decisions that moved at least one record.
 */
export function bindDecisions(groups: RecordGroups, decisions: readonly Decision[]): Decision[] {
  const applied: Decision[] = [];
  for (const d of decisions) {
    if (d.kind !== 'merge' && d.kind !== 'split' && d.kind !== 'lock') continue;
    const label = decisionLabel(d);
    if (cannotLinkPair(d)) continue;
    let moved = false;
    for (const r of d.records) {
      if (!groups.has(r)) continue;
      groups.set(r, label);
      moved = true;
    }
    if (moved) applied.push(d);
  }
  // cannot-links last, over every merge: where the grouping joins the two, the second leaves, alone
  for (const d of decisions) {
    const apart = cannotLinkPair(d);
    if (!apart) continue;
    const [a, b] = apart;
    if (groups.has(a) && groups.has(b) && groups.get(a) === groups.get(b)) {
      groups.set(b, decisionLabel(d));
      applied.push(d);
    }
  }
  return applied;
}

/**
 * For resolve.run: the steward's merges, splits and locks bound on the run's entities (record,
 * entity id pairs, changed in place) and the entity sizes recomputed. Returns how many decisions applied.
 */
export function applyStewardDecisions(db: DB, members: [number, string][], sizes: Map<string, number>): number {
  const decisions = decisionsInForce(db).filter((d) => d.kind !== 'override');
  if (decisions.length === 0) return 0;
  const groups = new Map(members);
  const applied = bindDecisions(groups, decisions);
  if (applied.length === 0) return 0;
  sizes.clear();
  for (const m of members) {
    const e = groups.get(m[0])!;
    m[1] = e;
    sizes.set(e, (sizes.get(e) ?? 0) + 1);
  }
  return applied.length;
}
