// Entry points: dedupe one table, link two. Same defaults for every file: roles inferred, rules
// proposed, model learned without labels, one probability threshold. Stages are timed.
import { candidatePairs, proposeRules, type BlockingOptions, type BlockingRule } from './blocking.js';
import { buildComparisons, type Comparison } from './comparisons.js';
import { cluster, householdGuard, type ClusterResult, type HouseholdColumns } from './cluster.js';
import { conditionOnNames, estimatePriors, estimateU, posteriors, randomPairs, refineU, trainM, type Model } from './em.js';
import { withNearest, type NearestOptions } from './knn.js';
import { inferRoles } from './roles.js';
import { matchWeight, pairParts, pairWeight, probability, weightTables } from './score.js';
import { standardise, type Prepared } from './standardise.js';
import { splitFullName } from '../standardize/names.js';
import type { ColumnRole, Progress, Role, Table } from './types.js';

export interface ResolveOptions {
  /** The record identifier column (never compared). */
  id?: string | undefined;
  /** Columns that take no part. */
  ignore?: string[] | undefined;
  /** Default country for phone numbers (ISO alpha-2). */
  country?: string | undefined;
  /** Match probability at or above which a pair links (default 0.5). */
  threshold?: number | undefined;
  blocking?: BlockingOptions | undefined;
  /** Also each record's nearest neighbours by embedding as candidates (knn.ts); off when absent. */
  nearest?: NearestOptions | undefined;
  /** Random pairs sampled for u (default 300,000; all pairs when fewer). */
  uSample?: number | undefined;
  onProgress?: Progress | undefined;
  /** Column roles decided by the caller (the workspace's run set-up) instead of inferred. */
  roles?: ColumnRole[] | undefined;
  /** Blocking rules chosen by the caller (the run set-up) instead of proposed. */
  rules?: ((p: Prepared, o: BlockingOptions) => BlockingRule[]) | undefined;
}

export const DEFAULT_THRESHOLD = 0.5;

export interface ScoredPairs {
  a: Int32Array;
  b: Int32Array;
  /** Match weight (log2 odds, prior included) and probability of each candidate pair. */
  weight: Float64Array;
  probability: Float64Array;
  /** Index of the blocking rule that first proposed the pair. */
  rule: Uint8Array;
}

export interface RunResult {
  roles: ColumnRole[];
  rules: Pick<BlockingRule, 'name' | 'comparisons' | 'capped'>[];
  /** The rules with their keys (the workspace job stores each record's keys for incremental runs). */
  blockingRules: BlockingRule[];
  model: Model;
  comparisons: Comparison[];
  prepared: Prepared;
  pairs: ScoredPairs;
  clusters: ClusterResult;
  threshold: number;
  /** Seconds per stage. */
  seconds: Record<string, number>;
  /** Probability of any pair of records (for explanations and pairs outside the candidates). */
  pairProbability: (i: number, j: number) => number;
}

function timer(onProgress?: Progress) {
  const seconds: Record<string, number> = {};
  let t = performance.now();
  return {
    seconds,
    stage(name: string) {
      const now = performance.now();
      seconds[name] = Math.round(now - t) / 1000;
      t = now;
      onProgress?.(name, 1, 1);
    },
  };
}

/** What each comparison means for households and identity: its column's role. */
function roleOfComparison(prepared: Prepared, name: string): Role | 'birth' | 'email' | 'phone' | null {
  const c = prepared.columns.find((x) => x.column === name);
  if (!c) return null;
  if (c.kind === 'name') return c.role;
  if (c.kind === 'date') return c.birth ? 'birth' : 'date';
  if (c.kind === 'text') return c.role;
  return c.kind;
}

const ADDRESS_ROLES = ['address', 'houseNumber', 'postcode'];
/** What members of one household share as one person's records do: surname, where they live, the landline. */
const SHARED_ROLES = ['surname', 'address', 'houseNumber', 'postcode', 'town', 'phone'];
/** Attributes that differ between members of one household (they agree only by chance). */
const PERSONAL_ROLES = ['givenName', 'birth', 'nationalId'];

export function householdColumns(comps: Comparison[], prepared: Prepared): HouseholdColumns | null {
  const roles = comps.map((c) => roleOfComparison(prepared, c.name) ?? '');
  const given = roles.indexOf('givenName');
  const surname = roles.indexOf('surname');
  const birth = roles.indexOf('birth');
  const address = roles.map((r, i) => (ADDRESS_ROLES.includes(r) ? i : -1)).filter((i) => i >= 0);
  const personal = roles.map((r, i) => (['nationalId', 'email', 'phone'].includes(r) ? i : -1)).filter((i) => i >= 0);
  if (given < 0 || surname < 0 || birth < 0 || address.length === 0) return null;
  return { given, surname, birth, address, personal };
}

/**
 * Which comparisons household members share (true), or null when the records carry no address or
 * no personal attribute (then there is no household class).
 */
function householdShared(comps: Comparison[], prepared: Prepared): boolean[] | null {
  const roles = comps.map((c) => roleOfComparison(prepared, c.name) ?? '');
  if (!roles.some((r) => ADDRESS_ROLES.includes(r)) || !roles.some((r) => PERSONAL_ROLES.includes(r))) return null;
  return roles.map((r) => SHARED_ROLES.includes(r));
}

/** Where a staged run may pause: the stage it is in and how far through it (total 0: unknown). */
export interface Step {
  stage: string;
  done: number;
  total: number;
}

/** Pairs (or records) handled between two pauses of a staged run. */
const STEP = 20_000;

/**
 * Resolve a table; with `split`, rows before it are source A and the rest source B (link). A
 * generator: it pauses between stages and every `every` items inside the long loops, so an async
 * caller (the workspace job) can let other requests in and stop a cancelled run; the one-shot CLI
 * and the benches drain it synchronously. Blocking, EM and clustering each still run in one piece.
 */
function* steps(table: Table, roles: ColumnRole[], opts: ResolveOptions, split?: number, every = STEP): Generator<Step, RunResult> {
  const t = timer(opts.onProgress);
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  // one column at a time (each column's forms depend only on that column)
  const scols: Prepared['columns'] = [];
  const used = roles.filter((r) => r.role !== 'id' && r.role !== 'ignore');
  for (let k = 0; k < used.length; k++) {
    yield { stage: 'standardise', done: k, total: used.length };
    scols.push(...standardise(table, [used[k]!], { country: opts.country ?? 'GB' }).columns);
  }
  const prepared: Prepared = { n: table.rows.length, columns: scols };
  t.stage('standardise');
  yield { stage: 'blocking', done: 0, total: 0 };
  const bopts: BlockingOptions = { ...opts.blocking, ...(split !== undefined ? { split } : {}) };
  const rules = opts.rules ? opts.rules(prepared, bopts) : proposeRules(prepared, bopts);
  yield { stage: 'blocking', done: 1, total: 2 };
  const cand = withNearest(prepared, candidatePairs(prepared, rules, bopts), opts.nearest, split);
  t.stage('blocking');
  const comps = buildComparisons(prepared);
  // levels of every candidate pair, pair by pair as em.ts computeLevels does (comparisons of one
  // pair share work), pausing every `every` pairs
  const P = cand.a.length;
  const C = comps.length;
  const levels = new Int8Array(C * P);
  for (let p = 0; p < P; p++) {
    if (p % every === 0) yield { stage: 'comparisons', done: p, total: P };
    const i = cand.a[p]!;
    const j = cand.b[p]!;
    for (let c = 0; c < C; c++) levels[c * P + p] = comps[c]!.level(i, j);
  }
  t.stage('comparisons');
  const n = prepared.n;
  const totalPairs = split === undefined ? (n * (n - 1)) / 2 : split * (n - split);
  const sample = randomPairs(n, split, opts.uSample ?? 300_000);
  yield { stage: 'u', done: 0, total: 0 };
  const { u: u0, levels: sampleLevels } = estimateU(comps, sample);
  t.stage('u');
  // m by EM with u from random pairs, then the priors; then u again with the related pairs among
  // the random ones taken out, and m and the priors once more with that u
  const shared = householdShared(comps, prepared);
  const identifying = comps.map((c) => PERSONAL_ROLES.includes(roleOfComparison(prepared, c.name) ?? ''));
  const model: Model = { comparisons: [], lambda: 0, lambdaHousehold: 0, totalPairs, training: [] };
  const fit = (u: number[][], start?: Model['comparisons']) => {
    const trained = trainM(comps, cand, levels, u, { shared, identifying, ...(start ? { start: start.map((c) => c.m) } : {}) });
    model.comparisons = comps.map((c, ci) => ({ name: c.name, columns: c.columns, levels: c.levels, m: trained.m[ci]!, u: u[ci]!, shared: Boolean(shared?.[ci]), tfLevel: c.tfLevel, tfMean: c.tfMean, sessions: trained.sessions[ci]! }));
    model.training = trained.training;
    const parts = pairParts(model, comps, levels, cand.a, cand.b);
    Object.assign(model, estimatePriors(parts.a, parts.b, totalPairs));
  };
  yield { stage: 'em', done: 0, total: 2 };
  fit(u0);
  yield { stage: 'em', done: 1, total: 2 };
  const sp = pairParts(model, comps, sampleLevels, sample.a, sample.b);
  const post = new Float64Array(2);
  const unrelated = sp.a.map((a, k) => {
    posteriors(a, sp.b ? sp.b[k]! : 0, model.lambda, model.lambdaHousehold, post);
    return 1 - post[0]! - post[1]!;
  });
  fit(refineU(comps, sampleLevels, sample.a.length, unrelated), model.comparisons);
  conditionOnNames(model, comps, prepared, split, { levels, a: cand.a, b: cand.b });
  yield { stage: 'em', done: 2, total: 2 };
  const parts = pairParts(model, comps, levels, cand.a, cand.b);
  t.stage('em');
  const weight = new Float64Array(P);
  const prob = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    if (p % every === 0) yield { stage: 'score', done: p, total: P };
    weight[p] = matchWeight(model, parts.a[p]!, parts.b ? parts.b[p]! : 0);
    prob[p] = probability(weight[p]!);
  }
  t.stage('score');
  yield { stage: 'cluster', done: 0, total: 0 };
  const tables = weightTables(model);
  const pairProbability = (i: number, j: number) => probability(pairWeight(model, comps, tables, i, j));
  const hh = householdColumns(comps, prepared);
  const guard = householdGuard((c, i, j) => comps[c]!.level(i, j), hh, (c) => comps[c]!.levels.length - 1);
  const clusters = cluster({ n, a: cand.a, b: cand.b, probability: prob, threshold, pairProbability, cannotLink: guard });
  t.stage('cluster');
  return {
    roles,
    rules: cand.rules.map((r) => ({ name: r.name, comparisons: r.comparisons, capped: r.capped })),
    blockingRules: rules,
    model,
    comparisons: comps,
    prepared,
    pairs: { a: cand.a, b: cand.b, weight, probability: prob, rule: cand.rule },
    clusters,
    threshold,
    seconds: t.seconds,
    pairProbability,
  };
}

/** Run a staged run to its end without pausing. */
function drain<T>(g: Generator<Step, T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}

function run(table: Table, roles: ColumnRole[], opts: ResolveOptions, split?: number): RunResult {
  return drain(steps(table, roles, opts, split));
}

/**
 * Dedupe one table as `dedupe` does, awaiting `pause` at each step: it may yield to the event loop,
 * report progress, and throw to stop the run (a cancelled job). With `split`, link instead: rows
 * before it are source A, the rest source B, and only A×B pairs are candidates (link-run.ts).
 */
export async function dedupeStaged(table: Table, opts: ResolveOptions, pause: (s: Step) => Promise<void>, every = STEP, split?: number): Promise<RunResult> {
  const roles = opts.roles ?? inferRoles(table, { id: opts.id, ignore: opts.ignore });
  opts.onProgress?.('roles', 1, 1);
  const g = steps(table, roles, opts, split, every);
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    await pause(r.value);
  }
}

/** Dedupe one table: every row gets an entity number. */
export function dedupe(table: Table, opts: ResolveOptions = {}): RunResult {
  const roles = inferRoles(table, { id: opts.id, ignore: opts.ignore });
  opts.onProgress?.('roles', 1, 1);
  return run(table, roles, opts);
}

export interface LinkResult extends RunResult {
  /** Rows of A (0-based within A) and of B (0-based within B) predicted to be one entity. */
  links: { a: number; b: number; probability: number }[];
  /** Columns of B compared with each column of A (null: A's column has no counterpart). */
  alignment: { a: string; b: string | null }[];
}

/**
 * A whole-name column split into given and family columns ("<name> (given)", "<name> (family)"),
 * so that it lines up with a file that keeps the two apart.
 */
export function splitNameColumns(t: Table, roles: ColumnRole[]): Table {
  const full = roles.filter((r) => r.role === 'fullName').map((r) => r.index);
  if (full.length === 0) return t;
  const columns = t.columns.flatMap((c, k) => (full.includes(k) ? [`${c} (given)`, `${c} (family)`] : [c]));
  const rows = t.rows.map((r) =>
    t.columns.flatMap((_, k) => {
      const v = r[k] ?? null;
      if (!full.includes(k)) return [v];
      const s = splitFullName(v);
      return [s.given, s.family];
    }),
  );
  return { columns, rows };
}

/**
 * Columns of B matched to A's: the same header (case and punctuation aside), else the same
 * inferred role (in order, when both files have the same number of columns of that role).
 */
export function alignColumns(a: Table, b: Table, opts: ResolveOptions): { a: string; b: string | null }[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const ra = inferRoles(a, { id: opts.id, ignore: opts.ignore });
  const rb = inferRoles(b, { id: opts.id, ignore: opts.ignore });
  const used = new Set<string>();
  const out = a.columns.map((col) => {
    const same = b.columns.find((x) => norm(x) === norm(col) && !used.has(x));
    if (same) used.add(same);
    return { a: col, b: same ?? null };
  });
  const roleOf = (rs: ColumnRole[], c: string) => rs.find((r) => r.column === c)!;
  const byRole = (rs: ColumnRole[], role: Role, birth: boolean | undefined) => rs.filter((r) => r.role === role && (role !== 'date' || Boolean(r.birth) === Boolean(birth)));
  for (const o of out) {
    if (o.b !== null) continue;
    const ca = roleOf(ra, o.a);
    if (ca.role === 'ignore' || ca.role === 'id') continue;
    const inA = byRole(ra, ca.role, ca.birth).filter((r) => out.find((x) => x.a === r.column)!.b === null);
    const inB = byRole(rb, ca.role, ca.birth).filter((r) => !used.has(r.column));
    if (inA.length === inB.length) {
      o.b = inB[inA.indexOf(ca)]!.column;
      used.add(o.b);
    }
  }
  return out;
}

/** Link two tables: pairs of rows (one from each) predicted to be one entity. */
export function link(a0: Table, b0: Table, opts: ResolveOptions = {}): LinkResult {
  // a whole name on one side, given and family names on the other: split the whole name
  const separate = (t: Table) => inferRoles(t, { id: opts.id, ignore: opts.ignore }).some((r) => r.role === 'givenName' || r.role === 'surname');
  const whole = (t: Table) => inferRoles(t, { id: opts.id, ignore: opts.ignore });
  const a = separate(b0) ? splitNameColumns(a0, whole(a0)) : a0;
  const b = separate(a0) ? splitNameColumns(b0, whole(b0)) : b0;
  const alignment = alignColumns(a, b, opts);
  const bIndex = alignment.map((x) => (x.b === null ? -1 : b.columns.indexOf(x.b)));
  const rows = [...a.rows, ...b.rows.map((r) => bIndex.map((k) => (k < 0 ? null : (r[k] ?? null))))];
  const table: Table = { columns: a.columns, rows };
  const roles = inferRoles(table, { id: opts.id, ignore: opts.ignore }).map((r) => (bIndex[r.index]! < 0 && r.role !== 'id' ? { ...r, role: 'ignore' as const, reason: 'no counterpart in the second file' } : r));
  opts.onProgress?.('roles', 1, 1);
  const split = a.rows.length;
  const res = run(table, roles, opts, split);
  const links: LinkResult['links'] = [];
  const { pairs, clusters, threshold } = res;
  for (let p = 0; p < pairs.a.length; p++) {
    const i = pairs.a[p]!;
    const j = pairs.b[p]!;
    if (pairs.probability[p]! >= threshold && clusters.entity[i] === clusters.entity[j]) links.push({ a: i, b: j - split, probability: pairs.probability[p]! });
  }
  return { ...res, links, alignment };
}
