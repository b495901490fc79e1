// The reranker: a linear model over the field-level features, score = sigmoid(b + w . z) with
// z the standardised features. Without training data a hand-set model ranks (FIXED). Training
// is pairwise logistic regression (RankNet with a linear scorer) on (relevant, irrelevant)
// candidate pairs of the same query, with L2, then a Platt fit of the bias so scores read as
// probabilities. Stored in the model registry (engine/models/) as kind search.reranker; the live one is used.
import type { DB } from '../db/sqlite.js';
import { liveModel, modelArtefact, registerModel } from '../models/registry.js';
import { FEATURES, NF } from './features.js';

export interface RankerModel {
  id: number | null;
  kind: 'fixed' | 'logreg';
  features: string[];
  weights: number[];
  bias: number;
  mean: number[];
  scale: number[];
}

const FIXED_WEIGHTS: Record<(typeof FEATURES)[number], number> = {
  rrf: 0.5,
  lexical: 10, // BM25 carries term rarity, which no field feature sees: the lexical order leads (FEBRL4 bench)
  vector: 1,
  nameCover: 3,
  nameQuery: 2,
  namePhonetic: 0.5,
  nameExact: 1,
  queryCover: 2,
  city: 1,
  address: 0.5,
  emailExact: 4,
  emailSimilar: 2,
  phoneExact: 4,
  phonePartial: 1.5,
  postcodeExact: 1.5,
  postcodeOutward: 0.5,
  idExact: 4,
  dobExact: 1,
  recency: 0.1,
};

export const FIXED: RankerModel = {
  id: null,
  kind: 'fixed',
  features: [...FEATURES],
  weights: FEATURES.map((f) => FIXED_WEIGHTS[f]),
  bias: -16, // keeps a strong name match near 0.85 after the lexical weight rose from 1 to 10
  mean: new Array(NF).fill(0),
  scale: new Array(NF).fill(1),
};

export function rankerName(m: RankerModel): string {
  return m.id === null ? 'fixed' : `trained:${m.id}`;
}

export function score(m: RankerModel, x: Float32Array): number {
  return 1 / (1 + Math.exp(-margin(m, x)));
}

/** One feature's weighted, standardised term in the margin (why a result ranks where it does). */
export function contribution(m: RankerModel, x: Float32Array, k: number): number {
  return (m.weights[k]! * ((x[k] ?? 0) - m.mean[k]!)) / (m.scale[k] || 1);
}

export function margin(m: RankerModel, x: Float32Array): number {
  let s = m.bias;
  for (let i = 0; i < NF; i++) s += (m.weights[i] as number) * (((x[i] as number) - (m.mean[i] as number)) / (m.scale[i] as number));
  return s;
}

/** One query's candidates with 0/1 relevance labels. */
export interface TrainGroup {
  xs: Float32Array[];
  ys: number[];
  /** Weight of this query's pairs (analyst feedback counts more than key-derived pairs). */
  weight?: number;
}

export interface TrainOptions {
  epochs?: number;
  l2?: number;
  lr?: number;
  /** Negatives per positive (the hardest by the current model first). */
  negatives?: number;
}

export function trainRanker(groups: readonly TrainGroup[], opts: TrainOptions = {}): { model: RankerModel; pairs: number; metrics: { pairAccuracy: number; groups: number } } {
  const epochs = opts.epochs ?? 60;
  const l2 = opts.l2 ?? 1e-3;
  const lr = opts.lr ?? 0.1;
  const negK = opts.negatives ?? 20;
  // standardisation over every candidate
  const mean = new Float64Array(NF);
  const sq = new Float64Array(NF);
  let n = 0;
  for (const g of groups) for (const x of g.xs) {
    n++;
    for (let i = 0; i < NF; i++) {
      mean[i] = (mean[i] as number) + (x[i] as number);
      sq[i] = (sq[i] as number) + (x[i] as number) ** 2;
    }
  }
  const scale = new Float64Array(NF);
  for (let i = 0; i < NF; i++) {
    mean[i] = n ? (mean[i] as number) / n : 0;
    const v = n ? (sq[i] as number) / n - (mean[i] as number) ** 2 : 0;
    scale[i] = v > 1e-9 ? Math.sqrt(v) : 1;
  }
  // pairs: (positive - negative) in standardised space; hardest negatives by the fixed model
  const diffs: Float32Array[] = [];
  const dw: number[] = [];
  for (const g of groups) {
    const pos = g.xs.filter((_, i) => g.ys[i] === 1);
    const neg = g.xs.filter((_, i) => g.ys[i] !== 1).sort((a, b) => margin(FIXED, b) - margin(FIXED, a)).slice(0, negK);
    for (const p of pos) for (const q of neg) {
      const d = new Float32Array(NF);
      for (let i = 0; i < NF; i++) d[i] = ((p[i] as number) - (q[i] as number)) / (scale[i] as number);
      diffs.push(d);
      dw.push(g.weight ?? 1);
    }
  }
  const w = new Float64Array(NF);
  // start from the fixed weights (in standardised units) so little data moves it gently
  for (let i = 0; i < NF; i++) w[i] = (FIXED.weights[i] as number) * (scale[i] as number) * 0.5;
  const m = diffs.length;
  const wsum = dw.reduce((a, b) => a + b, 0);
  for (let ep = 0; ep < epochs && m > 0; ep++) {
    const grad = new Float64Array(NF);
    diffs.forEach((d, k) => {
      let z = 0;
      for (let i = 0; i < NF; i++) z += (w[i] as number) * (d[i] as number);
      const g = (dw[k] as number) * (1 / (1 + Math.exp(-z)) - 1); // d/dz of -log sigmoid(z)
      for (let i = 0; i < NF; i++) grad[i] = (grad[i] as number) + g * (d[i] as number);
    });
    for (let i = 0; i < NF; i++) w[i] = (w[i] as number) - lr * ((grad[i] as number) / wsum + l2 * (w[i] as number));
  }
  let correct = 0;
  for (const d of diffs) {
    let z = 0;
    for (let i = 0; i < NF; i++) z += (w[i] as number) * (d[i] as number);
    if (z > 0) correct++;
  }
  // Platt: bias so that sigmoid(b + w.z) fits the 0/1 labels of every candidate
  const model: RankerModel = { id: null, kind: 'logreg', features: [...FEATURES], weights: [...w], bias: 0, mean: [...mean], scale: [...scale] };
  let b = 0;
  const all: { s: number; y: number }[] = [];
  for (const g of groups) g.xs.forEach((x, i) => all.push({ s: margin(model, x), y: g.ys[i] === 1 ? 1 : 0 }));
  for (let it = 0; it < 100 && all.length; it++) {
    let gsum = 0;
    let hsum = 0;
    for (const { s, y } of all) {
      const p = 1 / (1 + Math.exp(-(s + b)));
      gsum += p - y;
      hsum += p * (1 - p);
    }
    b -= gsum / Math.max(1e-6, hsum);
  }
  model.bias = Number.isFinite(b) ? b : 0;
  return { model, pairs: m, metrics: { pairAccuracy: m ? correct / m : 0, groups: groups.length } };
}

const KIND = 'search.reranker';

/** Register a trained reranker in the model registry as the live one (the previous one retires). */
export function saveRanker(db: DB, m: RankerModel, trainedOn: Record<string, unknown>, jobId: string | null): number {
  const entry = registerModel(db, {
    kind: KIND,
    status: 'live',
    schema: { features: m.features },
    params: { algorithm: m.kind },
    metrics: trainedOn,
    artefact: Buffer.from(JSON.stringify({ bias: m.bias, weights: m.weights, mean: m.mean, scale: m.scale })),
    jobId,
  });
  return entry.version;
}

export function loadRanker(db: DB): RankerModel {
  const live = liveModel(db, KIND);
  const blob = live ? modelArtefact(db, live.id) : null;
  if (!live || !blob) return FIXED;
  const features = (live.schema.features ?? []) as string[];
  const w = JSON.parse(blob.toString('utf8')) as { bias: number; weights: number[]; mean: number[]; scale: number[] };
  // a model trained on another feature list is not used (the fixed one ranks instead)
  if (features.length !== NF || features.some((f, i) => f !== FEATURES[i])) return FIXED;
  return { id: live.version, kind: 'logreg', features, weights: w.weights, bias: w.bias, mean: w.mean, scale: w.scale };
}
