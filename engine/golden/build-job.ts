// golden.build: the latest resolve run's entities (records imported since stand alone), the
// steward's merges, splits and locks bound on them, stable golden ids, then survivorship per
// attribute with its provenance, the locks' values and the overrides on top. Cancel is honoured
// between chunks; rollback deletes the build's rows (and its id events).
import { AerieError } from '../api/errors.js';
import type { GoldenBuildResult } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { GOLDEN_ATTRIBUTES, keyAndValidity } from './attributes.js';
import { groupMembers, GroupLabels, type Groups } from './build-groups.js';
import { allDecisions, bindDecisions, decisionLabel, decisionsInForce, type Decision, type RecordGroups } from './decisions.js';
import { assignIds } from './ids.js';
import { currentRules } from './rules.js';
import { finishBuild, insertBuild, insertEvents, insertGolden, previousGoldenMembers, pruneOlderBuilds, removeBuildOfJob, type BuiltRecord, type GoldenValueRow, type PreviousMembers } from './store.js';
import { survive, type Candidate } from './survivorship.js';

export interface GoldenBuildParams {
  /** Golden records written per transaction between yields (tests make it small to cancel mid-way). */
  chunk?: number;
}

const CHUNK = 10_000;

/** The latest succeeded resolve run's id, or null. */
export function latestResolveRun(db: DB): number | null {
  return (db.prepare("SELECT r.id FROM resolve_runs r JOIN jobs j ON j.id = r.job_id WHERE j.state = 'succeeded' ORDER BY r.id DESC LIMIT 1").pluck().get() as number | undefined) ?? null;
}

/** Every customer record, with what survivorship ranks by: source priority and recency. The
 * attribute values are read a chunk of golden records at a time (readValues): 11 columns of 1M
 * records held as strings were most of a 1M build's memory. */
export interface RecordTable {
  /** Ascending. */
  ids: Int32Array;
  sourceRank: Float64Array;
  recency: Float64Array;
}

export function readRecords(db: DB, sourcePriority: readonly string[]): RecordTable {
  const sources = new Map((db.prepare('SELECT id, name FROM sources').raw().all() as [number, string][]).map(([id, name]) => [id, sourcePriority.indexOf(name)]));
  const importRank = new Map((db.prepare('SELECT id FROM imports ORDER BY created_at, id').pluck().all() as number[]).map((id, k) => [id, k]));
  const n = db.prepare('SELECT count(*) FROM records').pluck().get() as number;
  const t: RecordTable = { ids: new Int32Array(n), sourceRank: new Float64Array(n), recency: new Float64Array(n) };
  let k = 0;
  for (const [id, source, imp] of db.prepare('SELECT id, source_id, import_id FROM records ORDER BY id').raw().iterate() as Iterable<[number, number, number]>) {
    t.ids[k] = id;
    const rank = sources.get(source) ?? -1;
    t.sourceRank[k] = rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
    t.recency[k] = (importRank.get(imp) ?? 0) * 2 ** 32 + id;
    k++;
  }
  return t;
}

/** The golden attributes of the given records: record id → [id, ...values in GOLDEN_ATTRIBUTES order]. */
export function readValues(db: DB, ids: ArrayLike<number>): Map<number, (string | null)[]> {
  const sorted = Int32Array.from(ids).sort();
  // the id list drives (one primary-key lookup each, ascending), never a scan of records
  const rows = db
    .prepare(`SELECT r.id, ${GOLDEN_ATTRIBUTES.map((a) => `r.${a}`).join(', ')} FROM json_each(?) AS j CROSS JOIN records AS r ON r.id = j.value`)
    .raw()
    .all(JSON.stringify(Array.from(sorted))) as [number, ...(string | null)[]][];
  return new Map(rows.map((row) => [row[0], row as (string | null)[]]));
}

/**
 * A resolve run made since a merge or split binds it (its records grouped as `D<id>`); once that
 * decision is undone, the build takes it apart again without waiting for the next resolve run: an
 * undone merge's merged-in records leave the group, an undone split's records rejoin the group of
 * the records they were split from.
 */
export function unbindUndone(groups: RecordGroups, all: readonly Decision[], inForce: ReadonlySet<number>, previous: PreviousMembers): void {
  for (const d of all) {
    if ((d.kind !== 'merge' && d.kind !== 'split') || inForce.has(d.id)) continue;
    const label = decisionLabel(d);
    const mine = d.records.filter((r) => groups.get(r) === label);
    if (mine.length === 0) continue;
    if (d.kind === 'merge') {
      const merged = new Set(d.value ? (JSON.parse(d.value) as number[]) : []);
      for (const r of mine) if (merged.has(r)) groups.set(r, `U${d.id}`);
      continue;
    }
    const out = new Set(d.records);
    let home: string | undefined;
    // the lowest record of the split's golden record that stayed (previous lists an id's records ascending)
    const was = d.goldenId === null ? undefined : previous.indexOf.get(d.goldenId);
    for (let r = 0; was !== undefined && r < previous.of.length; r++) {
      if (previous.of[r] === was && !out.has(r) && groups.has(r)) {
        home = groups.get(r);
        break;
      }
    }
    for (const r of mine) groups.set(r, home ?? `U${d.id}`);
  }
}

/**
 * The build's groups: the resolve run's entities (a record imported since stands alone), undone
 * merges and splits taken apart, the decisions in force bound; numbered in the order of their
 * lowest record id (the order new ids are handed out in). A function of its own so that the
 * entity labels (one string per entity) are garbage once it returns.
 */
function groupRecords(db: DB, runId: number, ids: Int32Array, index: Int32Array, decisions: readonly Decision[], previous: PreviousMembers): { groups: Groups; applied: Decision[] } {
  const labels = new GroupLabels(ids, index);
  for (const [r, e] of db.prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().iterate(runId) as Iterable<[number, string]>) labels.set(r, e);
  unbindUndone(labels, allDecisions(db), new Set(decisions.map((d) => d.id)), previous);
  const applied = bindDecisions(labels, decisions);
  return { groups: labels.toGroups(), applied };
}

/** The id a decision gives the group of its records. */
function forcedId(d: Decision): string | null {
  return d.kind === 'split' ? d.otherId : d.goldenId;
}

export const goldenBuildJob: JobKind<GoldenBuildParams> = {
  kind: 'golden.build',
  unit: 'golden records',
  label: () => 'Build golden records',
  resumable: false,
  // appends millions of rows at 1M records: written once, not to the WAL and again by a checkpoint
  bulkWrites: true,
  tables: ['golden_builds', 'golden_records', 'golden_members', 'golden_values', 'golden_id_events', 'golden_settings'],
  async run(ctx): Promise<GoldenBuildResult> {
    const { db } = ctx;
    const t0 = performance.now();
    const chunkSize = ctx.params.chunk ?? CHUNK;
    ctx.progress(0, null, 'Reading records');
    const runId = latestResolveRun(db);
    if (runId === null) throw new AerieError('NOT_FOUND', 'No resolve run has succeeded in this workspace yet; golden records are built from its entities.', { hint: 'Run resolve first (aerie resolve <workspace>, or resolve.run).' });
    db.transaction(() => pruneOlderBuilds(db))();
    const previous = previousGoldenMembers(db);
    const ruleSet = currentRules(db);
    const rules = ruleSet.rules;
    const recs = readRecords(db, rules.sourcePriority);
    // record id → its position in recs (ids are ascending and near dense: an array, not a 1M-entry Map)
    const index = new Int32Array((recs.ids.at(-1) ?? 0) + 1).fill(-1);
    recs.ids.forEach((id, k) => (index[id] = k));
    const lastDecisionId = (db.prepare('SELECT max(id) FROM golden_decisions').pluck().get() as number | null) ?? 0;
    const decisions = decisionsInForce(db);
    const { groups, applied } = groupRecords(db, runId, recs.ids, index, decisions, previous);
    await ctx.yield();
    const forced = new Map<string, { id: string; decisionId: number }>();
    for (const d of applied) {
      const id = forcedId(d);
      if (id) forced.set(decisionLabel(d), { id, decisionId: d.id });
    }
    const buildId = insertBuild(db, ctx.jobId, ruleSet.version, runId, lastDecisionId);
    // ids that undone merges retired come back to the records they held
    const inForce = new Set(decisions.map((d) => d.id));
    const revive = new Map<string, number[]>();
    const reviveLabels = new Map<string, string>();
    for (const d of allDecisions(db)) {
      if (d.kind !== 'merge' || !d.otherId || !d.value || inForce.has(d.id) || d.id > lastDecisionId) continue;
      revive.set(d.otherId, JSON.parse(d.value) as number[]);
      reviveLabels.set(`U${d.id}`, d.otherId);
    }
    const assigned = assignIds(db, groups, forced, previous, revive, reviveLabels);
    // only an override looks for where a merged id went: the set of this build's ids only then
    let current: Set<string> | null = null;
    const isCurrent = (id: string) => (current ??= new Set(assigned.ids)).has(id);
    // an override follows its record through merges (this build's and earlier ones)
    const mergedInto = new Map(assigned.events.filter((e) => e.event === 'merged_into').map((e) => [e.goldenId, e.otherId!]));
    const storedMerge = db.prepare("SELECT other_id FROM golden_id_events WHERE golden_id = ? AND event = 'merged_into' ORDER BY id DESC LIMIT 1").pluck();
    const follow = (id: string): string | null => {
      for (let hops = 0; hops < 100 && !isCurrent(id); hops++) {
        const next = mergedInto.get(id) ?? (storedMerge.get(id) as string | undefined);
        if (!next) return null;
        id = next;
      }
      return isCurrent(id) ? id : null;
    };
    const overrides = new Map<string, Map<string, Decision>>();
    for (const d of decisions) {
      if (d.kind !== 'override' || !d.goldenId || !d.attribute) continue;
      const g = follow(d.goldenId);
      if (!g) continue;
      let m = overrides.get(g);
      if (!m) overrides.set(g, (m = new Map()));
      m.set(d.attribute, d);
    }
    const locks = new Map(applied.filter((d) => d.kind === 'lock').map((d) => [assigned.ids[groups.find(decisionLabel(d))!]!, d]));
    let overridesApplied = 0;
    await ctx.yield();

    const total = groups.count;
    let chunk: BuiltRecord[] = [];
    let rows = new Map<number, (string | null)[]>();
    for (let n = 0; n < total; n++) {
      // the attribute values of the next chunk's records
      if (n % chunkSize === 0) rows = readValues(db, groups.members.subarray(groups.offsets[n], groups.offsets[Math.min(n + chunkSize, total)]));
      const members = groupMembers(groups, n);
      const id = assigned.ids[n]!;
      const values: GoldenValueRow[] = [];
      for (let a = 0; a < GOLDEN_ATTRIBUTES.length; a++) {
        const cands: Candidate[] = [];
        for (const r of members) {
          const k = index[r]!;
          const v = rows.get(r)![a + 1];
          if (v !== null && v !== undefined && v.trim() !== '') cands.push({ recordId: r, value: v, sourceRank: recs.sourceRank[k]!, recency: recs.recency[k]! });
        }
        if (cands.length === 0) continue;
        const attribute = GOLDEN_ATTRIBUTES[a]!;
        const rule = rules.attributes[attribute];
        // one candidate, valid or not validated: it survives (what survive() returns, without its work)
        if (cands.length === 1) {
          const v = cands[0]!.value.trim();
          if (!rule.validOnly || keyAndValidity(attribute, v, rules.country).valid) values.push({ attribute, value: v, rule: rule.rule, confidence: 1, records: [cands[0]!.recordId] });
          continue;
        }
        const { survivor } = survive(attribute, cands, rule, rules.country, { verdicts: false });
        if (survivor) values.push({ attribute, value: survivor.value, rule: survivor.rule, confidence: survivor.confidence, records: survivor.records });
      }
      const lock = locks.get(id);
      if (lock?.value) {
        // the values as they were when locked; attributes it had none for stay empty
        const locked = JSON.parse(lock.value) as Record<string, string>;
        const kept = values.filter((v) => v.attribute in locked);
        values.length = 0;
        for (const [attribute, value] of Object.entries(locked)) {
          const v = kept.find((x) => x.attribute === attribute);
          values.push({ attribute, value, rule: 'lock', confidence: 1, records: v && v.value === value ? v.records : [] });
        }
      }
      for (const [attribute, d] of overrides.get(id) ?? []) {
        if (lock && lock.id > d.id) continue;
        const at = values.findIndex((v) => v.attribute === attribute);
        const row = { attribute, value: d.value ?? '', rule: 'override', confidence: 1, records: [] };
        if (at >= 0) values[at] = row;
        else values.push(row);
        overridesApplied++;
      }
      chunk.push({ id, records: members, locked: lock !== undefined, values });
      if (chunk.length >= chunkSize) {
        insertGolden(db, buildId, chunk);
        chunk = [];
        ctx.progress(n + 1, total, 'Saving golden records');
        await ctx.yield();
      }
    }
    insertGolden(db, buildId, chunk);
    insertEvents(db, buildId, assigned.events);
    const result: GoldenBuildResult = {
      buildId,
      records: recs.ids.length,
      goldenRecords: total,
      idsKept: assigned.kept,
      idsCreated: assigned.created,
      idsRetired: assigned.retired,
      decisionsApplied: applied.length + overridesApplied,
      ruleVersion: ruleSet.version,
      resolveRunId: runId,
      seconds: Math.round(performance.now() - t0) / 1000,
    };
    finishBuild(db, buildId, result);
    ctx.progress(total, total, 'Done');
    return result;
  },
  rollback(db, jobId) {
    removeBuildOfJob(db, jobId);
  },
};
