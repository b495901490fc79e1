// Feature binning for the histogram trainer: each feature's values are cut at up to 254 edges
// (quantiles of the non-missing values, or every distinct value when there are few), giving at most
// 255 value bins plus bin 0 for missing. Edges are float32 values and values are compared in float32,
// so the tree walk, the ONNX export (float inputs) and the training bins agree on every row.

import type { Matrix } from './matrix.js';

export const MAX_VALUE_BINS = 255;
const SAMPLE = 200_000;

export interface FeatureBins {
  /** Strictly increasing float32 values; value bin k (1-based) holds edges[k-2] < v <= edges[k-1]. */
  edges: Float64Array;
}

export interface BinnedMatrix {
  rows: number;
  /** Per feature: bin of each row (0 = missing). */
  codes: Uint8Array[];
  /** Per feature: number of bins including the missing bin (edges + 2). */
  nBins: Int32Array;
  bins: FeatureBins[];
}

/** Index of the first edge >= v (edges.length when none). */
export function binOf(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return 0;
  const x = Math.fround(v);
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Edges for one feature; with `rows`, only those rows of `values` count (no copy of the column). */
export function fitBins(values: Float64Array, maxBins = MAX_VALUE_BINS, rows?: Uint32Array): FeatureBins {
  const len = rows ? rows.length : values.length;
  const step = len > SAMPLE ? len / SAMPLE : 1;
  const sample = new Float64Array(Math.ceil(len / step) + 1); // + 1: the float step may add one
  let ns = 0;
  for (let i = 0; i < len; i += step) {
    const k = Math.floor(i);
    const v = values[rows ? rows[k]! : k]!;
    if (!Number.isNaN(v)) sample[ns++] = Math.fround(v);
  }
  const sorted = sample.subarray(0, ns).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
  const edges: number[] = [];
  if (distinct.length <= maxBins) {
    // every distinct value its own bin; the largest needs no edge
    for (let i = 0; i + 1 < distinct.length; i++) edges.push(distinct[i]!);
  } else {
    for (let q = 1; q < maxBins; q++) {
      const v = sorted[Math.floor((q * sorted.length) / maxBins)]!;
      if (v !== edges[edges.length - 1] && v < distinct[distinct.length - 1]!) edges.push(v);
    }
  }
  return { edges: Float64Array.from(edges) };
}

export function applyBins(m: Matrix, bins: FeatureBins[]): BinnedMatrix {
  const codes = m.columns.map((c, f) => {
    const e = bins[f]!.edges;
    const out = new Uint8Array(m.rows);
    for (let i = 0; i < m.rows; i++) out[i] = binOf(e, c[i]!);
    return out;
  });
  return { rows: m.rows, codes, nBins: Int32Array.from(bins.map((b) => b.edges.length + 2)), bins };
}

export function binMatrix(m: Matrix, maxBins = MAX_VALUE_BINS): BinnedMatrix {
  return applyBins(m, m.columns.map((c) => fitBins(c, maxBins)));
}

/** The chosen rows of m binned, column-major (rows in `rows` order; no copy of the float columns). */
export function applyBinsToRows(m: Matrix, bins: FeatureBins[], rows: Uint32Array): BinnedMatrix {
  const codes = m.columns.map((c, f) => {
    const e = bins[f]!.edges;
    const out = new Uint8Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = binOf(e, c[rows[k]!]!);
    return out;
  });
  return { rows: rows.length, codes, nBins: Int32Array.from(bins.map((b) => b.edges.length + 2)), bins };
}

/**
 * The chosen rows (all when null) binned into shared buffers (worker threads read the same memory),
 * both row-major (row k's code for feature f at k * features + f: one cache line holds a row's codes
 * for every feature) and column-major (feature f's codes at f * rows + k).
 */
export function binShared(m: Matrix, bins: FeatureBins[], rows: Uint32Array | null): { rowMajor: Uint8Array; colMajor: Uint8Array } {
  const n = rows ? rows.length : m.rows;
  const F = m.columns.length;
  const rowMajor = new Uint8Array(new SharedArrayBuffer(Math.max(1, n * F)), 0, n * F);
  const colMajor = new Uint8Array(new SharedArrayBuffer(Math.max(1, n * F)), 0, n * F);
  for (let f = 0; f < F; f++) {
    const e = bins[f]!.edges;
    const c = m.columns[f]!;
    const col = colMajor.subarray(f * n, (f + 1) * n);
    for (let k = 0; k < n; k++) col[k] = binOf(e, c[rows ? rows[k]! : k]!);
    for (let k = 0, at = f; k < n; k++, at += F) rowMajor[at] = col[k]!;
  }
  return { rowMajor, colMajor };
}
