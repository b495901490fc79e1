// The steward's entity list and an entity's event timeline. golden_records holds only id, size and
// lock, and filtering 100k+ entities by source or link strength in SQL would join every member on
// every page, so the list is summarised once per build (sources, weakest link; display names at the
// first text search) and kept in memory: pages, filters and sorts are then a pass over arrays. The
// summary is kept in the workspace too (list-store.ts), so a reopened workspace does not compute it again.
import type { z } from 'zod';
import type { GoldenListInput } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import { listSummaryStored, loadListSummary, saveListSummary, type ListSummaryCore } from './list-store.js';
import type { LatestBuild } from './store.js';
import { membersOf } from './store.js';

/** The build's summary (ListSummaryCore: ids, sizes, locks, sources, weakest links — see linkConfidence), and what the list makes of it. */
interface Summary extends ListSummaryCore {
  /** The build's job id: build ids can be reused after a rolled-back build, job ids cannot. */
  jobId: string;
  /** Display names of every entity: read at the first text search (scanning every golden value costs more than the rest of the summary). */
  names: (string | null)[] | null;
  /** Golden id → position, made at the first text search (half a million Map entries cost more than reading the stored summary). */
  index: Map<string, number> | null;
  sourceNames: Map<number, string>;
  /** Entity order per non-default sort, made at its first use. */
  orders: Map<string, Int32Array>;
  sourceCounts: { id: number; name: string; entities: number }[];
}

const cache = new WeakMap<DB, Summary & { stored: boolean }>();

/** The summary of the build: kept in memory, else read as stored, else computed (and stored). */
function summary(db: DB, build: LatestBuild): Summary {
  const hit = cache.get(db);
  // a stored summary that is gone was made stale (a removal changed the build's entities)
  if (hit?.jobId === build.jobId && (!hit.stored || listSummaryStored(db, build))) return hit;
  const kept = loadListSummary(db, build);
  const core = kept ?? computeSummary(db, build);
  const s = { ...fromCore(db, build, core), stored: kept !== null || saveListSummary(db, build, core) };
  cache.set(db, s);
  return s;
}

function fromCore(db: DB, build: LatestBuild, c: ListSummaryCore): Summary {
  const sourceNames = new Map(db.prepare('SELECT id, name FROM sources').raw().all() as [number, string][]);
  const counts = new Map<number, number>();
  for (const x of c.sourceIds) counts.set(x, (counts.get(x) ?? 0) + 1);
  const sourceCounts = [...counts].map(([id, entities]) => ({ id, name: sourceNames.get(id) ?? String(id), entities })).sort((a, b) => a.name.localeCompare(b.name));
  return { jobId: build.jobId, ...c, names: null, index: null, sourceNames, orders: new Map(), sourceCounts };
}

const sourcesOf = (s: ListSummaryCore, k: number) => s.sourceIds.subarray(s.sourceStart[k]!, s.sourceStart[k + 1]!);

/** The summary worked out from the build's rows, the records and the run's match pairs. */
function computeSummary(db: DB, build: LatestBuild): ListSummaryCore {
  const rows = db.prepare('SELECT id, size, locked FROM golden_records WHERE build_id = ? ORDER BY size DESC, id').raw().all(build.id) as [string, number, number][];
  const n = rows.length;
  const index = new Map<string, number>();
  const s = {
    ids: new Array<string>(n),
    size: new Int32Array(n),
    locked: new Uint8Array(n),
    sources: Array.from({ length: n }, () => [] as number[]),
    confidence: new Float64Array(n).fill(Number.NaN),
  };
  rows.forEach(([id, size, locked], k) => {
    index.set(id, k);
    s.ids[k] = id;
    s.size[k] = size;
    s.locked[k] = locked;
  });

  // members: which entity each record is in, and each record's source (typed arrays by record id,
  // 1M records = a few MB; two plain scans cost half the CPU of joining members to records)
  const maxRecord = (db.prepare('SELECT max(id) FROM records').pluck().get() as number | null) ?? 0;
  const entityOf = new Int32Array(maxRecord + 1).fill(-1);
  const sourceOf = new Int32Array(maxRecord + 1);
  for (const [rec, src] of db.prepare('SELECT id, source_id FROM records').raw().iterate() as Iterable<[number, number]>) sourceOf[rec] = src;
  for (const [rec, gid] of db.prepare('SELECT record_id, golden_id FROM golden_members WHERE build_id = ?').raw().iterate(build.id) as Iterable<[number, string]>) {
    const k = index.get(gid);
    if (k === undefined || rec > maxRecord) continue;
    entityOf[rec] = k;
    const list = s.sources[k]!;
    const src = sourceOf[rec]!;
    if (!list.includes(src)) list.push(src);
  }
  const sourceStart = new Int32Array(n + 1);
  s.sources.forEach((list, k) => (sourceStart[k + 1] = sourceStart[k]! + list.length));
  const sourceIds = Int32Array.from(s.sources.flatMap((list) => list.sort((a, b) => a - b)));
  linkConfidence(db, build, entityOf, s.confidence);
  return { ids: s.ids, size: s.size, locked: s.locked, confidence: s.confidence, sourceStart, sourceIds };
}

/**
 * An entity's confidence is its weakest link: each record's best match probability to another record
 * of the entity (from the resolve run the build used), the lowest over its records. A chain
 * A–B 0.99, B–C 0.55 gives 0.55. Records joined only by a steward's merge have no link and are left
 * out; an entity with no link at all (one record) has none.
 */
const NAME_PARTS = "('full_name', 'given_name', 'family_name', 'email')";

/** The golden full name, else given + family name, else the email. */
function displayName(p: Record<string, string>): string | null {
  return p.full_name ?? ([p.given_name, p.family_name].filter(Boolean).join(' ') || p.email || null);
}

function allNames(db: DB, build: LatestBuild, s: Summary): (string | null)[] {
  if (s.names) return s.names;
  const names = new Array<string | null>(s.ids.length).fill(null);
  const has = new Uint8Array(s.ids.length);
  const index = (s.index ??= new Map(s.ids.map((id, k) => [id, k])));
  // most entities have a full name: one pass for those, lookups by key for the rest
  for (const [gid, value] of db.prepare("SELECT golden_id, value FROM golden_values WHERE build_id = ? AND attribute = 'full_name'").raw().iterate(build.id) as Iterable<[string, string]>) {
    const k = index.get(gid);
    if (k === undefined) continue;
    names[k] = value;
    has[k] = 1;
  }
  s.names = null;
  for (let k = 0; k < names.length; k++) if (has[k] === 0) names[k] = nameOf(db, build, s, k);
  s.names = names;
  return names;
}

/** One entity's display name by primary-key lookups (a page needs a hundred, not every value). */
function nameOf(db: DB, build: LatestBuild, s: Summary, k: number): string | null {
  if (s.names) return s.names[k] ?? null;
  const rows = db.prepare(`SELECT attribute, value FROM golden_values WHERE build_id = ? AND golden_id = ? AND attribute IN ${NAME_PARTS}`).raw().all(build.id, s.ids[k]) as [string, string][];
  return displayName(Object.fromEntries(rows));
}

function linkConfidence(db: DB, build: LatestBuild, entityOf: Int32Array, out: Float64Array): void {
  const runId = build.summary.resolveRunId;
  if (runId === null) return;
  const threshold = db.prepare('SELECT threshold FROM resolve_runs WHERE id = ?').pluck().get(runId) as number | undefined;
  if (threshold === undefined) return;
  const best = new Float64Array(entityOf.length);
  // only matches can link two records of one entity (below-threshold pairs never join), so the index range is enough
  for (const [a, b, p] of db.prepare('SELECT a, b, probability FROM resolve_pairs WHERE run_id = ? AND probability >= ?').raw().iterate(runId, threshold) as Iterable<[number, number, number]>) {
    if (a >= entityOf.length || b >= entityOf.length) continue;
    const ea = entityOf[a]!;
    if (ea < 0 || ea !== entityOf[b]) continue;
    if (p > best[a]!) best[a] = p;
    if (p > best[b]!) best[b] = p;
  }
  for (let r = 0; r < best.length; r++) {
    const p = best[r]!;
    if (p === 0) continue;
    const k = entityOf[r]!;
    if (!(out[k]! <= p)) out[k] = p; // NaN (unset) or higher: take p
  }
}

type ListInput = z.output<typeof GoldenListInput>;

export interface ListItem {
  id: string;
  size: number;
  locked: boolean;
  name: string | null;
  sources: string[];
  confidence: number | null;
}

export function listGolden(db: DB, build: LatestBuild, i: ListInput): { total: number; items: ListItem[]; sources: { id: number; name: string; entities: number }[] } {
  const s = summary(db, build);
  const n = s.ids.length;
  const needle = i.search?.trim().toLowerCase() ?? '';
  const names = needle ? allNames(db, build, s) : null;
  const keep = (k: number): boolean => {
    const size = s.size[k]!;
    if (size < i.minSize || (i.maxSize !== undefined && size > i.maxSize)) return false;
    if (i.sourceId !== undefined && !sourcesOf(s, k).includes(i.sourceId)) return false;
    if (i.maxConfidence !== undefined && !(s.confidence[k]! <= i.maxConfidence)) return false;
    if (i.lockedOnly && s.locked[k] !== 1) return false;
    if (needle && !s.ids[k]!.toLowerCase().includes(needle) && !(names![k]?.toLowerCase().includes(needle) ?? false)) return false;
    return true;
  };
  let order: Iterable<number>;
  if (i.sort === 'size') order = range(n);
  else {
    let ks = s.orders.get(i.sort);
    if (!ks) {
      ks = Int32Array.from(range(n));
      // weakest first, entities without a link last; ties by the default order (size, then id)
      const conf = (k: number) => (Number.isNaN(s.confidence[k]!) ? 2 : s.confidence[k]!);
      ks.sort(i.sort === 'confidence' ? (a, b) => conf(a) - conf(b) || a - b : (a, b) => (s.ids[a]! < s.ids[b]! ? -1 : s.ids[a]! > s.ids[b]! ? 1 : 0));
      s.orders.set(i.sort, ks);
    }
    order = ks;
  }
  let total = 0;
  const items: ListItem[] = [];
  for (const k of order) {
    if (!keep(k)) continue;
    if (total >= i.offset && items.length < i.limit) {
      const c = s.confidence[k]!;
      items.push({ id: s.ids[k]!, size: s.size[k]!, locked: s.locked[k] === 1, name: nameOf(db, build, s, k), sources: Array.from(sourcesOf(s, k), (x) => s.sourceNames.get(x) ?? String(x)), confidence: Number.isNaN(c) ? null : c });
    }
    total++;
  }
  return { total, items, sources: s.sourceCounts };
}

function* range(n: number): Generator<number> {
  for (let k = 0; k < n; k++) yield k;
}

/** Events of an entity's records (matched by source and source key), newest first. */
export function timeline(db: DB, build: LatestBuild, id: string, offset: number, limit: number, type: string | undefined) {
  const members = JSON.stringify(membersOf(db, build.id, id));
  const keys = `SELECT DISTINCT source_id, source_key FROM records WHERE id IN (SELECT value FROM json_each(?)) AND source_key IS NOT NULL`;
  const where = `(e.source_id, e.source_key) IN (${keys})`;
  const types = db.prepare(`SELECT e.type, count(*) AS count FROM events e WHERE ${where} GROUP BY e.type ORDER BY e.type`).all(members) as { type: string; count: number }[];
  const args = type === undefined ? [members] : [members, type];
  const byType = type === undefined ? '' : ' AND e.type = ?';
  const total = type === undefined ? types.reduce((a, t) => a + t.count, 0) : (types.find((t) => t.type === type)?.count ?? 0);
  const items = db
    .prepare(
      `SELECT e.id, e.type, e.at, e.amount, e.channel, e.text, s.name AS source, e.source_key AS sourceKey
         FROM events e JOIN sources s ON s.id = e.source_id
        WHERE ${where}${byType} ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, limit, offset) as { id: number; type: string; at: string; amount: number | null; channel: string | null; text: string | null; source: string; sourceKey: string }[];
  return { id, total, types, items };
}
