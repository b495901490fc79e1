// resolve.run in incremental mode: the records imported since the latest run are matched against
// its entities through its stored model and match index, without re-reading the workspace. Only
// the new records are standardised; the existing records that share a blocking key with them are
// read as the full run standardised them (resolve_forms), never standardised again; candidate
// pairs come from the stored keys (same rules, same block-size cap); levels, m/u, term frequencies
// (stored counts) and the threshold are the run's. A new record joins the entity it matches (on
// average over its candidate pairs with that entity's records, at the threshold, the household
// guard respected), or makes a new entity with the new records it matches;
// existing entity ids never change, except where new records bridge several entities: then the
// largest keeps its id and absorbs the others (listed in the result) — never two sides of a
// steward's cannot-link: the group joins the side it matches best. It extends the latest run's
// rows and summary in place (readers of "the latest run" see the result with no change), in one
// transaction at the end, so a cancelled run leaves nothing; resolve_increments keeps what its
// rollback needs to restore (store.ts IncrementUndo).
import { AerieError } from '../api/errors.js';
import type { ResolveRunResult } from '../api/resolve.js';
import type { JobContext } from '../jobs/types.js';
import { getModel } from '../models/registry.js';
import { householdGuard } from './cluster.js';
import { buildComparisons, type Comparison } from './comparisons.js';
import type { Model } from './em.js';
import { columnOf, hash53, recordRuleKeys, rulesByName, tfForm } from './incremental-keys.js';
import { ApartSets } from './incremental-apart.js';
import { decisionOverlay } from './incremental-decisions.js';
import { insertForms, insertKeys, keyedRecords, storedForms, tfCounts, type MatchIndex } from './incremental-store.js';
import type { ResolveParams } from './job.js';
import { householdColumns } from './pipeline.js';
import { inferRoles } from './roles.js';
import { matchWeight, pairParts, probability } from './score.js';
import { preparedFromForms, recordForms, standardise } from './standardise.js';
import { insertIncrement, insertPairs, latestRun, type IncrementUndo, type RunSummary } from './store.js';
import type { ColumnRole, Table } from './types.js';
import { workspaceRows } from './workspace-records.js';
import { pairChunks } from './save-pairs.js';

/** Pairs below this probability are counted but not stored (as in a full run). */
const EVERY = 20_000;
const STAGES = ['read', 'blocking', 'standardise', 'comparisons', 'score', 'attach', 'save'];

interface StoredParams {
  model?: Model;
  roles?: ColumnRole[];
  index?: MatchIndex;
  rules?: { name: string }[];
  country?: string;
}

const fullRunHint = 'Run a full resolve instead: aerie resolve <workspace> without --incremental (resolve.run with mode "full").';

function misfit(message: string, details: Record<string, unknown> = {}): never {
  throw new AerieError('CONFLICT', message, { ...details, hint: fullRunHint });
}

/** Fewest new records whose values are read for their columns' roles (fewer say too little). */
const ROLE_CHECK_MIN = 50;

/**
 * Compared columns that no longer fit the model: gone, or (with enough new records) a role the
 * model took from the header whose values in the new records contradict it, as a full run would
 * find (inferRoles then reads the role from the values instead).
 */
function roleChanges(table: Table, roles: ColumnRole[]): string[] {
  const out: string[] = [];
  const now = table.rows.length >= ROLE_CHECK_MIN ? inferRoles(table, { id: 'id' }) : null;
  for (const r of roles) {
    if (r.role === 'id' || r.role === 'ignore') continue;
    if (table.columns[r.index] !== r.column) {
      out.push(`${r.column} is no longer a column`);
      continue;
    }
    const n = now?.[r.index];
    if (n && r.reason.startsWith('header') && n.role !== r.role && n.role !== 'ignore' && !n.reason.startsWith('header')) out.push(`the new records' ${r.column} values read as ${n.role}, the model compares ${r.column} as ${r.role}`);
  }
  return out;
}

export async function runIncremental(ctx: JobContext<ResolveParams>): Promise<ResolveRunResult> {
  const { db } = ctx;
  const every = ctx.params.every ?? EVERY;
  const seconds: Record<string, number> = {};
  let t = performance.now();
  const stage = async (name: string, done = 0, total = 0) => {
    ctx.progress(STAGES.indexOf(name), STAGES.length, total > 0 ? `${name} (${done.toLocaleString('en')} of ${total.toLocaleString('en')})` : name);
    await ctx.yield();
  };
  const endStage = (name: string) => {
    const now = performance.now();
    seconds[name] = Math.round(now - t) / 1000;
    t = now;
  };

  await stage('read');
  const base = latestRun(db);
  if (!base) throw new AerieError('NOT_FOUND', 'No resolve run has succeeded in this workspace yet: an incremental run matches new records against the entities of a full run.', { hint: fullRunHint });
  const sp = (getModel(db, base.modelId)?.params ?? {}) as StoredParams;
  if (!sp.model || !sp.roles || !sp.rules || (sp.index?.version !== 1 && sp.index?.version !== 2)) misfit(`The latest resolve run (run ${base.id}) stored no match index for incremental runs (it was made by an older Aerie).`);
  const { model, roles, index } = sp as Required<StoredParams>;
  const country = sp.country ?? 'GB';
  const threshold = base.threshold;
  const dataRun = base.id;
  const gone = db.prepare('SELECT count(*) FROM resolve_members m WHERE m.run_id = ? AND NOT EXISTS (SELECT 1 FROM records r WHERE r.id = m.record_id)').pluck().get(dataRun) as number;
  if (gone > 0) misfit(`${gone.toLocaleString('en')} records resolved by the latest run are no longer in the workspace (a source was re-imported or records were erased).`, { records: gone });
  const newIds = db.prepare('SELECT r.id FROM records r WHERE NOT EXISTS (SELECT 1 FROM resolve_members m WHERE m.run_id = ? AND m.record_id = r.id) ORDER BY r.id').pluck().all(dataRun) as number[];
  const fresh = workspaceRows(db, newIds);
  const m = fresh.ids.length;
  const changes = roleChanges(fresh.table, roles);
  if (changes.length) misfit(`The records no longer fit the latest run's model: ${changes.join('; ')}.`, { columns: changes });
  endStage('read');

  // candidates: each new record's keys looked up in the stored keys, and among the new records
  await stage('blocking');
  const prepNew = standardise(fresh.table, roles, { country });
  const ruleNames = sp.rules.map((r) => r.name);
  const rules = rulesByName(prepNew, ruleNames, true);
  const missing = ruleNames.filter((_, r) => rules[r] === null);
  if (missing.length) misfit(`The new records cannot be blocked as the latest run was: rule ${missing.map((x) => JSON.stringify(x)).join(', ')} has no key in them.`, { rules: missing });
  const lookup = keyedRecords(db);
  const cap = index.cap;
  const existing = new Map<number, number>(); // record id -> position among the existing records read
  const seen = new Set<number>();
  const pa: number[] = []; // existing record id (≥ 0) or -(new index) - 1
  const pb: number[] = []; // new index
  const prule: number[] = [];
  const newKeys: [number, number, number][] = [];
  for (let r = 0; r < rules.length; r++) {
    const blocks = new Map<number, number[]>();
    for (let k = 0; k < m; k++) {
      for (const key of recordRuleKeys(rules[r]!, k)) {
        const h = hash53(key);
        newKeys.push([r, h, fresh.ids[k]!]);
        const l = blocks.get(h);
        if (l) l.push(k);
        else blocks.set(h, [k]);
      }
    }
    // in key order: the stored keys are sorted so, and neighbouring lookups share their pages
    for (const [h, list] of [...blocks].sort((x, y) => x[0] - y[0])) {
      const old = lookup(dataRun, r, h, cap + 1);
      if (old.length + list.length > cap) continue;
      for (const k of list) {
        for (const rec of old) {
          const key = k * 4294967296 + rec;
          if (seen.has(key)) continue;
          seen.add(key);
          if (!existing.has(rec)) existing.set(rec, existing.size);
          pa.push(rec);
          pb.push(k);
          prule.push(r);
        }
      }
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) {
          const key = -(list[x]! * m + list[y]! + 1);
          if (seen.has(key)) continue;
          seen.add(key);
          pa.push(-list[x]! - 1);
          pb.push(list[y]!);
          prule.push(r);
        }
    }
    await stage('blocking', r + 1, rules.length);
  }
  endStage('blocking');

  // the new records and their candidates (new first, then existing): the existing records' forms
  // are read as the full run stored them, not standardised again; only records with none stored (a
  // run made before forms were stored) are read and standardised
  await stage('standardise');
  const oldIds = [...existing.keys()];
  const formsOf = storedForms(db);
  const forms: unknown[][] = new Array(m + oldIds.length);
  for (let k = 0; k < m; k++) forms[k] = recordForms(prepNew, k);
  const unstored: number[] = [];
  const width = prepNew.columns.length;
  // read in record-id order (the table's), so that each page is read and decrypted once
  for (const k of Uint32Array.from(oldIds.keys()).sort((x, y) => oldIds[x]! - oldIds[y]!)) {
    const f = formsOf(dataRun, oldIds[k]!);
    if (f === undefined || f.length !== width) unstored.push(k);
    else forms[m + k] = f;
  }
  if (unstored.length) {
    const raw = workspaceRows(db, unstored.map((k) => oldIds[k]!));
    if (raw.ids.length !== unstored.length) misfit('A record of the latest run changed while the incremental run read it.');
    const p = standardise(raw.table, roles, { country });
    if (p.columns.length !== width) misfit("The records' comparisons differ from the latest run's model.", { columns: p.columns.map((c) => c.column) });
    unstored.forEach((k, x) => (forms[m + k] = recordForms(p, x)));
  }
  const prepared = preparedFromForms(prepNew, forms);
  const old = { ids: Int32Array.from(oldIds) };
  const comps0 = buildComparisons(prepared);
  if (comps0.length !== model.comparisons.length || comps0.some((c, ci) => c.name !== model.comparisons[ci]!.name)) misfit("The records' comparisons differ from the latest run's model.", { comparisons: comps0.map((c) => c.name) });
  endStage('standardise');

  // term frequencies from the stored counts (the whole workspace's), plus the new records' values
  const tfc = tfCounts(db);
  // stored counts by value, read before scoring for the values pairs agree on exactly (in key order)
  const stored: Map<string, number | undefined>[] = comps0.map(() => new Map());
  const comps: Comparison[] = comps0.map((c, ci) => {
    const col = columnOf(prepared, c.name);
    if (!col) return c;
    const form = tfForm(col);
    const added = new Map<string, number>();
    let present = 0;
    for (let k = 0; k < m; k++) {
      const v = form[k];
      if (v === null || v === undefined) continue;
      added.set(v, (added.get(v) ?? 0) + 1);
      present++;
    }
    const total = Math.max(1, index.tfTotals[ci]! + present);
    const cache = new Map<number, number>();
    return {
      ...c,
      tf: (i: number) => {
        let s = cache.get(i);
        if (s === undefined) {
          const v = form[i];
          // a value the run stored no count for was held once (or not at all); a new record counts itself once
          const known = v === null || v === undefined ? undefined : stored[ci]!.has(v) ? stored[ci]!.get(v) : tfc(dataRun, ci, v);
          s = v === null || v === undefined ? 1 : Math.max(1, (known ?? 1) + (added.get(v) ?? 0) - (i < m ? 1 : 0)) / total;
          cache.set(i, s);
        }
        return s;
      },
    };
  });

  // levels and weights of every candidate pair (a: existing or new, b: new), in table positions
  const P = pa.length;
  const A = Int32Array.from(pa, (x) => (x >= 0 ? m + existing.get(x)! : -x - 1));
  const B = Int32Array.from(pb);
  const C = comps.length;
  const levels = new Int8Array(C * P);
  for (let p = 0; p < P; p++) {
    if (p % every === 0) await stage('comparisons', p, P);
    for (let c = 0; c < C; c++) levels[c * P + p] = comps[c]!.level(A[p]!, B[p]!);
  }
  endStage('comparisons');
  await stage('score');
  for (let c = 0; c < C; c++) {
    const col = columnOf(prepared, comps[c]!.name);
    if (!col || comps[c]!.tfLevel < 0) continue;
    const form = tfForm(col);
    const values = new Map<number, string>();
    for (let p = 0; p < P; p++) {
      if (levels[c * P + p] !== comps[c]!.tfLevel) continue;
      const v = form[A[p]!];
      if (v !== null && v !== undefined) values.set(hash53(v), v);
    }
    for (const [, v] of [...values].sort((x, y) => x[0] - y[0])) stored[c]!.set(v, tfc(dataRun, c, v));
  }
  const parts = pairParts(model, comps, levels, A, B);
  const weight = new Float64Array(P);
  const prob = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    weight[p] = matchWeight(model, parts.a[p]!, parts.b ? parts.b[p]! : 0);
    prob[p] = probability(weight[p]!);
  }
  endStage('score');

  // attach: new records matched among themselves form groups; a group joins the entities it matches
  await stage('attach');
  const recordOf = (pos: number) => (pos < m ? fresh.ids[pos]! : old.ids[pos - m]!);
  // the steward's decisions bind as in a full run: their records read as in their groups
  const bound = decisionOverlay(db, dataRun, fresh.ids);
  const memberRow = db.prepare('SELECT entity_id FROM resolve_members WHERE run_id = ? AND record_id = ?').pluck();
  const memberOf = { get: (run: number, rec: number) => bound.moved.get(rec)?.to ?? (memberRow.get(run, rec) as string) };
  // the entities a group may join hold a record it matches at the threshold: look up only those
  // records' entities, then those entities' members among the records read
  const entityOf = new Map<number, string>(); // existing position -> entity (candidate entities only)
  const memberRows = db.prepare('SELECT record_id FROM resolve_members WHERE run_id = ? AND entity_id = ?').pluck();
  const membersOfEntity = {
    all: (run: number, e: string) => [
      ...(memberRows.all(run, e) as number[]).filter((r) => !bound.moved.has(r)),
      ...[...bound.moved].filter(([, mv]) => mv.to === e).map(([r]) => r),
    ],
  };
  const candidateEntities = new Set<string>();
  const looked = new Set<number>();
  for (let p = 0; p < P; p++) {
    if (A[p]! < m || prob[p]! < threshold || looked.has(A[p]!)) continue;
    looked.add(A[p]!);
    candidateEntities.add(memberOf.get(dataRun, recordOf(A[p]!)) as string);
  }
  for (const e of candidateEntities) {
    for (const rec of membersOfEntity.all(dataRun, e) as number[]) {
      const pos = existing.get(rec);
      if (pos !== undefined) entityOf.set(m + pos, e);
    }
  }
  const guard = householdGuard((c, i, j) => comps[c]!.level(i, j), householdColumns(comps, prepared), (c) => comps[c]!.levels.length - 1);
  const parent = Int32Array.from({ length: m }, (_, k) => k);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  // cannot-links: the clusters holding their records (new records as `#<root>` of their group)
  const apart = new ApartSets(bound.apart);
  const newPos = new Map<number, number>();
  if (!apart.empty) fresh.ids.forEach((r, k) => newPos.set(r, k));
  let newApart = false;
  for (const r of apart.records()) {
    const k = newPos.get(r);
    if (k !== undefined) {
      apart.mark(`#${k}`, r);
      newApart = true;
    } else {
      const e = memberOf.get(dataRun, r) as string | undefined;
      if (e !== undefined) apart.mark(e, r); // else erased
    }
  }
  // with a cannot-link between new records, the strongest links join first (no order matters otherwise)
  const order = newApart ? Uint32Array.from({ length: P }, (_, p) => p).sort((x, y) => weight[y]! - weight[x]!) : null;
  for (let q = 0; q < P; q++) {
    const p = order ? order[q]! : q;
    if (A[p]! >= m || prob[p]! < threshold || guard?.(A[p]!, B[p]!)) continue;
    const x = find(A[p]!);
    const y = find(B[p]!);
    if (x === y || apart.conflicts(apart.holds(`#${x}`), `#${y}`)) continue;
    const [root, child] = x < y ? [x, y] : [y, x];
    parent[child] = root;
    apart.join(`#${root}`, `#${child}`);
  }
  // per group and existing entity: the candidate pairs' probabilities, and whether the guard forbids it
  const links = new Map<number, Map<string, { sum: number; weight: number; count: number; forbidden: boolean }>>();
  for (let p = 0; p < P; p++) {
    const e = A[p]! >= m ? entityOf.get(A[p]!) : undefined;
    if (e === undefined) continue;
    const g = find(B[p]!);
    let byE = links.get(g);
    if (!byE) links.set(g, (byE = new Map()));
    let l = byE.get(e);
    if (!l) byE.set(e, (l = { sum: 0, weight: 0, count: 0, forbidden: false }));
    l.sum += prob[p]!;
    l.weight += weight[p]!;
    l.count++;
    if (guard?.(A[p]!, B[p]!)) l.forbidden = true;
  }
  const sizeOf = db.prepare('SELECT size FROM resolve_entities WHERE run_id = ? AND id = ?').pluck();
  const sizes = new Map<string, number>(); // entity -> size before this run
  const size = (e: string) => {
    let s = sizes.get(e);
    if (s === undefined) sizes.set(e, (s = ((sizeOf.get(dataRun, e) as number | undefined) ?? 0) + (bound.delta.get(e) ?? 0)));
    return s;
  };
  const groupEntity = new Map<number, string | null>(); // group root -> entity it joins (null: a new one)
  const absorbedBy = new Map<string, string>(); // absorbed entity -> the one that keeps its id
  const merged: { kept: string; absorbed: string[] }[] = [];
  const resolveId = (e: string) => {
    while (absorbedBy.has(e)) e = absorbedBy.get(e)!;
    return e;
  };
  for (let k = 0; k < m; k++) {
    const g = find(k);
    if (groupEntity.has(g)) continue;
    const byE = links.get(g);
    // the entities it matches (as merged so far), with the mean match weight of its pairs with each
    const match = new Map<string, { weight: number; count: number }>();
    for (const [e0, l] of byE ?? []) {
      if (l.forbidden || l.sum / l.count < threshold || bound.locked.has(e0)) continue;
      const e = resolveId(e0);
      const s = match.get(e) ?? { weight: 0, count: 0 };
      match.set(e, { weight: s.weight + l.weight, count: s.count + l.count });
    }
    const bySize = (x: string, y: string) => size(y) - size(x) || (x < y ? -1 : 1);
    // a decision's group neither absorbs nor is absorbed: the group joins the largest other entity
    // it matches (absorbing the rest of those), or else the largest decision group it matches
    let free = [...match.keys()].filter((e) => !bound.fixed.has(e)).sort(bySize);
    let fixed = [...match.keys()].filter((e) => bound.fixed.has(e)).sort(bySize);
    if (!apart.empty) {
      // never across a cannot-link: of two sides it matches, the group joins the one it matches
      // best (mean match weight), where it most likely belongs, rather than staying alone
      const mean = (e: string) => match.get(e)!.weight / match.get(e)!.count;
      const best = (x: string, y: string) => mean(y) - mean(x) || bySize(x, y);
      const mine = apart.holds(`#${g}`);
      const held = new Set(mine);
      const together: string[] = [];
      for (const e of [...free].sort(best)) {
        if (apart.conflicts(held, e)) continue;
        together.push(e);
        for (const r of apart.holds(e)) held.add(r);
      }
      free = together.sort(bySize);
      fixed = fixed.filter((e) => !apart.conflicts(mine, e));
    }
    if (free.length === 0 && fixed.length === 0) {
      groupEntity.set(g, null);
      continue;
    }
    const kept = free[0] ?? fixed[0]!;
    if (free.length > 1) {
      for (const e of free.slice(1)) {
        absorbedBy.set(e, kept);
        apart.join(kept, e);
      }
      merged.push({ kept, absorbed: free.slice(1) });
    }
    apart.join(kept, `#${g}`);
    groupEntity.set(g, kept);
  }
  endStage('attach');

  // one transaction: the run, new members, merges, entity sizes, pairs, keys
  await stage('save');
  const jobId = ctx.jobId;
  // stored as a full run stores them, read before the transaction (which cannot wait between chunks)
  const counted = { matches: 0, matchesByRule: ruleNames.map(() => 0) };
  const ids = Array.from({ length: m + old.ids.length }, (_, k) => recordOf(k));
  const [pairs] = [...pairChunks({ pairs: { a: A, b: B, weight, probability: prob, rule: Uint8Array.from(prule) }, comparisons: comps, model, rules: ruleNames }, ids, threshold, Infinity, counted, levels)];
  const { matches, matchesByRule } = counted;
  const result = db.transaction(() => {
    const undo: IncrementUndo = { summary: JSON.stringify(base.summary), added: Array.from(fresh.ids), moved: [], entities: [] };
    const incId = insertIncrement(db, jobId, dataRun, undo);
    const before = new Map<string, number | null>();
    const note = (e: string) => {
      if (!before.has(e)) before.set(e, (sizeOf.get(dataRun, e) as number | undefined) ?? null);
    };
    const after = new Map<string, number>();
    const grow = (e: string, by: number) => {
      note(e);
      after.set(e, (after.get(e) ?? before.get(e) ?? 0) + by);
    };
    const move = db.prepare('UPDATE resolve_members SET entity_id = ? WHERE run_id = ? AND record_id = ?');
    // the steward's decisions made since the run: their records move to their groups
    for (const [rec, mv] of bound.moved) {
      move.run(mv.to, dataRun, rec);
      undo.moved.push([rec, mv.from]);
      grow(mv.from, -1);
      grow(mv.to, 1);
    }
    // then merges: the absorbed entities' records move to the entity that keeps its id
    const membersOf = db.prepare('SELECT record_id FROM resolve_members WHERE run_id = ? AND entity_id = ?').pluck();
    for (const [e] of absorbedBy) {
      const kept = resolveId(e);
      const recs = membersOf.all(dataRun, e) as number[];
      for (const rec of recs) {
        move.run(kept, dataRun, rec);
        undo.moved.push([rec, e]);
      }
      note(e);
      after.set(e, 0);
      grow(kept, recs.length);
    }
    const putMember = db.prepare('INSERT INTO resolve_members (run_id, record_id, entity_id) VALUES (?, ?, ?)');
    const fresher = new Map<number, string>();
    let attached = 0;
    for (let k = 0; k < m; k++) {
      const g = find(k);
      const joined = groupEntity.get(g)!;
      let e: string;
      const decided = bound.added.get(fresh.ids[k]!);
      if (decided !== undefined) e = decided;
      else if (joined !== null) {
        e = resolveId(joined);
        attached++;
      } else {
        e = fresher.get(g) ?? `E${dataRun}.${incId}-${fresher.size + 1}`;
        fresher.set(g, e);
      }
      putMember.run(dataRun, fresh.ids[k]!, e);
      grow(e, 1);
    }
    const delEnt = db.prepare('DELETE FROM resolve_entities WHERE run_id = ? AND id = ?');
    const putEnt = db.prepare('INSERT INTO resolve_entities (run_id, id, size) VALUES (?, ?, ?) ON CONFLICT (run_id, id) DO UPDATE SET size = excluded.size');
    for (const [e, s] of after) {
      if (s === 0) delEnt.run(dataRun, e);
      else putEnt.run(dataRun, e, s);
    }
    undo.entities = [...before];
    insertPairs(db, dataRun, pairs!);
    insertKeys(db, dataRun, newKeys);
    insertForms(db, dataRun, fresh.ids, prepNew);
    const entities = db.prepare('SELECT count(*) FROM resolve_entities WHERE run_id = ?').pluck().get(dataRun) as number;
    const prev = base.summary;
    const summary: RunSummary & { incremental: NonNullable<ResolveRunResult['incremental']> } = {
      runId: dataRun,
      records: prev.records + m,
      candidatePairs: prev.candidatePairs + P,
      scoredPairs: prev.scoredPairs + P,
      matches: prev.matches + matches,
      entities,
      entitiesKept: prev.entities - absorbedBy.size,
      secondsPerStage: seconds,
      modelId: base.modelId,
      rules: prev.rules,
      matchesByRule: prev.rules.map((_, r) => (prev.matchesByRule[r] ?? 0) + (matchesByRule[r] ?? 0)),
      incremental: { baseRunId: dataRun, newRecords: m, candidatePairs: P, matches, attached, newEntities: fresher.size, merged, existingRecordsRead: old.ids.length, existingRestandardised: unstored.length },
    };
    db.prepare('UPDATE resolve_increments SET undo = ? WHERE id = ?').run(JSON.stringify(undo), incId);
    db.prepare('UPDATE resolve_runs SET summary = ? WHERE id = ?').run(JSON.stringify(summary), dataRun);
    return summary;
  })();
  endStage('save');
  result.secondsPerStage = seconds;
  db.prepare('UPDATE resolve_runs SET summary = ? WHERE id = ?').run(JSON.stringify(result), dataRun);
  ctx.progress(STAGES.length, STAGES.length, 'Done');
  const { rules: _r, matchesByRule: _m, ...out } = result;
  return out;
}
