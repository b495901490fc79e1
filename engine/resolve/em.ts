// The Fellegi–Sunter model, learned without labels.
//   u (P(level | two unrelated records)) from random pairs, then again with the few matches among
//   them taken out;
//   m (P(level | one person)) by expectation–maximisation on the candidate pairs, one session per
//   blocking rule with that rule's own comparisons left out (its pairs agree on them by
//   construction), averaged over sessions weighted by the matches each found;
//   λ (the prior) by the same EM over all pairs, with pairs outside the candidates taken as
//   unrelated. Term-frequency adjustments are applied when scoring (score.ts).
// Households: where the records carry an address and personal attributes (given name, birth date,
// national id), a third class, "same household, different person", sits beside match and
// non-match. Its pairs agree on the shared attributes (surname, address, town, postcode, phone) as
// one person's records do (the same m) and on the personal ones only by chance (u); only its prior
// is learned. Without it EM readily learns "same address and surname" as the match class, because
// household pairs can outnumber true duplicates; a freer household class drifts into "same area".
import { agreeOnRule, type BlockingKey, type BlockingRule, type Candidates } from './blocking.js';
import { fmix32 } from '../util/hash.js';
import { SAME_NAME_LEVEL, type Comparison } from './comparisons.js';
import { pairParts } from './score.js';
import type { NameColumn, Prepared } from './standardise.js';

export interface ComparisonModel {
  name: string;
  columns: string[];
  levels: string[];
  m: number[];
  u: number[];
  /** Household members agree on it as one person's records do (m); otherwise only by chance (u). */
  shared: boolean;
  tfLevel: number;
  /** Σ share² of the exact level's values (see score.ts tfAdjustment). */
  tfMean: number;
  /** Sessions whose EM estimated m (0: m is the prior guess). */
  sessions: number;
  /** u when the pair's given names and surnames agree exactly (Model.names); absent: u. */
  uNames?: number[];
}

export interface Model {
  comparisons: ComparisonModel[];
  /** Prior probability that two records drawn at random are one entity. */
  lambda: number;
  /** Prior probability that two records drawn at random are two members of one household (0: no household class). */
  lambdaHousehold: number;
  /** Pairs the model covers: n(n−1)/2 for dedupe, |A|·|B| for link. */
  totalPairs: number;
  training: { rule: string; pairs: number; matches: number; households: number; iterations: number; left_out: string[] }[];
  /** The given-name and surname comparisons, and the levels up to which they select uNames (conditionOnNames). */
  names?: { given: number; surname: number; givenUpTo: number; surnameUpTo: number };
}

/** Levels of every candidate pair, comparison-major: levels[c * P + p]. */
export function computeLevels(comps: Comparison[], a: Int32Array, b: Int32Array): Int8Array {
  const P = a.length;
  const C = comps.length;
  const out = new Int8Array(C * P);
  // pair by pair: comparisons of one pair may share work (name orientation)
  for (let p = 0; p < P; p++) {
    const i = a[p]!;
    const j = b[p]!;
    for (let c = 0; c < C; c++) out[c * P + p] = comps[c]!.level(i, j);
  }
  return out;
}

/** Uniform number in [0, 1) from (seed, k): same sample, same model, every run. */
function unit(seed: number, k: number): number {
  return fmix32(fmix32(seed ^ 0x9e3779b9) ^ Math.imul(k + 1, 0x2545f491)) / 4294967296;
}

/** Random pairs: all pairs when there are few, else a seeded sample of distinct records. */
export function randomPairs(n: number, split: number | undefined, sample: number, seed = 42): { a: Int32Array; b: Int32Array } {
  const total = split === undefined ? (n * (n - 1)) / 2 : split * (n - split);
  if (total <= sample) {
    const a = new Int32Array(total);
    const b = new Int32Array(total);
    let k = 0;
    if (split === undefined) {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) (a[k] = i), (b[k++] = j);
    } else {
      for (let i = 0; i < split; i++) for (let j = split; j < n; j++) (a[k] = i), (b[k++] = j);
    }
    return { a, b };
  }
  const a = new Int32Array(sample);
  const b = new Int32Array(sample);
  let draw = 0;
  const r = () => unit(seed, draw++);
  for (let k = 0; k < sample; k++) {
    let i: number;
    let j: number;
    if (split === undefined) {
      do {
        i = Math.floor(r() * n);
        j = Math.floor(r() * n);
      } while (i === j);
      if (i > j) [i, j] = [j, i];
    } else {
      i = Math.floor(r() * split);
      j = split + Math.floor(r() * (n - split));
    }
    a[k] = i;
    b[k] = j;
  }
  return { a, b };
}

/** u of every comparison from random pairs; their levels are kept to refine u later (refineU). */
export function estimateU(comps: Comparison[], pairs: { a: Int32Array; b: Int32Array }): { u: number[][]; levels: Int8Array } {
  const levels = computeLevels(comps, pairs.a, pairs.b);
  return { u: uFromLevels(comps, levels, pairs.a.length, null), levels };
}

/** Level shares of the sampled pairs, each pair weighted (by its chance of not being a match). */
function uFromLevels(comps: Comparison[], levels: Int8Array, P: number, weight: Float64Array | null): number[][] {
  return comps.map((c, ci) => {
    const counts = new Array<number>(c.levels.length).fill(0);
    let total = 0;
    let sampled = 0;
    const off = ci * P;
    for (let k = 0; k < P; k++) {
      const l = levels[off + k]!;
      if (l < 0) continue;
      const w = weight ? weight[k]! : 1;
      counts[l]! += w;
      total += w;
      sampled++;
    }
    // below half a pair in the sample, the sample cannot tell: floor there
    const floor = 0.5 / Math.max(1, sampled);
    const sh = counts.map((x) => (total > 0 ? Math.max(x / total, floor) : 1 / counts.length));
    const sum = sh.reduce((x, y) => x + y, 0);
    return sh.map((x) => x / sum);
  });
}

/**
 * u again, with each random pair counted by its chance of being two unrelated records under the
 * model: the few matches among random pairs (which mostly agree) no longer weaken the strongest levels.
 */
export function refineU(comps: Comparison[], levels: Int8Array, P: number, unrelated: Float64Array): number[][] {
  return uFromLevels(comps, levels, P, unrelated);
}

/** Prior guess of m (and h) before EM: most agree exactly, few disagree. */
export function initialM(L: number): number[] {
  if (L === 2) return [0.9, 0.1];
  const m = new Array<number>(L).fill(0);
  m[0] = 0.7;
  const rest = 0.25;
  for (let l = 1; l < L - 1; l++) m[l] = rest / (L - 2);
  m[L - 1] = 0.05;
  return m;
}

export interface TrainOptions {
  maxIterations?: number;
  /** Stop when no m, h or λ moves more than this. */
  tolerance?: number;
  /** A session's m is used only when it finds at least this many matches. */
  minMatches?: number;
}

export interface SessionResult {
  m: number[][];
  matches: number;
  households: number;
  lambda: number;
  iterations: number;
}

/**
 * Posterior of the classes for one pair from its log2 ratios: a = Σ log2(m/u) over all
 * comparisons, b = the same over the shared ones. Returns [P(match), P(household)] into out.
 */
export function posteriors(a: number, b: number, lm: number, lh: number, out: Float64Array): void {
  const lu = 1 - lm - lh;
  const x = Math.log2(lm) + a;
  const y = lh > 0 ? Math.log2(lh) + b : -Infinity;
  const z = Math.log2(lu);
  const mx = Math.max(x, y, z);
  const ex = Math.pow(2, x - mx);
  const ey = lh > 0 ? Math.pow(2, y - mx) : 0;
  const ez = Math.pow(2, z - mx);
  const sum = ex + ey + ez;
  out[0] = ex / sum;
  out[1] = ey / sum;
}

/**
 * The distinct level vectors of pairs `idx` over comparisons `use`, with how many pairs have each:
 * EM depends on a pair only through its levels, so it runs over patterns, not pairs.
 */
export function patterns(levels: Int8Array, P: number, idx: Int32Array, use: number[]): { levels: Int8Array; count: Float64Array } {
  const K = use.length;
  // a pattern's key: its levels (−1…6) as digits in base 8, exact in a double up to 17 comparisons;
  // beyond that a string. Patterns keep their order of first appearance (the sums do not change).
  const numeric = K <= 17;
  const index = new Map<number | string, number>();
  const lv: number[] = [];
  const count: number[] = [];
  const cur = new Array<number>(K);
  for (let q = 0; q < idx.length; q++) {
    const p = idx[q]!;
    let code = 0;
    for (let k = 0; k < K; k++) {
      const l = levels[use[k]! * P + p]!;
      cur[k] = l;
      code = code * 8 + (l + 1);
    }
    const key = numeric && cur.every((l) => l < 7) ? code : cur.join(',');
    const at = index.get(key);
    if (at !== undefined) count[at]!++;
    else {
      index.set(key, count.length);
      count.push(1);
      lv.push(...cur);
    }
  }
  return { levels: Int8Array.from(lv), count: Float64Array.from(count) };
}

/**
 * One EM session over the pairs `idx` with the comparisons `use`; u fixed. With `shared` (per
 * comparison), the household class is fitted too: its pairs count towards m on the shared
 * comparisons, since household members agree there as one person's records do.
 */
/**
 * Records of one person mostly agree on what identifies them (given name, birth date, national
 * id): exact agreement is their most common level, and at most this share disagree outright
 * ("else"). Without these bounds EM on a file with no duplicates makes its "match" class out of
 * whatever else looks alike (household members with similar e-mails), with given names that
 * never agree.
 */
export const MAX_IDENTIFYING_DISAGREEMENT = 0.3;

export function constrainIdentifying(m: number[]): void {
  const L = m.length;
  let top = 0;
  for (let l = 1; l < L; l++) top = Math.max(top, m[l]!);
  if (m[0]! < top) m[0] = top;
  let sum = m.reduce((x, y) => x + y, 0);
  for (let l = 0; l < L; l++) m[l] = m[l]! / sum;
  const over = m[L - 1]! - MAX_IDENTIFYING_DISAGREEMENT;
  if (over <= 0) return;
  sum = 1 - m[L - 1]!;
  m[L - 1] = MAX_IDENTIFYING_DISAGREEMENT;
  for (let l = 0; l < L - 1; l++) m[l] = sum > 0 ? (m[l]! * (1 - MAX_IDENTIFYING_DISAGREEMENT)) / sum : (1 - MAX_IDENTIFYING_DISAGREEMENT) / (L - 1);
}

export function emSession(levels: Int8Array, P: number, idx: Int32Array, use: number[], m0: number[][], u: number[][], opts: TrainOptions = {}, shared?: boolean[], identifying?: boolean[]): SessionResult {
  const maxIt = opts.maxIterations ?? 50;
  const tol = opts.tolerance ?? 1e-4;
  const K = use.length;
  const pat = patterns(levels, P, idx, use);
  const N = pat.count.length;
  const total = idx.length;
  const sh = use.map((c) => Boolean(shared?.[c]));
  let m = use.map((c) => m0[c]!.slice());
  const lw = use.map((c, k) => m[k]!.map((x, l) => Math.log2(x / u[c]![l]!)));
  let lm = 0.1;
  let lh = shared ? 0.1 : 0;
  let matches = 0;
  let households = 0;
  let it = 0;
  const post = new Float64Array(2);
  for (; it < maxIt; it++) {
    const num = m.map((row) => new Array<number>(row.length).fill(0));
    const den = new Array<number>(K).fill(0);
    let sumM = 0;
    let sumH = 0;
    for (let q = 0; q < N; q++) {
      const off = q * K;
      let a = 0;
      let b = 0;
      for (let k = 0; k < K; k++) {
        const l = pat.levels[off + k]!;
        if (l < 0) continue;
        a += lw[k]![l]!;
        if (sh[k]) b += lw[k]![l]!;
      }
      posteriors(a, b, lm, lh, post);
      const n = pat.count[q]!;
      const pm = post[0]! * n;
      const ph = post[1]! * n;
      sumM += pm;
      sumH += ph;
      for (let k = 0; k < K; k++) {
        const l = pat.levels[off + k]!;
        if (l < 0) continue;
        const w = sh[k] ? pm + ph : pm;
        num[k]![l]! += w;
        den[k]! += w;
      }
    }
    // a tiny pseudo-count keeps every level possible (no infinite weights)
    const next = num.map((row, k) => row.map((x) => (x + 0.01 / row.length) / (den[k]! + 0.01)));
    if (identifying) next.forEach((row, k) => identifying[use[k]!] && constrainIdentifying(row));
    const nextLm = Math.min(0.98, Math.max(1e-9, sumM / total));
    const nextLh = shared ? Math.min(0.98 - nextLm, Math.max(1e-9, sumH / total)) : 0;
    let delta = Math.max(Math.abs(nextLm - lm), Math.abs(nextLh - lh));
    next.forEach((row, k) => row.forEach((x, l) => (delta = Math.max(delta, Math.abs(x - m[k]![l]!)))));
    m = next;
    lm = nextLm;
    lh = nextLh;
    matches = sumM;
    households = sumH;
    for (let k = 0; k < K; k++) {
      const c = use[k]!;
      for (let l = 0; l < m[k]!.length; l++) lw[k]![l] = Math.log2(m[k]![l]! / u[c]![l]!);
    }
    if (delta < tol) {
      it++;
      break;
    }
  }
  return { m, matches, households, lambda: lm, iterations: it };
}

/**
 * A key's value of every record as a number (equal values, equal numbers; −1 missing), or null
 * when some record has several values (rare words): comparing numbers instead of calling the key
 * twice per pair for every rule.
 */
function keyIdsOf(key: BlockingKey, n: number): Int32Array | null {
  const ids = new Int32Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = key.of(i);
    if (v === null) ids[i] = -1;
    else if (typeof v !== 'string') return null;
    else {
      let id = seen.get(v);
      if (id === undefined) seen.set(v, (id = seen.size));
      ids[i] = id;
    }
  }
  return ids;
}

/** agreeOnRule, on the keys' value numbers where every key has them. */
function ruleAgreement(rule: BlockingRule, cache: Map<BlockingKey, Int32Array | null>, n: number): (i: number, j: number) => boolean {
  const ids: Int32Array[] = [];
  for (const k of rule.keys) {
    if (!cache.has(k)) cache.set(k, keyIdsOf(k, n));
    const x = cache.get(k);
    if (!x) return (i, j) => agreeOnRule(rule, i, j);
    ids.push(x);
  }
  return (i, j) => {
    for (const x of ids) {
      const v = x[i]!;
      if (v < 0 || v !== x[j]) return false;
    }
    return true;
  };
}

/**
 * m by EM, one session per blocking rule, then averaged. A session has the household class only
 * when it keeps a personal comparison and a shared one (otherwise the two kinds of related pairs
 * cannot be told apart there).
 */
export function trainM(comps: Comparison[], cand: Candidates, levels: Int8Array, u: number[][], opts: TrainOptions & { start?: number[][]; shared?: boolean[] | null; identifying?: boolean[] } = {}): { m: number[][]; sessions: number[]; training: Model['training'] } {
  const P = cand.a.length;
  const m0 = opts.start ?? comps.map((c) => initialM(c.levels.length));
  const shared = opts.shared ?? null;
  const sum = comps.map((c) => new Array<number>(c.levels.length).fill(0));
  const weight = new Array<number>(comps.length).fill(0);
  const sessions = new Array<number>(comps.length).fill(0);
  const trainedByExact = new Array<boolean>(comps.length).fill(false);
  const training: Model['training'] = [];
  const keyIds = new Map<BlockingKey, Int32Array | null>();
  let records = 0; // records that take part in some pair
  for (let p = 0; p < P; p++) records = Math.max(records, cand.a[p]! + 1, cand.b[p]! + 1);
  // Rules on whole values train first. A rule on a derived key (an e-mail's user part, a sound
  // code) gathers pairs whose other fields agree by more than chance ("victoria.hughes" at two
  // providers is often two Victoria Hugheses), so it trains only what no whole-value rule reached.
  const exact = cand.rules.filter((r) => r.keys.every((k) => k.exact));
  const derived = cand.rules.filter((r) => !r.keys.every((k) => k.exact));
  for (const rule of [...exact, ...derived]) {
    const ruleCols = new Set(rule.keys.map((k) => k.column));
    const isDerived = derived.includes(rule);
    const use = comps.map((c, ci) => (c.columns.some((col) => ruleCols.has(col)) ? -1 : ci)).filter((ci) => ci >= 0);
    if (use.length === 0 || (isDerived && use.every((ci) => sessions[ci]! > 0 || trainedByExact[ci]))) continue;
    const idx: number[] = [];
    const agree = ruleAgreement(rule, keyIds, records);
    for (let p = 0; p < P; p++) if (agree(cand.a[p]!, cand.b[p]!)) idx.push(p);
    if (idx.length === 0) continue;
    const withHouse = shared && use.some((c) => !shared[c]) && use.some((c) => shared[c]) ? shared : undefined;
    const r = emSession(levels, P, Int32Array.from(idx), use, m0, u, opts, withHouse, opts.identifying);
    const r1 = (x: number) => Math.round(x * 10) / 10;
    training.push({ rule: rule.name, pairs: idx.length, matches: r1(r.matches), households: r1(r.households), iterations: r.iterations, left_out: comps.filter((_, ci) => !use.includes(ci)).map((c) => c.name) });
    if (r.matches < (opts.minMatches ?? 5)) continue;
    use.forEach((ci, k) => {
      if (isDerived && trainedByExact[ci]) return;
      if (!isDerived) trainedByExact[ci] = true;
      r.m[k]!.forEach((x, l) => (sum[ci]![l]! += x * r.matches));
      weight[ci]! += r.matches;
      sessions[ci]!++;
    });
  }
  const m = comps.map((c, ci) => (weight[ci]! > 0 ? sum[ci]!.map((x) => x / weight[ci]!) : initialM(c.levels.length)));
  return { m, sessions, training };
}

/**
 * The priors over all pairs from the candidate pairs' log2 ratios (a = Σ log2(m/u), b = Σ log2(h/u)):
 * EM on λ (and λ household) alone, pairs outside the candidates counted as unrelated.
 */
export function estimatePriors(a: Float64Array, b: Float64Array | null, totalPairs: number, iterations = 500): { lambda: number; lambdaHousehold: number } {
  const P = a.length;
  const min = 1 / totalPairs;
  // P(match) = 1 / (1 + (λh/λm)·2^(b−a) + (λu/λm)·2^(−a)): the powers do not change between iterations
  const clamp = (x: number) => Math.pow(2, Math.max(-1000, Math.min(1000, x)));
  const ea = a.map((x) => clamp(-x));
  const eb = b ? b.map((x, p) => clamp(x - a[p]!)) : null;
  let lm = Math.max(min, Math.min(0.5, a.filter((w) => w > 0).length / totalPairs));
  let lh = b ? lm : 0;
  for (let it = 0; it < iterations; it++) {
    const r1 = lh / lm;
    const r2 = (1 - lm - lh) / lm;
    let sm = 0;
    let sh = 0;
    for (let p = 0; p < P; p++) {
      const hb = eb ? r1 * eb[p]! : 0;
      const pm = 1 / (1 + hb + r2 * ea[p]!);
      sm += pm;
      sh += hb * pm;
    }
    const nm = Math.min(0.5, Math.max(min, sm / totalPairs));
    const nh = b ? Math.min(0.5, Math.max(min, sh / totalPairs)) : 0;
    const done = Math.abs(nm - lm) < lm * 1e-6 && Math.abs(nh - lh) <= lh * 1e-6;
    lm = nm;
    lh = nh;
    if (done) break;
  }
  return { lambda: lm, lambdaHousehold: lh };
}

/** Name-agreeing pairs sampled for conditionOnNames. */
export const NAME_PAIR_SAMPLE = 200_000;
/** Strength of the prior "u given agreeing names is u" in conditionOnNames, in pairs. */
export const NAME_PRIOR_PAIRS = 1000;

/**
 * Random pairs of records with the same given name and surname (both present): all of them when
 * there are few, else a seeded sample, uniform over pairs. With `split`, one record from each side.
 */
export function namePairs(given: Int32Array, surname: Int32Array, split: number | undefined, sample: number, seed = 43): { a: Int32Array; b: Int32Array } {
  const n = given.length;
  const byName = new Map<number, number[]>();
  const G = given.reduce((m, x) => Math.max(m, x), 0) + 1;
  for (let i = 0; i < n; i++) {
    const g = given[i]!;
    const s = surname[i]!;
    if (g < 0 || s < 0) continue;
    const k = s * G + g;
    const l = byName.get(k);
    if (l) l.push(i);
    else byName.set(k, [i]);
  }
  // blocks with pairs, and the number of pairs each holds (members ascending: side A first)
  const blocks: number[][] = [];
  const cum: number[] = [];
  let total = 0;
  for (const m of byName.values()) {
    if (m.length < 2) continue;
    let pairs: number;
    if (split === undefined) pairs = (m.length * (m.length - 1)) / 2;
    else {
      let na = 0;
      while (na < m.length && m[na]! < split) na++;
      pairs = na * (m.length - na);
    }
    if (pairs === 0) continue;
    blocks.push(m);
    total += pairs;
    cum.push(total);
  }
  const a: number[] = [];
  const b: number[] = [];
  if (total <= sample) {
    for (const m of blocks)
      for (let x = 0; x < m.length; x++)
        for (let y = x + 1; y < m.length; y++) {
          if (split !== undefined && (m[x]! >= split || m[y]! < split)) continue;
          a.push(m[x]!);
          b.push(m[y]!);
        }
    return { a: Int32Array.from(a), b: Int32Array.from(b) };
  }
  let draw = 0;
  const r = () => unit(seed, draw++);
  for (let k = 0; k < sample; k++) {
    const t = r() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > t) hi = mid;
      else lo = mid + 1;
    }
    const m = blocks[lo]!;
    let i: number;
    let j: number;
    if (split === undefined) {
      i = Math.floor(r() * m.length);
      do j = Math.floor(r() * m.length);
      while (j === i);
      if (i > j) [i, j] = [j, i];
    } else {
      let na = 0;
      while (na < m.length && m[na]! < split) na++;
      i = Math.floor(r() * na);
      j = na + Math.floor(r() * (m.length - na));
    }
    a.push(m[i]!);
    b.push(m[j]!);
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

/**
 * u of the identifier comparisons (e-mail, phone) among pairs whose names agree. Fellegi–Sunter
 * multiplies the comparisons' ratios as if they were independent given "unrelated"; an e-mail
 * address is often spelled from its owner's names ("karen.schmidt@…"), so two different Karen
 * Schmidts share one far more often than two random records do, and name + e-mail would count
 * the names twice. Fix: for a pair whose names are the same name (exactly, or as a nickname or
 * one typo: SAME_NAME_LEVEL), the identifier's weight is log2(m / u|names), u|names = P(level |
 * unrelated, same name), measured on random pairs of records with exactly the same names (a typo
 * does not change whose address it is), each counted by its chance of being unrelated judged on
 * every comparison except the identifiers. Shrunk towards u where few pairs tell, and never below
 * u for agreement. No name columns, or no identifier: nothing changes.
 */
export function conditionOnNames(model: Model, comps: Comparison[], prepared: Prepared, split: number | undefined, candidates: { levels: Int8Array; a: Int32Array; b: Int32Array }, sample = NAME_PAIR_SAMPLE): void {
  const nameCol = (role: NameColumn['role']) => prepared.columns.find((c): c is NameColumn => c.kind === 'name' && c.role === role);
  const g = nameCol('givenName');
  const s = nameCol('surname');
  if (!g || !s) return;
  const given = comps.findIndex((c) => c.name === g.column);
  const surname = comps.findIndex((c) => c.name === s.column);
  const targets = comps
    .map((c, ci) => {
      const k = prepared.columns.find((x) => x.column === c.name)?.kind;
      return k === 'email' || k === 'phone' ? ci : -1;
    })
    .filter((ci) => ci >= 0);
  if (given < 0 || surname < 0 || targets.length === 0) return;
  for (const ci of targets) delete model.comparisons[ci]!.uNames;
  delete model.names;
  const pairs = namePairs(g.values.id, s.values.id, split, sample);
  const P = pairs.a.length;
  if (P === 0) return;
  const levels = computeLevels(comps, pairs.a, pairs.b);
  const { a, b } = pairParts(model, comps, levels, pairs.a, pairs.b);
  // take the identifiers' own weights out of each pair's log ratios
  const weightOf = (ci: number, p: number): number => {
    const l = levels[ci * P + p]!;
    if (l < 0) return 0;
    const cm = model.comparisons[ci]!;
    const c = comps[ci]!;
    const base = Math.log2(cm.m[l]! / cm.u[l]!);
    if (l !== c.tfLevel) return base;
    const adj = Math.log2(cm.tfMean / Math.max(c.tf(pairs.a[p]!, pairs.b[p]!), 1e-12));
    return base + Math.min(10, Math.max(adj, -Math.max(0, Math.log2(cm.m[c.tfLevel]! / cm.u[c.tfLevel]!) - 0.5)));
  };
  const unrelated = new Float64Array(P);
  const post = new Float64Array(2);
  for (let p = 0; p < P; p++) {
    let x = a[p]!;
    let y = b ? b[p]! : 0;
    for (const ci of targets) {
      const w = weightOf(ci, p);
      x -= w;
      if (b && model.comparisons[ci]!.shared) y -= w;
    }
    posteriors(x, y, model.lambda, model.lambdaHousehold, post);
    unrelated[p] = 1 - post[0]! - post[1]!;
  }
  for (const ci of targets) {
    const u = model.comparisons[ci]!.u;
    const L = u.length;
    // level shares of the same-name pairs, each counted by its chance of being unrelated, shrunk
    // towards u by NAME_PRIOR_PAIRS pseudo-pairs: a few same-name pairs cannot tell much, so there
    // the plain u stands; many that share an address make it common
    const counts = new Array<number>(L).fill(0);
    let total = 0;
    for (let p = 0; p < P; p++) {
      const l = levels[ci * P + p]!;
      if (l < 0) continue;
      counts[l]! += unrelated[p]!;
      total += unrelated[p]!;
    }
    const cond = counts.map((x, l) => (x + NAME_PRIOR_PAIRS * u[l]!) / (total + NAME_PRIOR_PAIRS));
    let agree = 0;
    for (let l = 0; l < L - 1; l++) agree += cond[l] = Math.max(cond[l]!, u[l]!);
    cond[L - 1] = Math.max(1 - agree, Math.min(u[L - 1]!, 1e-6));
    model.comparisons[ci]!.uNames = cond;
  }
  model.names = { given, surname, givenUpTo: SAME_NAME_LEVEL.givenName, surnameUpTo: SAME_NAME_LEVEL.surname };
  // the priors again: same-name pairs sharing an address no longer all count as matches
  const parts = pairParts(model, comps, candidates.levels, candidates.a, candidates.b);
  Object.assign(model, estimatePriors(parts.a, parts.b, model.totalPairs));
}
