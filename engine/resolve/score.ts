// Match weights. Per comparison, log2(m/u) at the pair's level, the exact level adjusted by the
// term frequency of the agreed value (a match on a common value counts less); summed with the
// prior. Where the model has a household class, one more term weighs "same household, different
// person" against "unrelated": −log2(1 + λh/λu · Π m/u over the shared comparisons), so agreement
// on address and surname alone is explained as a household. Every pair's terms can be recomputed
// (explain) for the waterfall chart.
import type { Comparison } from './comparisons.js';
import type { Model } from './em.js';

const log2 = Math.log2;

/**
 * Per-comparison weight tables: w[c][level] = log2(m/u); with `names`, for a pair whose names
 * agree (namesAgree), log2(m/u|names) where the model has it (em.ts conditionOnNames).
 */
export function weightTables(model: Model, names = false): number[][] {
  return model.comparisons.map((c) => {
    const u = names && c.uNames ? c.uNames : c.u;
    return c.m.map((m, l) => log2(m / u[l]!));
  });
}

/** Are the pair's given name and surname the same names (the condition of uNames)? `level(c)`: the pair's level of comparison c. */
export function namesAgree(model: Model, level: (c: number) => number): boolean {
  const n = model.names;
  if (!n) return false;
  const g = level(n.given);
  const s = level(n.surname);
  return g >= 0 && g <= n.givenUpTo && s >= 0 && s <= n.surnameUpTo;
}

const namesTablesOf = new WeakMap<number[][], number[][]>();
/** weightTables(model, true), kept beside the plain tables it goes with. */
function namesTables(model: Model, tables: number[][]): number[][] {
  let t = namesTablesOf.get(tables);
  if (!t) namesTablesOf.set(tables, (t = weightTables(model, true)));
  return t;
}

/**
 * Term-frequency adjustment for a pair agreeing exactly on a value held by a share `tf` of the
 * records: log2(tfMean / tf), where tfMean (Σ share²) is the share of the value two records agree
 * on by chance, on average. A value commoner than that counts less ("Smith"), a rarer one more
 * ("Zebrowski"); on average the adjustment is zero, so the learned m/u keeps the comparison's
 * strength. Bounded: at most 10 bits more, and a common value still counts as weak agreement.
 */
export function tfAdjustment(c: Model['comparisons'][number], tf: number): number {
  const adj = log2(c.tfMean / Math.max(tf, 1e-12));
  const base = log2(c.m[c.tfLevel]! / c.u[c.tfLevel]!);
  return Math.min(10, Math.max(adj, -Math.max(0, base - 0.5)));
}

/** Log2 ratios of candidate pairs from their stored levels: a = Σ log2(m/u), b = the same over shared comparisons (null without households). */
export function pairParts(model: Model, comps: Comparison[], levels: Int8Array, pa: Int32Array, pb: Int32Array): { a: Float64Array; b: Float64Array | null } {
  const P = pa.length;
  const a = new Float64Array(P);
  const b = model.comparisons.some((c) => c.shared) ? new Float64Array(P) : null;
  const wt = weightTables(model);
  const wn = weightTables(model, true);
  let agree: Uint8Array | null = null;
  if (model.names) {
    const names = model.names;
    agree = new Uint8Array(P);
    for (let p = 0; p < P; p++) agree[p] = namesAgree(model, (c) => (c === names.given || c === names.surname ? levels[c * P + p]! : -1)) ? 1 : 0;
  }
  comps.forEach((c, ci) => {
    const t = wt[ci]!;
    const tn = wn[ci]!;
    const cm = model.comparisons[ci]!;
    const shared = b !== null && cm.shared;
    const off = ci * P;
    for (let p = 0; p < P; p++) {
      const l = levels[off + p]!;
      if (l < 0) continue;
      const w = (agree && agree[p] ? tn : t)[l]! + (l === c.tfLevel ? tfAdjustment(cm, c.tf(pa[p]!, pb[p]!)) : 0);
      a[p]! += w;
      if (shared) b![p]! += w;
    }
  });
  return { a, b };
}

/** log2 of the household term's denominator share: log2(λu + λh·2^b) − log2(λu). */
function householdTerm(model: Model, b: number): number {
  if (model.lambdaHousehold <= 0) return 0;
  const lu = 1 - model.lambda - model.lambdaHousehold;
  const r = (model.lambdaHousehold / lu) * Math.pow(2, Math.min(b, 1000));
  return log2(1 + r);
}

/** Prior weight: log2(λ / λu), λu the share of unrelated pairs. */
export function priorWeight(model: Model): number {
  return log2(model.lambda / (1 - model.lambda - model.lambdaHousehold));
}

/** Match weight (log2 odds of one person against anything else) from a pair's log2 ratios. */
export function matchWeight(model: Model, a: number, b: number): number {
  return priorWeight(model) + a - householdTerm(model, b);
}

/** Match weight of any pair, its levels computed now: for pairs outside the candidates. */
export function pairWeight(model: Model, comps: Comparison[], tables: number[][], i: number, j: number): number {
  let a = 0;
  let b = 0;
  const t = namesAgree(model, (c) => comps[c]!.level(i, j)) ? namesTables(model, tables) : tables;
  for (let ci = 0; ci < comps.length; ci++) {
    const c = comps[ci]!;
    const l = c.level(i, j);
    if (l < 0) continue;
    const cm = model.comparisons[ci]!;
    const w = t[ci]![l]! + (l === c.tfLevel ? tfAdjustment(cm, c.tf(i, j)) : 0);
    a += w;
    if (cm.shared) b += w;
  }
  return matchWeight(model, a, b);
}

export interface Explanation {
  prior: number;
  steps: { comparison: string; level: number; label: string; weight: number; tfAdjustment: number }[];
  /** The household term (≤ 0): how much "two members of one household" explains the agreement instead. */
  household: number;
  weight: number;
  probability: number;
}

/** The waterfall of one pair: prior, each comparison's level and weight, the household term. */
export function explain(model: Model, comps: Comparison[], i: number, j: number): Explanation {
  const tables = weightTables(model, namesAgree(model, (c) => comps[c]!.level(i, j)));
  const prior = priorWeight(model);
  let a = 0;
  let b = 0;
  const steps = comps.map((c, ci) => {
    const l = c.level(i, j);
    const base = l < 0 ? 0 : tables[ci]![l]!;
    const tfa = l >= 0 && l === c.tfLevel ? tfAdjustment(model.comparisons[ci]!, c.tf(i, j)) : 0;
    a += base + tfa;
    if (l >= 0 && model.comparisons[ci]!.shared) b += base + tfa;
    return { comparison: c.name, level: l, label: l < 0 ? 'missing' : c.levels[l]!, weight: base, tfAdjustment: tfa };
  });
  const household = -householdTerm(model, b);
  const weight = prior + a + household;
  return { prior, steps, household, weight, probability: probability(weight) };
}

export const probability = (w: number) => 1 / (1 + Math.pow(2, -w));
