// Steward decisions checked against the latest golden build and appended: override a value, merge
// two golden records, split records out of one, lock one, undo any of them. Each takes effect at
// the next build (and binds every later build and resolve run while in force).
import { AerieError } from '../api/errors.js';
import type { DB } from '../db/sqlite.js';
import { allDecisions, appendDecision, cannotLinkPair, cannotLinkValue, decisionsInForce, getDecision, reversedIds, type Decision } from './decisions.js';
import { allocateIds } from './ids.js';
import { currentIdOf, goldenRecordRow, latestBuild, membersOf, valuesOf, type LatestBuild } from './store.js';

export function requireBuild(db: DB): LatestBuild {
  const b = latestBuild(db);
  if (!b) throw new AerieError('NOT_FOUND', 'No golden build has succeeded in this workspace yet.', { hint: 'Build golden records first (aerie golden build <workspace>, or golden.build).' });
  return b;
}

/** Decisions in force made since the build (they take effect at the next one). */
function pending(db: DB, build: LatestBuild): Decision[] {
  return decisionsInForce(db).filter((d) => d.id > build.lastDecisionId);
}

/** Golden ids that pending merges took away, and new ids of pending splits. */
function pendingIds(pend: readonly Decision[]): { gone: Map<string, string>; added: Set<string> } {
  const gone = new Map<string, string>();
  const added = new Set<string>();
  for (const d of pend) {
    if (d.kind === 'merge' && d.otherId && d.goldenId) gone.set(d.otherId, d.goldenId);
    if (d.kind === 'split' && d.otherId) added.add(d.otherId);
  }
  return { gone, added };
}

/**
 * The id as a golden record of the latest build or of a pending split; a merged-away id names where
 * it went.
 */
export function requireGolden(db: DB, build: LatestBuild, id: string): string {
  const { gone, added } = pendingIds(pending(db, build));
  const into = gone.get(id);
  if (into) throw new AerieError('NOT_FOUND', `Golden record ${id} is being merged into ${into} (decision pending the next build).`, { hint: `Use ${into}.` });
  if (goldenRecordRow(db, build.id, id) || added.has(id)) return id;
  const now = currentIdOf(db, build.id, id);
  if (now) throw new AerieError('NOT_FOUND', `Golden record ${id} was merged into ${now}.`, { hint: `Use ${now}.` });
  throw new AerieError('NOT_FOUND', `There is no golden record ${id} in the latest build.`, { hint: 'Pick an id from golden.list (aerie golden export lists them all).' });
}

/**
 * requireGolden, for reads of the build's rows (values, provenance, timeline): a golden record a
 * pending split made has none until the next build, and says so rather than reading as empty.
 */
export function requireBuilt(db: DB, build: LatestBuild, id: string): string {
  requireGolden(db, build, id);
  if (goldenRecordRow(db, build.id, id)) return id;
  const d = pending(db, build).find((x) => x.kind === 'split' && x.otherId === id && x.records.length > 0); // not a cannot-link
  const from = d?.goldenId ?? 'another golden record';
  throw new AerieError('NOT_FOUND', `Golden record ${id} is split out of ${from}${d ? ` (decision ${d.id})` : ''} and has no values until the next golden build.`, {
    hint: `Build golden records (aerie golden build <workspace>, or golden.build), then open ${id}; until then its records show in ${from} with the split pending.`,
  });
}

/** The records of a golden record as the latest build has them, with the pending decisions applied. */
export function membersNow(db: DB, build: LatestBuild, id: string): number[] {
  const where = new Map<number, string>(membersOf(db, build.id, id).map((r) => [r, id]));
  for (const d of pending(db, build)) {
    const to = d.kind === 'split' ? d.otherId : d.kind === 'merge' ? d.goldenId : null;
    if (to === null) continue;
    for (const r of d.records) where.set(r, to);
  }
  return [...where].filter(([, g]) => g === id).map(([r]) => r).sort((x, y) => x - y);
}

function refuseLocked(db: DB, ids: string[]): void {
  for (const d of decisionsInForce(db)) {
    if (d.kind === 'lock' && d.goldenId !== null && ids.includes(d.goldenId)) {
      throw new AerieError('CONFLICT', `Golden record ${d.goldenId} is locked (decision ${d.id}); its records and values stay as they are.`, { hint: `Undo decision ${d.id} first (golden.undo).` });
    }
  }
}

const noteOf = (note: string | undefined) => (note && note.trim() ? note.trim() : null);

export function override(db: DB, actor: string, id: string, attribute: string, value: string, note?: string) {
  const b = requireBuild(db);
  requireGolden(db, b, id);
  refuseLocked(db, [id]);
  const decisionId = appendDecision(db, { kind: 'override', goldenId: id, otherId: null, attribute, value, records: [], reverses: null, note: noteOf(note), actor });
  return { decisionId, goldenId: id };
}

export function merge(db: DB, actor: string, id: string, other: string, note?: string) {
  const b = requireBuild(db);
  requireGolden(db, b, id);
  requireGolden(db, b, other);
  if (id === other) throw new AerieError('INVALID_INPUT', `Cannot merge golden record ${id} with itself.`, { hint: 'Name two different golden records.' });
  refuseLocked(db, [id, other]);
  const merged = membersNow(db, b, other);
  const records = [...membersNow(db, b, id), ...merged].sort((x, y) => x - y);
  // value: the records of the one merged in, so that undoing the merge gives its id back
  const decisionId = appendDecision(db, { kind: 'merge', goldenId: id, otherId: other, attribute: null, value: JSON.stringify(merged), records, reverses: null, note: noteOf(note), actor });
  return { decisionId, goldenId: id };
}

export function split(db: DB, actor: string, id: string, records: number[], note?: string) {
  const b = requireBuild(db);
  requireGolden(db, b, id);
  refuseLocked(db, [id]);
  const members = new Set(membersNow(db, b, id));
  const out = [...new Set(records)].sort((x, y) => x - y);
  const foreign = out.filter((r) => !members.has(r));
  if (foreign.length) throw new AerieError('INVALID_INPUT', `Record${foreign.length === 1 ? '' : 's'} ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''} ${foreign.length === 1 ? 'is' : 'are'} not in golden record ${id}.`, { hint: 'Split only records of the golden record (see golden.get).' });
  if (out.length === members.size) throw new AerieError('INVALID_INPUT', `Splitting every record out of golden record ${id} would leave it empty.`, { hint: 'Leave at least one record in it.' });
  const [newId] = allocateIds(db, 1);
  const decisionId = appendDecision(db, { kind: 'split', goldenId: id, otherId: newId!, attribute: null, value: null, records: out, reverses: null, note: noteOf(note), actor });
  return { decisionId, goldenId: newId! };
}

/**
 * Records a and b, in golden records `id` and `other` now, are never to be one entity: a cannot-link
 * (a split with no records, see cannotLinkPair), binding on later resolve runs and builds. Returns the
 * one in force already for the pair, if any.
 */
export function cannotLink(db: DB, actor: string, id: string, other: string, a: number, b: number, note?: string) {
  const have = decisionsInForce(db).find((d) => {
    const p = cannotLinkPair(d);
    return p !== null && ((p[0] === a && p[1] === b) || (p[0] === b && p[1] === a));
  });
  if (have) return { decisionId: have.id, goldenId: have.otherId };
  const decisionId = appendDecision(db, { kind: 'split', goldenId: id, otherId: other, attribute: null, value: cannotLinkValue(a, b), records: [], reverses: null, note: noteOf(note), actor });
  return { decisionId, goldenId: other };
}

export function lock(db: DB, actor: string, id: string, note?: string) {
  const b = requireBuild(db);
  requireGolden(db, b, id);
  refuseLocked(db, [id]);
  if (!goldenRecordRow(db, b.id, id)) throw new AerieError('CONFLICT', `Golden record ${id} is new since the last build and has no values yet.`, { hint: 'Build golden records (golden.build), then lock it.' });
  // the values as the steward sees them: the build's, with the overrides made since
  const values: Record<string, string> = Object.fromEntries(valuesOf(db, b.id, id).map((v) => [v.attribute, v.value]));
  for (const d of pending(db, b)) if (d.kind === 'override' && d.goldenId === id && d.attribute) values[d.attribute] = d.value ?? '';
  const decisionId = appendDecision(db, { kind: 'lock', goldenId: id, otherId: null, attribute: null, value: JSON.stringify(values), records: membersNow(db, b, id), reverses: null, note: noteOf(note), actor });
  return { decisionId, goldenId: id };
}

export function undo(db: DB, actor: string, decisionId: number, note?: string) {
  const d = getDecision(db, decisionId);
  if (!d) throw new AerieError('NOT_FOUND', `There is no steward decision ${decisionId}.`, { hint: 'List them with golden.decisions.' });
  if (reversedIds(allDecisions(db)).has(decisionId)) throw new AerieError('CONFLICT', `Decision ${decisionId} is already undone.`, { hint: 'Undo the undo to restore it.' });
  const id = appendDecision(db, { kind: 'undo', goldenId: d.goldenId, otherId: null, attribute: null, value: null, records: [], reverses: decisionId, note: noteOf(note), actor });
  return { decisionId: id, goldenId: d.goldenId };
}

export function listDecisions(db: DB, id: string | undefined, offset: number, limit: number) {
  const all = allDecisions(db);
  const reversed = reversedIds(all);
  const mine = (id === undefined ? all : all.filter((d) => d.goldenId === id || d.otherId === id)).reverse();
  return { total: mine.length, decisions: mine.slice(offset, offset + limit).map((d) => ({ ...d, inForce: !reversed.has(d.id) })) };
}
