// The steward's merges, splits and locks on a stored run's entities, as the run's rows do not yet
// show them (decisions made since the run, or records an incremental run adds): which records move
// to their decision's group (labelled as a full run labels it, engine/golden/decisions.ts), and the
// entities an incremental run must not change: a decision's group never absorbs another entity nor
// is absorbed (a split pair never re-merges through a new record that links both sides), no new
// record joins a locked group, and no entity comes to hold both records of a cannot-link.
import type { DB } from '../db/sqlite.js';
import { bindDecisions, cannotLinkPair, decisionLabel, decisionsInForce } from '../golden/decisions.js';
import { clusterSizes } from './store.js';

export interface DecisionOverlay {
  /** Existing record → the decision group it belongs in, where the run's rows hold another entity. */
  moved: Map<number, { from: string; to: string }>;
  /** Added record (not in the run's rows) → the decision group it belongs in. */
  added: Map<number, string>;
  /** Entity → change in size once `moved` is applied. */
  delta: Map<string, number>;
  /** Groups of merges, splits and locks in force: never absorbed, never absorbing. */
  fixed: Set<string>;
  /** Groups of locks in force: no new record joins them. */
  locked: Set<string>;
  /** Cannot-links in force: record pairs no entity may hold both of (no new record bridges them). */
  apart: [number, number][];
}

/** `added`: records not in the run's rows yet (an incremental run's new records). */
export function decisionOverlay(db: DB, runId: number, added: ArrayLike<number> = []): DecisionOverlay {
  const out: DecisionOverlay = { moved: new Map(), added: new Map(), delta: new Map(), fixed: new Set(), locked: new Set(), apart: [] };
  const decisions = decisionsInForce(db).filter((d) => d.kind === 'merge' || d.kind === 'split' || d.kind === 'lock');
  if (decisions.length === 0) return out;
  for (const d of decisions) {
    const pair = cannotLinkPair(d);
    if (pair) out.apart.push(pair);
    out.fixed.add(decisionLabel(d));
    if (d.kind === 'lock') out.locked.add(decisionLabel(d));
  }
  const isAdded = new Set(Array.from(added));
  const entityOf = db.prepare('SELECT entity_id FROM resolve_members WHERE run_id = ? AND record_id = ?').pluck();
  const now = new Map<number, string>();
  const groups = new Map<number, string>();
  for (const d of decisions) {
    for (const r of d.records) {
      if (groups.has(r)) continue;
      if (isAdded.has(r)) groups.set(r, '');
      else {
        const e = entityOf.get(runId, r) as string | undefined;
        if (e === undefined) continue; // erased, or imported since and not part of this run
        now.set(r, e);
        groups.set(r, e);
      }
    }
  }
  bindDecisions(groups, decisions);
  const bump = (e: string, by: number) => out.delta.set(e, (out.delta.get(e) ?? 0) + by);
  for (const [r, to] of groups) {
    const from = now.get(r);
    if (from === undefined) out.added.set(r, to);
    else if (from !== to) {
      out.moved.set(r, { from, to });
      bump(from, -1);
      bump(to, 1);
    }
  }
  return out;
}

/**
 * A run's entity count and cluster sizes ([size, entities of that size], ascending) with the
 * steward's decisions made since the run bound, as the next run (full or incremental) will have them.
 */
export function entitiesNow(db: DB, runId: number): { entities: number; clusterSizes: [number, number][] } {
  const hist = new Map(clusterSizes(db, runId));
  const { delta } = decisionOverlay(db, runId);
  const sizeOf = db.prepare('SELECT size FROM resolve_entities WHERE run_id = ? AND id = ?').pluck();
  for (const [e, by] of delta) {
    if (by === 0) continue;
    const s0 = (sizeOf.get(runId, e) as number | undefined) ?? 0;
    const s1 = s0 + by;
    if (s0 > 0) hist.set(s0, hist.get(s0)! - 1);
    if (s1 > 0) hist.set(s1, (hist.get(s1) ?? 0) + 1);
  }
  const sizes = [...hist].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  return { entities: sizes.reduce((n, [, k]) => n + k, 0), clusterSizes: sizes };
}
