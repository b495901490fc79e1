// Histogram gradient-boosted trees for a binary label (logistic loss), owned by the project.
// Depth-wise growth; per node a histogram of gradient and hessian sums per feature bin (the larger
// child's histogram is the parent's minus the smaller's); each split also learns where missing
// values go. Bins are Uint8 codes in SharedArrayBuffers (row- and column-major, gbdt-kernel.ts says
// which pass reads which); the passes over every row (histograms split by feature; row sampling,
// node partitions, margin and gradient updates and validation scoring by row range) run on the
// calling thread plus worker threads (gbdt-pool.ts), with the same model for every thread count.
// The caller's float columns are read, never copied.

import { availableParallelism } from 'node:os';
import { applyBins, applyBinsToRows, binShared, fitBins, type BinnedMatrix, type FeatureBins } from './bins.js';
import { RngStream, sumPart, type KernelState } from './gbdt-kernel.js';
import { GbdtPool, gbdtWorkerScript, kernelState } from './gbdt-pool.js';
import type { Matrix } from './matrix.js';
import { rng, shuffle } from './random.js';
import type { Tree, TreeEnsemble } from './tree.js';

export interface GbdtParams {
  /** Most trees; early stopping usually ends sooner. */
  rounds: number;
  learningRate: number;
  maxDepth: number;
  /** Least hessian sum in a child (xgboost's min_child_weight). */
  minChildWeight: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Least loss reduction to split. */
  gamma: number;
  /** Share of rows drawn (without replacement) for each tree. */
  subsample: number;
  /** Share of features drawn for each tree. */
  colsample: number;
  seed: number;
  /** Share of the training rows held out (stratified) for early stopping; 0 = no early stopping. */
  validationFraction: number;
  /** Stop when the validation log loss has not improved for this many trees. */
  earlyStoppingRounds: number;
  /** Row weights by class: none, balanced (n / (2 n_class)), or explicit. */
  classWeight: 'none' | 'balanced' | { negative: number; positive: number };
  maxBins: number;
  /**
   * Threads that build histograms and update gradients (the calling thread counts as one; the
   * others are worker_threads). The model is the same for every count. Default: up to 4 (the
   * machine's cores) when the table has 2M cells or more, else 1.
   */
  threads?: number;
}

export const GBDT_DEFAULTS: GbdtParams = {
  rounds: 1000,
  learningRate: 0.05,
  maxDepth: 4,
  minChildWeight: 1,
  lambda: 1,
  gamma: 0,
  subsample: 0.8,
  colsample: 0.8,
  seed: 42,
  validationFraction: 0.1,
  earlyStoppingRounds: 50,
  classWeight: 'none',
  maxBins: 255,
};

export interface GbdtFit {
  model: TreeEnsemble;
  /** Trees kept (the best validation round + 1, or all rounds without early stopping). */
  trees: number;
  /** Trees grown before stopping. */
  roundsRun: number;
  stoppedEarly: boolean;
  /** Validation log loss after each round (empty without early stopping). */
  validLoss: number[];
  /** Threads that trained it (the calling thread and its workers). */
  threads: number;
}

export interface ValidationSet {
  m: Matrix;
  y: ArrayLike<number>;
}

function checkParams(p: GbdtParams): void {
  const bad = (name: string, why: string) => {
    throw new RangeError(`gbdt parameter ${name} = ${JSON.stringify((p as unknown as Record<string, unknown>)[name])}: ${why}`);
  };
  if (!(Number.isInteger(p.rounds) && p.rounds >= 1)) bad('rounds', 'use a whole number of at least 1');
  if (!(p.learningRate > 0 && p.learningRate <= 1)) bad('learningRate', 'use a number in (0, 1]');
  if (!(Number.isInteger(p.maxDepth) && p.maxDepth >= 1 && p.maxDepth <= 16)) bad('maxDepth', 'use a whole number from 1 to 16');
  if (!(p.minChildWeight >= 0)) bad('minChildWeight', 'use a number >= 0');
  if (!(p.lambda >= 0)) bad('lambda', 'use a number >= 0');
  if (!(p.gamma >= 0)) bad('gamma', 'use a number >= 0');
  if (!(p.subsample > 0 && p.subsample <= 1)) bad('subsample', 'use a number in (0, 1]');
  if (!(p.colsample > 0 && p.colsample <= 1)) bad('colsample', 'use a number in (0, 1]');
  if (!(p.validationFraction >= 0 && p.validationFraction < 1)) bad('validationFraction', 'use a number in [0, 1)');
  if (!(Number.isInteger(p.maxBins) && p.maxBins >= 2 && p.maxBins <= 255)) bad('maxBins', 'use a whole number from 2 to 255');
  if (p.threads !== undefined && !(Number.isInteger(p.threads) && p.threads >= 1 && p.threads <= 64)) bad('threads', 'use a whole number from 1 to 64, or leave it out to choose by table size');
}

/** Stratified split of 0..n-1 into (train, held out) with about `fraction` of each class held out. */
export function stratifiedHoldout(y: ArrayLike<number>, fraction: number, seed: number): { train: Uint32Array; holdout: Uint32Array } {
  const r = rng(seed);
  const train: number[] = [];
  const holdout: number[] = [];
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    shuffle(idx, r);
    const k = Math.round(idx.length * fraction);
    // a loop, not push(...): spreading a million rows overflows the call stack
    for (let j = 0; j < idx.length; j++) (j < k ? holdout : train).push(idx[j]!);
  }
  return { train: Uint32Array.from(train).sort(), holdout: Uint32Array.from(holdout).sort() };
}

function classWeights(y: ArrayLike<number>, cw: GbdtParams['classWeight']): [number, number] {
  if (cw === 'none') return [1, 1];
  if (cw === 'balanced') {
    let pos = 0;
    for (let i = 0; i < y.length; i++) pos += y[i]!;
    const neg = y.length - pos;
    return [neg > 0 ? y.length / (2 * neg) : 1, pos > 0 ? y.length / (2 * pos) : 1];
  }
  return [cw.negative, cw.positive];
}

/** Trees under construction (growable arrays), frozen into a Tree at the end. */
class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  binSplit: number[] = [];
  defaultLeft: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  cover: number[] = [];
  gain: number[] = [];
  add(cover: number): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.binSplit.push(0);
    this.defaultLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(0);
    this.cover.push(cover);
    this.gain.push(0);
    return this.feature.length - 1;
  }
  freeze(): Tree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      defaultLeft: Uint8Array.from(this.defaultLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      cover: Float64Array.from(this.cover),
      gain: Float64Array.from(this.gain),
    };
  }
}

interface Split {
  gain: number;
  feature: number;
  /** Left holds value bins 1..bin. */
  bin: number;
  defaultLeft: boolean;
}

interface OpenNode {
  id: number;
  /** The node's rows are rows[start, end) of the shared row buffer. */
  start: number;
  end: number;
  G: number;
  H: number;
  hist: Float64Array;
}

function bestSplit(nBins: Int32Array, feats: Int32Array, offsets: Int32Array, node: OpenNode, p: GbdtParams): Split | null {
  const { G, H, hist } = node;
  const lam = p.lambda;
  const mcw = Math.max(p.minChildWeight, 1e-12);
  const parent = (G * G) / (H + lam);
  let bestGain = p.gamma > 0 ? 2 * p.gamma : 1e-12;
  let bf = -1;
  let bb = 0;
  let bdl = false;
  for (let j = 0; j < feats.length; j++) {
    const f = feats[j]!;
    const nb = nBins[f]!;
    const base = offsets[f]! * 2;
    const gm = hist[base]!;
    const hm = hist[base + 1]!;
    let GL = 0;
    let HL = 0;
    // k = nb - 1 (all present values left) only makes sense with missing values on the right
    const last = hm > 0 ? nb - 1 : nb - 2;
    for (let k = 1; k <= last; k++) {
      GL += hist[base + 2 * k]!;
      HL += hist[base + 2 * k + 1]!;
      // missing right
      let HR = H - HL;
      if (HL >= mcw && HR >= mcw) {
        const GR = G - GL;
        const gain = (GL * GL) / (HL + lam) + (GR * GR) / (HR + lam) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bf = f;
          bb = k;
          // without missing values here, future ones go to the heavier side
          bdl = hm > 0 ? false : HL >= HR;
        }
      }
      if (hm > 0 && k < nb - 1) {
        // missing left
        const GL2 = GL + gm;
        const HL2 = HL + hm;
        HR = H - HL2;
        if (HL2 >= mcw && HR >= mcw) {
          const GR = G - GL2;
          const gain = (GL2 * GL2) / (HL2 + lam) + (GR * GR) / (HR + lam) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bf = f;
            bb = k;
            bdl = true;
          }
        }
      }
    }
  }
  return bf < 0 ? null : { gain: bestGain / 2, feature: bf, bin: bb, defaultLeft: bdl };
}

/** Reused histogram buffers (the calling thread's; workers fill the shared one, copied out). */
class HistPool {
  private free: Float64Array[] = [];
  constructor(readonly size: number) {}
  get(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.size);
  }
  release(h: Float64Array): void {
    this.free.push(h);
  }
}

const NO_HIST = new Float64Array(0);

/**
 * Grow one tree on s.rows[0, nRows) (reordered in place, grouped by node) into s.t* (node arrays
 * the update pass walks) and a TreeBuilder.
 */
function growTree(bins: FeatureBins[], nBins: Int32Array, s: KernelState, pool: GbdtPool, nRows: number, feats: Int32Array, offsets: Int32Array, hp: HistPool, p: GbdtParams): TreeBuilder {
  const tb = new TreeBuilder();
  // a histogram, and the G, H sums of rows[sumStart, sumEnd) (added in row order) in s.sums
  const histOf = (start: number, end: number, sumStart: number, sumEnd: number): Float64Array => {
    pool.hist(start, end, feats.length, sumStart, sumEnd);
    const h = hp.get();
    h.set(s.hist);
    return h;
  };
  const rootHist = histOf(0, nRows, 0, nRows);
  const G = s.sums[0]!;
  const H = s.sums[1]!;
  let level: OpenNode[] = [{ id: tb.add(H), start: 0, end: nRows, G, H, hist: rootHist }];
  for (let depth = 0; level.length > 0; depth++) {
    const next: OpenNode[] = [];
    for (const node of level) {
      const split = depth < p.maxDepth ? bestSplit(nBins, feats, offsets, node, p) : null;
      if (!split) {
        tb.value[node.id] = (-node.G / (node.H + p.lambda)) * p.learningRate;
        if (node.hist !== NO_HIST) hp.release(node.hist);
        continue;
      }
      // stable partition: left rows to rows[start, mid), right rows to rows[mid, end)
      const f = split.feature;
      const dl = split.defaultLeft;
      const bin = split.bin;
      const mid = pool.partition(node.start, node.end, f, bin, dl);
      // the left child's sums (added in row order), with the smaller child's histogram when there is one
      const lastLevel = depth + 1 >= p.maxDepth;
      const leftSmall = mid - node.start <= node.end - mid;
      let smallHist: Float64Array = NO_HIST;
      if (lastLevel) sumPart(s, node.start, mid);
      else smallHist = leftSmall ? histOf(node.start, mid, node.start, mid) : histOf(mid, node.end, node.start, mid);
      const GL = s.sums[0]!;
      const HL = s.sums[1]!;
      const edges = bins[f]!.edges;
      tb.feature[node.id] = f;
      tb.threshold[node.id] = bin - 1 < edges.length ? edges[bin - 1]! : Infinity;
      tb.binSplit[node.id] = bin;
      tb.defaultLeft[node.id] = dl ? 1 : 0;
      tb.gain[node.id] = split.gain;
      const L: OpenNode = { id: tb.add(HL), start: node.start, end: mid, G: GL, H: HL, hist: node.hist };
      const R: OpenNode = { id: tb.add(node.H - HL), start: mid, end: node.end, G: node.G - GL, H: node.H - HL, hist: node.hist };
      tb.left[node.id] = L.id;
      tb.right[node.id] = R.id;
      if (!lastLevel) {
        // the smaller child's histogram is built above; derive the larger by subtraction (reusing the parent's buffer)
        const [small, large] = leftSmall ? [L, R] : [R, L];
        small.hist = smallHist;
        const ph = node.hist;
        const sh = small.hist;
        for (let i = 0; i < ph.length; i++) ph[i] = ph[i]! - sh[i]!;
        large.hist = ph;
      } else {
        // the children will be leaves: no histograms
        hp.release(node.hist);
        L.hist = NO_HIST;
        R.hist = NO_HIST;
      }
      next.push(L, R);
    }
    level = next;
  }
  // the node arrays the update pass walks (shared with the workers)
  const nNodes = tb.feature.length;
  for (let i = 0; i < nNodes; i++) {
    s.tFeature[i] = tb.feature[i]!;
    s.tBin[i] = tb.binSplit[i]!;
    s.tDefaultLeft[i] = tb.defaultLeft[i]!;
    s.tLeft[i] = tb.left[i]!;
    s.tRight[i] = tb.right[i]!;
    s.tValue[i] = tb.value[i]!;
  }
  return tb;
}

/** Row-major shared copy of column-major codes (the validation rows, walked row by row by the workers). */
function rowMajorShared(x: BinnedMatrix): Uint8Array {
  const F = x.codes.length;
  const out = new Uint8Array(new SharedArrayBuffer(Math.max(1, x.rows * F)), 0, x.rows * F);
  for (let f = 0; f < F; f++) {
    const col = x.codes[f]!;
    for (let i = 0, at = f; i < x.rows; i++, at += F) out[at] = col[i]!;
  }
  return out;
}

/** Worker threads when the caller does not say: up to 4 on tables big enough to repay them. */
function autoThreads(cells: number): number {
  if (cells < AUTO_THREADS_MIN_CELLS) return 1;
  return gbdtWorkerScript() ? Math.max(1, Math.min(availableParallelism(), 4)) : 1;
}
const AUTO_THREADS_MIN_CELLS = 2_000_000;

/**
 * Fit the ensemble. Without `valid`, `validationFraction` of the rows (stratified, seeded) is held
 * out for early stopping; pass `valid` to use a set of your own. Same data, params and seed give the
 * same model, whatever the number of threads.
 */
export function trainGbdt(m: Matrix, y: ArrayLike<number>, params: Partial<GbdtParams> = {}, valid?: ValidationSet): GbdtFit {
  const p: GbdtParams = { ...GBDT_DEFAULTS, ...params };
  checkParams(p);
  if (m.rows !== y.length) throw new RangeError(`gbdt: ${m.rows} rows but ${y.length} labels`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`gbdt: label of row ${i} is ${y[i]}; labels must be 0 or 1`);
  }
  // training and validation rows are indexes into m (the float columns are never copied)
  let trainRows: Uint32Array | null = null;
  let validRows: Uint32Array | null = null;
  if (!valid && p.validationFraction > 0 && p.earlyStoppingRounds > 0) {
    const { train, holdout } = stratifiedHoldout(y, p.validationFraction, p.seed);
    if (holdout.length > 0 && train.length > 0) {
      trainRows = train;
      validRows = holdout;
    }
  }
  const n = trainRows ? trainRows.length : m.rows;
  const yy = new Uint8Array(n);
  for (let k = 0; k < n; k++) yy[k] = y[trainRows ? trainRows[k]! : k]!;
  const w = classWeights(yy, p.classWeight);
  let sp = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    sp += w[yy[i]!]! * yy[i]!;
    sw += w[yy[i]!]!;
  }
  const rate = Math.min(Math.max(sp / Math.max(sw, 1e-12), 1e-6), 1 - 1e-6);
  const baseScore = Math.log(rate / (1 - rate));

  const nFeat = m.columns.length;
  const bins = m.columns.map((c) => fitBins(c, p.maxBins, trainRows ?? undefined));
  const nBins = Int32Array.from(bins, (b) => b.edges.length + 2);
  const codes = binShared(m, bins, trainRows);
  let xv: BinnedMatrix | null = null;
  let validY: ArrayLike<number> | null = null;
  if (valid) {
    xv = applyBins(valid.m, bins);
    validY = valid.y;
  } else if (validRows) {
    xv = applyBinsToRows(m, bins, validRows);
    validY = Uint8Array.from(validRows, (i) => y[i]!);
  }
  const offsets = new Int32Array(nFeat);
  let totalBins = 0;
  for (let f = 0; f < nFeat; f++) {
    offsets[f] = totalBins;
    totalBins += nBins[f]!;
  }
  const threads = p.threads ?? autoThreads(n * nFeat);
  const vData = xv && validY ? { codes: rowMajorShared(xv), y: new Uint8Array(new SharedArrayBuffer(Math.max(1, xv.rows)), 0, xv.rows) } : null;
  if (vData && validY) for (let i = 0; i < vData.y.length; i++) vData.y[i] = validY[i]!;
  const s = kernelState(codes.rowMajor, codes.colMajor, n, nFeat, offsets.map((o) => 2 * o), totalBins, yy, w, 2 ** (p.maxDepth + 1), Math.max(1, threads), vData);
  s.margin.fill(baseScore);
  s.vMargin.fill(baseScore);
  // the validation loss's denominator, summed in row order as each round's loss is
  let vWeight = 0;
  for (let i = 0; i < s.vn; i++) vWeight += w[s.vY[i]!]!;
  const pool = new GbdtPool(s, threads);
  try {
    const r = new RngStream(p.seed);
    const allFeats = Int32Array.from({ length: nFeat }, (_, i) => i);
    const rows = s.rows;
    const hp = new HistPool(totalBins * 2);
    const trees: TreeBuilder[] = [];
    const validLoss: number[] = [];
    let best = Infinity;
    let bestRound = -1;
    let stoppedEarly = false;
    pool.update(false, false);
    for (let round = 0; round < p.rounds; round++) {
      let nRows = n;
      if (p.subsample < 1) {
        nRows = pool.sample(r.state, p.subsample);
        r.skip(n);
      } else {
        for (let i = 0; i < n; i++) rows[i] = i;
      }
      let feats = allFeats;
      if (p.colsample < 1 && nFeat > 1) {
        const k = Math.max(1, Math.round(nFeat * p.colsample));
        feats = shuffle(Int32Array.from(allFeats), r.next).subarray(0, k).sort();
      }
      s.feats.set(feats);
      const tree = growTree(bins, nBins, s, pool, nRows, s.feats.subarray(0, feats.length), offsets, hp, p);
      trees.push(tree);
      // every row (drawn for this tree or not) moves by its leaf; then the next round's gradients;
      // and the validation rows' margins and losses
      pool.update(true, xv !== null);
      if (xv) {
        let sum = 0;
        for (let i = 0; i < s.vn; i++) sum += s.vLoss[i]!;
        const loss = sum / vWeight;
        validLoss.push(loss);
        if (loss < best - 1e-12) {
          best = loss;
          bestRound = round;
        } else if (round - bestRound >= p.earlyStoppingRounds) {
          stoppedEarly = true;
          break;
        }
      }
    }
    const kept = xv ? trees.slice(0, bestRound + 1) : trees;
    return {
      model: { kind: 'gbdt', baseScore, trees: kept.map((t) => t.freeze()), featureNames: [...m.names] },
      trees: kept.length,
      roundsRun: trees.length,
      stoppedEarly,
      validLoss,
      threads: pool.threads,
    };
  } finally {
    pool.close();
  }
}
