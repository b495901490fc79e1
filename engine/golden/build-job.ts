// golden.build: the latest resolve run's entities (records imported since stand alone), the
// steward's merges, splits and locks bound on them, stable golden ids, then survivorship per
// attribute with its provenance, the locks' values and the overrides on top. Cancel is honoured
// between chunks; rollback deletes the build's rows (and its id events).
import { AerieError } from '../api/errors.js';
import type { GoldenAttribute, GoldenBuildResult } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import type { JobKind } from '../jobs/types.js';
import { GOLDEN_ATTRIBUTES, keyAndValidity } from './attributes.js';
import { allDecisions, bindDecisions, decisionLabel, decisionsInForce, type Decision } from './decisions.js';
import { assignIds } from './ids.js';
import { currentRules } from './rules.js';
import { currentGoldenMembers, finishBuild, insertBuild, insertEvents, insertGolden, pruneOlderBuilds, removeBuildOfJob, type BuiltRecord, type GoldenValueRow } from './store.js';
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

/** Every customer record's attributes, with what survivorship ranks by: source priority and recency. */
export interface RecordTable {
  ids: number[];
  sourceRank: number[];
  recency: number[];
  values: Map<GoldenAttribute, (string | null)[]>;
}

export function readRecords(db: DB, sourcePriority: readonly string[]): RecordTable {
  const sources = new Map((db.prepare('SELECT id, name FROM sources').raw().all() as [number, string][]).map(([id, name]) => [id, sourcePriority.indexOf(name)]));
  const importRank = new Map((db.prepare('SELECT id FROM imports ORDER BY created_at, id').pluck().all() as number[]).map((id, k) => [id, k]));
  const t: RecordTable = { ids: [], sourceRank: [], recency: [], values: new Map(GOLDEN_ATTRIBUTES.map((a) => [a, []])) };
  const cols = GOLDEN_ATTRIBUTES.map((a) => t.values.get(a)!);
  for (const row of db.prepare(`SELECT id, source_id, import_id, ${GOLDEN_ATTRIBUTES.join(', ')} FROM records ORDER BY id`).raw().iterate() as Iterable<unknown[]>) {
    const id = row[0] as number;
    t.ids.push(id);
    const rank = sources.get(row[1] as number) ?? -1;
    t.sourceRank.push(rank < 0 ? Number.MAX_SAFE_INTEGER : rank);
    t.recency.push((importRank.get(row[2] as number) ?? 0) * 2 ** 32 + id);
    for (let k = 0; k < cols.length; k++) cols[k]!.push((row[k + 3] as string | null) ?? null);
  }
  return t;
}

/**
 * A resolve run made since a merge or split binds it (its records grouped as `D<id>`); once that
 * decision is undone, the build takes it apart again without waiting for the next resolve run: an
 * undone merge's merged-in records leave the group, an undone split's records rejoin the group of
 * the records they were split from.
 */
export function unbindUndone(groups: Map<number, string>, all: readonly Decision[], inForce: ReadonlySet<number>, previous: ReadonlyMap<number, string>): void {
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
    for (const [r, g] of previous) {
      if (g === d.goldenId && !out.has(r) && groups.has(r)) {
        home = groups.get(r);
        break;
      }
    }
    for (const r of mine) groups.set(r, home ?? `U${d.id}`);
  }
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
    const previous = currentGoldenMembers(db);
    const ruleSet = currentRules(db);
    const rules = ruleSet.rules;
    const recs = readRecords(db, rules.sourcePriority);
    const groups = new Map<number, string>(recs.ids.map((id) => [id, `R${id}`]));
    for (const [r, e] of db.prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ?').raw().iterate(runId) as Iterable<[number, string]>) if (groups.has(r)) groups.set(r, e);
    await ctx.yield();

    const lastDecisionId = (db.prepare('SELECT max(id) FROM golden_decisions').pluck().get() as number | null) ?? 0;
    const decisions = decisionsInForce(db);
    unbindUndone(groups, allDecisions(db), new Set(decisions.map((d) => d.id)), previous);
    const applied = bindDecisions(groups, decisions);
    const forced = new Map<string, { id: string; decisionId: number }>();
    for (const d of applied) {
      const id = forcedId(d);
      if (id) forced.set(decisionLabel(d), { id, decisionId: d.id });
    }
    const byLabel = new Map<string, number[]>();
    // record id → its position in recs (ids are ascending and near dense: an array, not a 1M-entry Map)
    const index = new Int32Array((recs.ids.at(-1) ?? 0) + 1).fill(-1);
    recs.ids.forEach((id, k) => {
      index[id] = k;
      const l = groups.get(id)!;
      const list = byLabel.get(l);
      if (list) list.push(id);
      else byLabel.set(l, [id]);
    });
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
    const assigned = assignIds(db, byLabel, forced, previous, revive, reviveLabels);
    const currentIds = new Set(assigned.ids.values());
    // an override follows its record through merges (this build's and earlier ones)
    const mergedInto = new Map(assigned.events.filter((e) => e.event === 'merged_into').map((e) => [e.goldenId, e.otherId!]));
    const storedMerge = db.prepare("SELECT other_id FROM golden_id_events WHERE golden_id = ? AND event = 'merged_into' ORDER BY id DESC LIMIT 1").pluck();
    const follow = (id: string): string | null => {
      for (let hops = 0; hops < 100 && !currentIds.has(id); hops++) {
        const next = mergedInto.get(id) ?? (storedMerge.get(id) as string | undefined);
        if (!next) return null;
        id = next;
      }
      return currentIds.has(id) ? id : null;
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
    const locks = new Map(applied.filter((d) => d.kind === 'lock').map((d) => [assigned.ids.get(decisionLabel(d))!, d]));
    let overridesApplied = 0;
    await ctx.yield();

    const labels = [...byLabel.keys()];
    const total = labels.length;
    let chunk: BuiltRecord[] = [];
    for (let n = 0; n < total; n++) {
      const label = labels[n]!;
      const members = byLabel.get(label)!;
      const id = assigned.ids.get(label)!;
      const values: GoldenValueRow[] = [];
      for (const a of GOLDEN_ATTRIBUTES) {
        const col = recs.values.get(a)!;
        const cands: Candidate[] = [];
        for (const r of members) {
          const k = index[r]!;
          const v = col[k];
          if (v !== null && v !== undefined && v.trim() !== '') cands.push({ recordId: r, value: v, sourceRank: recs.sourceRank[k]!, recency: recs.recency[k]! });
        }
        if (cands.length === 0) continue;
        const rule = rules.attributes[a];
        // one candidate, valid or not validated: it survives (what survive() returns, without its work)
        if (cands.length === 1) {
          const v = cands[0]!.value.trim();
          if (!rule.validOnly || keyAndValidity(a, v, rules.country).valid) values.push({ attribute: a, value: v, rule: rule.rule, confidence: 1, records: [cands[0]!.recordId] });
          continue;
        }
        const { survivor } = survive(a, cands, rule, rules.country, { verdicts: false });
        if (survivor) values.push({ attribute: a, value: survivor.value, rule: survivor.rule, confidence: survivor.confidence, records: survivor.records });
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
