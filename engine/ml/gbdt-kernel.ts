// The passes of the histogram trainer that touch every training row, written once and run by the
// calling thread and by each worker thread (gbdt-worker.ts) on its own share: histograms split by
// feature (each feature's sums are added in row order by one thread, so every thread count gives
// bit-identical histograms); row sampling, node partitions, and margin/gradient updates (with the
// validation rows' margins and losses) split by row range (each row on its own, pieces joined in
// row order). Everything lives in SharedArrayBuffers (gbdt-pool.ts allocates them).

export interface KernelState {
  /** Training rows. */
  n: number;
  /** Features (the row stride of `codes`). */
  F: number;
  /** Row-major bin codes: row r, feature f at r * F + f (0 = missing). */
  codes: Uint8Array;
  /** The same codes column-major (feature f, row r at f * n + r), for nodes holding few rows. */
  codesCol: Uint8Array;
  /** Gradient and hessian of row r at 2r and 2r + 1. */
  gh: Float64Array;
  margin: Float64Array;
  y: Uint8Array;
  /** Row weight of class 0 and class 1. */
  classW: Float64Array;
  /** The rows of the node being histogrammed are rows[start, end). */
  rows: Uint32Array;
  /** Features drawn for this tree (nFeats of them, ascending). */
  feats: Int32Array;
  /** 2 × first bin of each feature in a histogram (interleaved g, h). */
  off2: Int32Array;
  /** The histogram being built (2 × total bins). */
  hist: Float64Array;
  /** The tree just grown, walked by bins: split feature (-1 leaf), left holds bins 1..binSplit. */
  tFeature: Int32Array;
  tBin: Int32Array;
  tDefaultLeft: Uint8Array;
  tLeft: Int32Array;
  tRight: Int32Array;
  tValue: Float64Array;
  /** Second row buffer: a partition's right rows, a sample's pieces. */
  tmp: Uint32Array;
  /** Per thread: rows its share of a sample or partition kept (left). */
  counts: Int32Array;
  /** A node's gradient and hessian sums (G, H), added in row order by one thread. */
  sums: Float64Array;
  /** Validation rows (vn of them): row-major codes, labels, margins, and each row's weighted loss. */
  vn: number;
  vCodes: Uint8Array;
  vY: Uint8Array;
  vMargin: Float64Array;
  vLoss: Float64Array;
}

/** This thread's share [lo, hi) of `count` items when `threads` split them evenly. */
export function share(count: number, threads: number, index: number): [number, number] {
  return [Math.floor((count * index) / threads), Math.floor((count * (index + 1)) / threads)];
}

/**
 * Below this share of the training rows a node is histogrammed feature by feature from the
 * column-major codes (its gradients gathered once, each feature's bins then stay in L1); above it
 * row by row from the row-major codes (one cache line per row serves every feature). Measured on
 * 720k rows × 40 features: row-major is faster down to about a quarter of the rows, column-major
 * below (25 vs 15 ms at an eighth).
 */
const SPARSE_NODE_SHARE = 0.2;

/** Per-thread gathered gradients (grown on demand). */
let ordered = new Float64Array(0);
/** Per-thread copies of this pass's features and their histogram offsets (fewer lookups per row). */
let fc = new Int32Array(0);
let fo = new Int32Array(0);

/**
 * Histogram of rows[start, end) for features feats[jlo, jhi) (their bins zeroed first); with
 * `sum`, also the rows' G and H into s.sums (added in row order, as sumPart does).
 */
export function histPart(s: KernelState, start: number, end: number, jlo: number, jhi: number, sum = false): void {
  const { codes, gh, rows, feats, off2, hist, F, n } = s;
  for (let j = jlo; j < jhi; j++) {
    const f = feats[j]!;
    hist.fill(0, off2[f]!, f + 1 < F ? off2[f + 1]! : hist.length);
  }
  // either way each feature's sums are added in row order k, so both give the same histogram
  if (end - start < SPARSE_NODE_SHARE * n || jhi - jlo === 1) {
    const m = end - start;
    if (ordered.length < 2 * m) ordered = new Float64Array(Math.max(2 * m, 1024));
    const og = ordered;
    let G = 0;
    let H = 0;
    for (let k = start, q = 0; k < end; k++, q += 2) {
      const r2 = 2 * rows[k]!;
      const g = gh[r2]!;
      const h = gh[r2 + 1]!;
      og[q] = g;
      og[q + 1] = h;
      G += g;
      H += h;
    }
    if (sum) {
      s.sums[0] = G;
      s.sums[1] = H;
    }
    const cc = s.codesCol;
    let j = jlo;
    // four features per pass over the rows (about half the time of one at a time)
    for (; j + 3 < jhi; j += 4) {
      const f0 = feats[j]!;
      const f1 = feats[j + 1]!;
      const f2 = feats[j + 2]!;
      const f3 = feats[j + 3]!;
      const b0 = off2[f0]!;
      const b1 = off2[f1]!;
      const b2 = off2[f2]!;
      const b3 = off2[f3]!;
      const c0 = f0 * n;
      const c1 = f1 * n;
      const c2 = f2 * n;
      const c3 = f3 * n;
      for (let k = start, q = 0; k < end; k++, q += 2) {
        const r = rows[k]!;
        const g = og[q]!;
        const h = og[q + 1]!;
        const a0 = b0 + 2 * cc[c0 + r]!;
        const a1 = b1 + 2 * cc[c1 + r]!;
        const a2 = b2 + 2 * cc[c2 + r]!;
        const a3 = b3 + 2 * cc[c3 + r]!;
        hist[a0] = hist[a0]! + g;
        hist[a0 + 1] = hist[a0 + 1]! + h;
        hist[a1] = hist[a1]! + g;
        hist[a1 + 1] = hist[a1 + 1]! + h;
        hist[a2] = hist[a2]! + g;
        hist[a2 + 1] = hist[a2 + 1]! + h;
        hist[a3] = hist[a3]! + g;
        hist[a3 + 1] = hist[a3 + 1]! + h;
      }
    }
    for (; j < jhi; j++) {
      const f = feats[j]!;
      const base = off2[f]!;
      const cb = f * n;
      for (let k = start, q = 0; k < end; k++, q += 2) {
        const at = base + 2 * cc[cb + rows[k]!]!;
        hist[at] = hist[at]! + og[q]!;
        hist[at + 1] = hist[at + 1]! + og[q + 1]!;
      }
    }
    return;
  }
  const m = jhi - jlo;
  if (fc.length < m) {
    fc = new Int32Array(F);
    fo = new Int32Array(F);
  }
  for (let j = 0; j < m; j++) {
    fc[j] = feats[jlo + j]!;
    fo[j] = off2[fc[j]!]!;
  }
  // four features at a time (about a third faster); a row's features fall in different bins, so
  // every bin still adds its rows in row order
  const m4 = m & ~3;
  let G = 0;
  let H = 0;
  for (let k = start; k < end; k++) {
    const r = rows[k]!;
    const g = gh[2 * r]!;
    const h = gh[2 * r + 1]!;
    G += g;
    H += h;
    const rb = r * F;
    let j = 0;
    for (; j < m4; j += 4) {
      const a0 = fo[j]! + 2 * codes[rb + fc[j]!]!;
      const a1 = fo[j + 1]! + 2 * codes[rb + fc[j + 1]!]!;
      const a2 = fo[j + 2]! + 2 * codes[rb + fc[j + 2]!]!;
      const a3 = fo[j + 3]! + 2 * codes[rb + fc[j + 3]!]!;
      hist[a0] = hist[a0]! + g;
      hist[a0 + 1] = hist[a0 + 1]! + h;
      hist[a1] = hist[a1]! + g;
      hist[a1 + 1] = hist[a1 + 1]! + h;
      hist[a2] = hist[a2]! + g;
      hist[a2 + 1] = hist[a2 + 1]! + h;
      hist[a3] = hist[a3]! + g;
      hist[a3 + 1] = hist[a3 + 1]! + h;
    }
    for (; j < m; j++) {
      const at = fo[j]! + 2 * codes[rb + fc[j]!]!;
      hist[at] = hist[at]! + g;
      hist[at + 1] = hist[at + 1]! + h;
    }
  }
  if (sum) {
    s.sums[0] = G;
    s.sums[1] = H;
  }
}

/** G and H of rows[start, end) into s.sums, added in row order (as the one-thread trainer does). */
export function sumPart(s: KernelState, start: number, end: number): void {
  const { gh, rows } = s;
  let G = 0;
  let H = 0;
  for (let k = start; k < end; k++) {
    const r2 = 2 * rows[k]!;
    G += gh[r2]!;
    H += gh[r2 + 1]!;
  }
  s.sums[0] = G;
  s.sums[1] = H;
}

/** mulberry32's step (random.ts): its state advances by this per draw. */
export const RNG_STEP = 0x6d2b79f5;

/** mulberry32's draw once its state has advanced to `a` (the same value random.ts's rng returns). */
export function rngDraw(a: number): number {
  let t = a >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * random.ts's rng(seed) with its state in view: a tree's row sample is one draw per training row,
 * split across threads (samplePart), and the stream then skips past them.
 */
export class RngStream {
  private a: number;
  constructor(seed: number) {
    this.a = ((seed >>> 0) ^ 0x9e3779b9) >>> 0;
  }
  readonly next = (): number => {
    this.a = (this.a + RNG_STEP) >>> 0;
    return rngDraw(this.a);
  };
  get state(): number {
    return this.a;
  }
  skip(draws: number): void {
    this.a = (this.a + Math.imul(draws, RNG_STEP)) >>> 0;
  }
}

/**
 * Rows lo..hi-1 drawn for a tree (row i kept when the generator's draw number i, counting from
 * state `a0`, is below `rate`), written in order to rows[lo, lo + count); returns count. Every
 * draw is computed from its number, so threads draw their shares at once with the one-thread values.
 */
export function samplePart(s: KernelState, a0: number, rate: number, lo: number, hi: number): number {
  const rows = s.rows;
  let a = (a0 + Math.imul(lo, RNG_STEP)) >>> 0;
  let w = lo;
  for (let i = lo; i < hi; i++) {
    a = (a + RNG_STEP) >>> 0;
    rows[w] = i; // kept only if the count moves past it
    if (rngDraw(a) < rate) w++;
  }
  return w - lo;
}

/**
 * Stable partition of rows[lo, hi) by a split (left: code 1..bin, or 0 when missing goes left):
 * left rows to rows[lo, lo + count), right rows to tmp[lo, ...); returns count.
 */
export function partitionPart(s: KernelState, lo: number, hi: number, f: number, bin: number, dl: boolean): number {
  const { rows, tmp, codesCol, n } = s;
  const cb = f * n;
  let mid = lo;
  let nr = lo;
  for (let k = lo; k < hi; k++) {
    const r = rows[k]!;
    const b = codesCol[cb + r]!;
    if (b === 0 ? dl : b <= bin) rows[mid++] = r;
    else tmp[nr++] = r;
  }
  return mid - lo;
}

/** Validation rows [lo, hi): margin += the tree in s.t*, then the row's weighted log loss. */
export function validPart(s: KernelState, lo: number, hi: number): void {
  const { vCodes, vY, vMargin, vLoss, classW, F, tFeature, tBin, tDefaultLeft, tLeft, tRight, tValue } = s;
  for (let i = lo; i < hi; i++) {
    let nd = 0;
    const rb = i * F;
    while (tFeature[nd]! >= 0) {
      const b = vCodes[rb + tFeature[nd]!]!;
      nd = (b === 0 ? tDefaultLeft[nd] === 1 : b <= tBin[nd]!) ? tLeft[nd]! : tRight[nd]!;
    }
    const z = vMargin[i]! + tValue[nd]!;
    vMargin[i] = z;
    const yi = vY[i]!;
    // log(1 + e^-z) for y = 1, log(1 + e^z) for y = 0, computed without overflow
    const t = yi === 1 ? -z : z;
    vLoss[i] = classW[yi]! * (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
  }
}

/**
 * Rows [lo, hi): add the last tree's leaf value to the margin (when `withTree`), then the logistic
 * loss's gradient and hessian at the new margin.
 */
export function updatePart(s: KernelState, lo: number, hi: number, withTree: boolean): void {
  const { codes, gh, margin, y, classW, F, tFeature, tBin, tDefaultLeft, tLeft, tRight, tValue } = s;
  const w0 = classW[0]!;
  const w1 = classW[1]!;
  for (let i = lo; i < hi; i++) {
    let z = margin[i]!;
    if (withTree) {
      let nd = 0;
      const rb = i * F;
      while (tFeature[nd]! >= 0) {
        const b = codes[rb + tFeature[nd]!]!;
        nd = (b === 0 ? tDefaultLeft[nd] === 1 : b <= tBin[nd]!) ? tLeft[nd]! : tRight[nd]!;
      }
      z = z + tValue[nd]!;
      margin[i] = z;
    }
    const pr = 1 / (1 + Math.exp(-z));
    const yi = y[i]!;
    const wi = yi === 1 ? w1 : w0;
    gh[2 * i] = wi * (pr - yi);
    gh[2 * i + 1] = wi * Math.max(pr * (1 - pr), 1e-16);
  }
}
