/**
 * Character n-gram featuriser for the built-in embedding model.
 *
 * Text -> normalised tokens -> hashed features (boundary-marked character n-grams of each token plus
 * a whole-token feature) -> sparse weighted bag (CSR).  The ONNX graph turns the bag into a dense
 * vector (see builtin-graph.ts); the same sparse bag is also a good exact similarity for rescoring
 * (see sparseCosine).
 *
 * Everything here is deterministic and dependency-free: the parameters (FeaturizerParams) are stored
 * in the model manifest, so a model and the featuriser that feeds it always agree.
 */

import { ASCII_CLASS, classOf, NON_ASCII_RE, normalizeText, SEP, WORD } from '../standardize/text.js';
import { fmix32 } from '../util/hash.js';

// Text normalisation and tokens are standardize's (one tokenizer everywhere); re-exported for embed's callers.
export { normalizeText, tokenize } from '../standardize/text.js';

export interface FeaturizerParams {
  /** Number of hash buckets (rows of the projection table). Power of two. */
  buckets: number;
  /** Character n-gram orders taken from each boundary-marked token, e.g. [2, 3, 4]. */
  ngrams: number[];
  /** Weight of each n-gram order, same length as ngrams. */
  ngramWeights: number[];
  /** Weight of the whole-token feature (0 disables it). */
  tokenWeight: number;
  /** Scale a token's features by length^-tokenLengthExponent (0 = off) so long tokens do not dominate. */
  tokenLengthExponent: number;
  /** Hash seed. */
  seed: number;
  /** Term-frequency weighting: 'log' = 1 + ln(tf), 'linear' = tf. */
  tf: 'log' | 'linear';
  /** Only the first maxChars characters of a text are featurised. */
  maxChars: number;
}

export const DEFAULT_FEATURIZER_PARAMS: FeaturizerParams = {
  buckets: 16384,
  ngrams: [2, 3, 4],
  ngramWeights: [1, 1, 1],
  tokenWeight: 1,
  tokenLengthExponent: 0,
  seed: 0x41455249, // "AERI"
  tf: 'log',
  maxChars: 4096,
};

/** Sparse weighted feature bags for a batch, in CSR form. Record i owns [offsets[i], offsets[i+1]). */
export interface SparseBatch {
  indices: Int32Array;
  weights: Float32Array;
  offsets: Int32Array;
}

const BOS = 0x3c; // '<'
const EOS = 0x3e; // '>'
const FNV_PRIME = 0x01000193;


/**
 * Reusable featuriser. Not thread-safe (keeps scratch buffers); create one per worker.
 */
export class Featurizer {
  readonly params: FeaturizerParams;
  private readonly mask: number;
  private readonly maxN: number;
  /** weight per kind: kinds 0..ngrams.length-1 are n-gram orders, last kind is whole token. */
  private readonly kindWeight: Float64Array;
  private readonly kindSeed: Uint32Array;
  /** n -> kind index, or -1. */
  private readonly orderKind: Int32Array;
  // per-bucket accumulators, valid where stamp[b] === gen
  private stamp: Int32Array;
  private tfAcc: Int32Array;
  private wAcc: Float64Array;
  private gen = 0;
  private uniq = new Int32Array(1024);
  private nUniq = 0;
  private codes = new Int32Array(256);

  constructor(params: Partial<FeaturizerParams> = {}) {
    const p = { ...DEFAULT_FEATURIZER_PARAMS, ...params };
    if (!Number.isInteger(p.buckets) || p.buckets < 2 || (p.buckets & (p.buckets - 1)) !== 0 || p.buckets > 1 << 22) {
      throw new Error(`featurizer: buckets must be a power of two between 2 and 2^22, got ${p.buckets}`);
    }
    if (p.ngrams.length !== p.ngramWeights.length) {
      throw new Error('featurizer: ngrams and ngramWeights must have the same length');
    }
    if (p.ngrams.length > 7) throw new Error('featurizer: at most 7 n-gram orders');
    this.params = p;
    this.mask = p.buckets - 1;
    this.maxN = Math.max(1, ...p.ngrams);
    const kinds = p.ngrams.length + 1;
    this.kindWeight = new Float64Array(kinds);
    this.kindSeed = new Uint32Array(kinds);
    this.orderKind = new Int32Array(this.maxN + 1).fill(-1);
    p.ngrams.forEach((n, k) => {
      this.kindWeight[k] = p.ngramWeights[k] ?? 1;
      this.orderKind[n] = k;
    });
    this.kindWeight[kinds - 1] = p.tokenWeight;
    for (let k = 0; k < kinds; k++) this.kindSeed[k] = fmix32((p.seed ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0);
    this.stamp = new Int32Array(p.buckets);
    this.tfAcc = new Int32Array(p.buckets);
    this.wAcc = new Float64Array(p.buckets);
  }

  /** Featurise a batch into CSR form. Indices within a record are sorted and unique. */
  featurize(texts: readonly string[]): SparseBatch {
    const n = texts.length;
    const offsets = new Int32Array(n + 1);
    let idx = new Int32Array(Math.max(64, n * 128));
    let wts = new Float32Array(idx.length);
    let pos = 0;
    for (let r = 0; r < n; r++) {
      this.record(texts[r] ?? '');
      const cnt = this.nUniq;
      if (pos + cnt > idx.length) {
        const cap = Math.max(idx.length * 2, pos + cnt);
        const ni = new Int32Array(cap);
        ni.set(idx.subarray(0, pos));
        const nw = new Float32Array(cap);
        nw.set(wts.subarray(0, pos));
        idx = ni;
        wts = nw;
      }
      pos = this.flush(idx, wts, pos);
      offsets[r + 1] = pos;
    }
    return { indices: idx.subarray(0, pos), weights: wts.subarray(0, pos), offsets };
  }

  /** Features of one text as a sorted (index, weight) list. */
  featurizeOne(text: string): { indices: Int32Array; weights: Float32Array } {
    const b = this.featurize([text]);
    return { indices: b.indices.slice(), weights: b.weights.slice() };
  }

  /** Accumulate the features of one record into the per-bucket accumulators. */
  private record(raw: string): void {
    const p = this.params;
    this.gen = (this.gen + 1) | 0;
    if (this.gen === 0 || this.gen === -2147483648) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    this.nUniq = 0;
    const text = raw.length > p.maxChars ? raw.slice(0, p.maxChars) : raw;
    const s = NON_ASCII_RE.test(text) ? normalizeText(text) : text.toLowerCase();
    const len = s.length;
    if (this.codes.length < len + 2) this.codes = new Int32Array(len + 2);
    const codes = this.codes;
    let L = 0; // marked token length in codes (0 = not in a token)
    for (let i = 0; i <= len; i++) {
      const c = i < len ? s.charCodeAt(i) : 32;
      const cls = c < 128 ? (ASCII_CLASS[c] as number) : classOf(c);
      if (cls === WORD) {
        if (L === 0) {
          codes[0] = BOS;
          L = 1;
        }
        codes[L++] = c;
      } else if (cls === SEP && L > 0) {
        codes[L++] = EOS;
        this.token(codes, L);
        L = 0;
      }
      // JOIN characters (apostrophes) are skipped without ending the token
    }
  }

  /** Emit the features of one boundary-marked token codes[0..L). */
  private token(codes: Int32Array, L: number): void {
    const p = this.params;
    const lw = p.tokenLengthExponent > 0 ? Math.pow(L - 2, -p.tokenLengthExponent) : 1;
    const maxN = this.maxN;
    const mask = this.mask;
    const orderKind = this.orderKind;
    const kindSeed = this.kindSeed;
    const kindWeight = this.kindWeight;
    for (let st = 0; st < L; st++) {
      let h = 0x811c9dc5;
      const lim = Math.min(maxN, L - st);
      for (let m = 0; m < lim; m++) {
        h = Math.imul(h ^ (codes[st + m] as number), FNV_PRIME);
        const k = orderKind[m + 1] as number;
        if (k >= 0) this.add(fmix32((h ^ (kindSeed[k] as number)) >>> 0) & mask, (kindWeight[k] as number) * lw);
      }
    }
    if (p.tokenWeight > 0) {
      const k = kindSeed.length - 1;
      let h = 0x811c9dc5;
      for (let i = 0; i < L; i++) h = Math.imul(h ^ (codes[i] as number), FNV_PRIME);
      this.add(fmix32((h ^ (kindSeed[k] as number)) >>> 0) & mask, (kindWeight[k] as number) * lw);
    }
  }

  private add(b: number, w: number): void {
    if (this.stamp[b] !== this.gen) {
      this.stamp[b] = this.gen;
      this.tfAcc[b] = 1;
      this.wAcc[b] = w;
      if (this.nUniq === this.uniq.length) {
        const u = new Int32Array(this.uniq.length * 2);
        u.set(this.uniq);
        this.uniq = u;
      }
      this.uniq[this.nUniq++] = b;
    } else {
      this.tfAcc[b] = (this.tfAcc[b] as number) + 1;
      this.wAcc[b] = (this.wAcc[b] as number) + w;
    }
  }

  /** Write the current record's (sorted) buckets and weights at pos; returns the new pos. */
  private flush(idx: Int32Array, wts: Float32Array, pos: number): number {
    const u = this.uniq.subarray(0, this.nUniq);
    u.sort();
    const log = this.params.tf === 'log';
    for (let i = 0; i < u.length; i++) {
      const b = u[i] as number;
      const tf = this.tfAcc[b] as number;
      const wsum = this.wAcc[b] as number;
      const w = log ? (tf === 1 ? wsum : (wsum / tf) * (1 + Math.log(tf))) : wsum;
      if (w !== 0) {
        idx[pos] = b;
        wts[pos] = w;
        pos++;
      }
    }
    return pos;
  }
}

/** Exact cosine between two sparse bags with sorted, unique indices. */
export function sparseCosine(
  a: { indices: ArrayLike<number>; weights: ArrayLike<number> },
  b: { indices: ArrayLike<number>; weights: ArrayLike<number> },
): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.weights.length; k++) na += (a.weights[k] as number) ** 2;
  for (let k = 0; k < b.weights.length; k++) nb += (b.weights[k] as number) ** 2;
  while (i < a.indices.length && j < b.indices.length) {
    const x = a.indices[i] as number;
    const y = b.indices[j] as number;
    if (x === y) {
      dot += (a.weights[i] as number) * (b.weights[j] as number);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
