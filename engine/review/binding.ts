// How a label binds: through golden's steward decisions (append-only, audited with the label's call,
// undone by golden's undo). A non-match for two records of one golden record splits them apart; a
// match across two golden records merges them. Which golden record a record is in is read as the
// steward sees it: the latest build with the decisions made since applied. Before any golden build,
// the latest resolve run's entities say whether a decision is needed (and one that is, is refused
// until golden records are built, since decisions name golden records).
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { decisionsInForce } from '../golden/decisions.js';
import { cannotLink, membersNow, merge, requireBuild, split } from '../golden/steward.js';
import { latestBuild, type LatestBuild } from '../golden/store.js';
import type { LatestRun } from '../resolve/store.js';
import { judgedPairs, pairKey, type LabelState } from './labels-store.js';

/** The golden record of each record now (latest build plus decisions since), null for records the build did not see. */
export function goldenIdsNow(db: DB, build: LatestBuild, records: readonly number[]): (string | null)[] {
  const st = db.prepare('SELECT golden_id FROM golden_members WHERE build_id = ? AND record_id = ?').pluck();
  const out = records.map((r) => (st.get(build.id, r) as string | undefined) ?? null);
  const pending = decisionsInForce(db).filter((d) => d.id > build.lastDecisionId && (d.kind === 'split' || d.kind === 'merge'));
  for (const d of pending) {
    const to = d.kind === 'split' ? d.otherId : d.goldenId;
    records.forEach((r, k) => {
      if (d.records.includes(r)) out[k] = to;
    });
  }
  return out;
}

/** Whether the two records are one entity now: one golden record, or before any build one resolve entity. */
export function sameEntityNow(db: DB, run: LatestRun | null, a: number, b: number): boolean {
  const build = latestBuild(db);
  if (build) {
    const [ga = null, gb = null] = goldenIdsNow(db, build, [a, b]);
    return ga !== null && ga === gb;
  }
  if (!run) return false;
  const st = db.prepare('SELECT entity_id FROM resolve_members WHERE run_id = ? AND record_id = ?').pluck();
  const ea = st.get(run.id, a) as string | undefined;
  return ea !== undefined && ea === (st.get(run.id, b) as string | undefined);
}

/**
 * The records to split out so that a and b part: the side of b once the link a–b is cut, when the
 * golden record's links (the run's pairs at or above its threshold, the match labels, less the
 * non-match labels) then fall apart — the smaller side, so the larger keeps the id; else b alone.
 */
export function splitSide(db: DB, run: LatestRun | null, members: readonly number[], a: number, b: number, labels: LabelState): number[] {
  const inside = new Set(members);
  const adj = new Map<number, number[]>(members.map((m) => [m, []]));
  const link = (x: number, y: number) => {
    adj.get(x)!.push(y);
    adj.get(y)!.push(x);
  };
  const cut = new Set([pairKey(a, b)]);
  for (const r of judgedPairs(labels)) if (r.verdict === 'nonMatch') cut.add(pairKey(r.a, r.b));
  if (run) {
    const st = db.prepare('SELECT b FROM resolve_pairs WHERE run_id = ? AND a = ? AND probability >= ?').pluck();
    for (const x of members) for (const y of st.all(run.id, x, run.threshold) as number[]) if (inside.has(y) && !cut.has(pairKey(x, y))) link(x, y);
  }
  for (const r of judgedPairs(labels)) if (r.verdict === 'match' && inside.has(r.a) && inside.has(r.b) && !cut.has(pairKey(r.a, r.b))) link(r.a, r.b);
  const side = (from: number) => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) for (const y of adj.get(stack.pop()!)!) if (!seen.has(y)) seen.add(y), stack.push(y);
    return seen;
  };
  const sb = side(b);
  if (sb.has(a)) return [b];
  const sa = side(a);
  return [...(sa.size < sb.size ? sa : sb)].sort((x, y) => x - y);
}

export interface Bound {
  decisionId: number;
  kind: 'merge' | 'split';
  goldenId: string | null;
}

/** Make the decision a verdict calls for (null when the entities already agree with it). */
export function bindVerdict(db: DB, actor: string, run: LatestRun | null, a: number, b: number, verdict: 'match' | 'nonMatch', labels: LabelState, note: string): Bound | null {
  const build = latestBuild(db);
  if (!build) {
    // no golden records yet: refused only when the label would change an entity
    if (sameEntityNow(db, run, a, b) === (verdict === 'match')) return null;
    requireBuild(db);
  }
  const b0 = build!;
  const [ga = null, gb = null] = goldenIdsNow(db, b0, [a, b]);
  if (ga === null || gb === null) {
    const r = ga === null ? a : b;
    throw new AerieError('CONFLICT', `Record ${r} is newer than the latest golden build, so it is in no golden record yet.`, { hint: 'Build golden records (golden.build), then label this pair again.' });
  }
  if (verdict === 'nonMatch') {
    if (ga !== gb) {
      // apart now: bind it, so no later run or build joins them (issue 12)
      const d = cannotLink(db, actor, ga, gb, a, b, note);
      return { decisionId: d.decisionId, kind: 'split', goldenId: d.goldenId };
    }
    const out = splitSide(db, run, membersNow(db, b0, ga), a, b, labels);
    const d = split(db, actor, ga, out, note);
    return { decisionId: d.decisionId, kind: 'split', goldenId: d.goldenId };
  }
  if (ga === gb) return null;
  // the larger keeps its id
  const [keep, other] = membersNow(db, b0, ga).length >= membersNow(db, b0, gb).length ? [ga, gb] : [gb, ga];
  const d = merge(db, actor, keep, other, note);
  return { decisionId: d.decisionId, kind: 'merge', goldenId: d.goldenId };
}
