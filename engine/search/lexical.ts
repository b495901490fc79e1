/**
 * Compact in-memory inverted index over customer records (words, trigrams, phonetic codes and
 * exact contact keys; see terms.ts). Postings are CSR Uint32 arrays: (slot << 8) | field bits.
 * Terms are 32-bit hashes (a rare collision only adds a candidate the reranker then drops).
 * Scoring is BM25-style with tf = 1 (field values are short): sum over matched query terms of
 * query weight x idf. About 45 postings a record (~200 bytes), built in one pass.
 */
import type { RecordRow } from '../embed/record-text.js';
import { recordTerms } from './terms.js';

/** Open-addressing map from 32-bit term hash to a dense term id. */
class TermTable {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;
  constructor(cap = 1 << 16) {
    this.keys = new Uint32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }
  get(h: number): number {
    let i = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = this.vals[i] as number;
      if (v < 0) return -1;
      if (this.keys[i] === h) return v;
      i = (i + 1) & this.mask;
    }
  }
  getOrAdd(h: number): number {
    if (this.size * 2 >= this.mask) this.grow();
    let i = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = this.vals[i] as number;
      if (v < 0) {
        this.keys[i] = h;
        this.vals[i] = this.size;
        return this.size++;
      }
      if (this.keys[i] === h) return v;
      i = (i + 1) & this.mask;
    }
  }
  private grow(): void {
    const ok = this.keys;
    const ov = this.vals;
    this.keys = new Uint32Array(ok.length * 2);
    this.vals = new Int32Array(ok.length * 2).fill(-1);
    this.mask = ok.length * 2 - 1;
    for (let j = 0; j < ok.length; j++) {
      const v = ov[j] as number;
      if (v < 0) continue;
      const h = ok[j] as number;
      let i = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
      while ((this.vals[i] as number) >= 0) i = (i + 1) & this.mask;
      this.keys[i] = h;
      this.vals[i] = v;
    }
  }
}

export interface QueryTerm {
  hash: number;
  weight: number;
  fields: number;
  /** Query part this term came from (for per-part score caps). */
  group: number;
}

export interface LexicalHit {
  id: number;
  score: number;
}

/** Growable Uint32 buffer. */
class U32 {
  a: Uint32Array;
  n = 0;
  constructor(cap: number) {
    this.a = new Uint32Array(Math.max(16, cap));
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

export class LexicalIndex {
  readonly ids: Uint32Array;
  readonly dead: Uint8Array;
  private acc: Float32Array;
  private touched: Int32Array;

  private constructor(
    private readonly table: TermTable,
    private readonly offsets: Uint32Array,
    private readonly postings: Uint32Array,
    ids: Uint32Array,
    readonly maxId: number,
  ) {
    this.ids = ids;
    this.dead = new Uint8Array(ids.length);
    this.acc = new Float32Array(ids.length);
    this.touched = new Int32Array(ids.length);
  }

  get size(): number {
    return this.ids.length;
  }
  get terms(): number {
    return this.table.size;
  }
  get postingCount(): number {
    return this.postings.length;
  }

  /** Build from records (any order); slots follow iteration order. */
  static build(rows: Iterable<RecordRow>, expected = 1024): LexicalIndex {
    if (expected > 1 << 24) throw new Error('lexical index: at most 16M records per segment');
    const table = new TermTable(1 << 16);
    const termIds = new U32(expected * 48);
    const fields = { a: new Uint8Array(expected * 48) };
    const recStart = new U32(expected + 1);
    const ids = new U32(expected);
    let df = new Uint32Array(1 << 16);
    // per-record dedupe of (term) with OR-ed field bits
    let seenTerm = new Int32Array(0);
    let slot = 0;
    let maxId = 0;
    let recFirst = 0;
    const sink = (h: number, f: number) => {
      const t = table.getOrAdd(h);
      if (t >= seenTerm.length) {
        const s = new Int32Array(Math.max(1 << 16, seenTerm.length * 2)).fill(-1);
        s.set(seenTerm);
        seenTerm = s;
      }
      const at = seenTerm[t] as number;
      if (at >= recFirst && at < termIds.n && termIds.a[at] === t) {
        fields.a[at] = (fields.a[at] as number) | f;
        return;
      }
      seenTerm[t] = termIds.n;
      termIds.push(t);
      if (termIds.n > fields.a.length) {
        const b = new Uint8Array(termIds.a.length);
        b.set(fields.a);
        fields.a = b;
      }
      fields.a[termIds.n - 1] = f;
      if (t >= df.length) {
        const d = new Uint32Array(df.length * 2);
        d.set(df);
        df = d;
      }
      df[t] = (df[t] as number) + 1;
    };
    for (const r of rows) {
      recStart.push(termIds.n);
      recFirst = termIds.n;
      ids.push(r.id);
      if (r.id > maxId) maxId = r.id;
      recordTerms(r, sink);
      slot++;
    }
    recStart.push(termIds.n);
    // CSR by term
    const T = table.size;
    const offsets = new Uint32Array(T + 1);
    for (let t = 0; t < T; t++) offsets[t + 1] = (offsets[t] as number) + (df[t] as number);
    const cursor = offsets.slice(0, T);
    const postings = new Uint32Array(termIds.n);
    for (let s = 0; s < slot; s++) {
      const a = recStart.a[s] as number;
      const b = recStart.a[s + 1] as number;
      for (let j = a; j < b; j++) {
        const t = termIds.a[j] as number;
        postings[cursor[t] as number] = (s << 8) | (fields.a[j] as number);
        cursor[t] = (cursor[t] as number) + 1;
      }
    }
    return new LexicalIndex(table, offsets, postings, ids.a.slice(0, ids.n), maxId);
  }

  /** Document frequency of a term hash (0 when absent). */
  df(hash: number): number {
    const t = this.table.get(hash);
    return t < 0 ? 0 : (this.offsets[t + 1] as number) - (this.offsets[t] as number);
  }

  remove(recordIds: ReadonlySet<number>): void {
    for (let s = 0; s < this.ids.length; s++) if (recordIds.has(this.ids[s] as number)) this.dead[s] = 1;
  }

  /**
   * Top-k records by summed idf-weighted term matches. A query group's contribution to one record
   * is capped at `groupCap[group]` (so a token's many trigrams never outweigh an exact word).
   * `totalDocs` is the N used for idf (all segments together).
   */
  search(terms: readonly QueryTerm[], k: number, totalDocs: number, groupCap: Float32Array, maxDfFrac = 0.25): LexicalHit[] {
    const acc = this.acc;
    const touched = this.touched;
    let nt = 0;
    const N = Math.max(1, totalDocs);
    // per-(record, group) partial sums: process group by group so the cap applies per record
    const byGroup = new Map<number, QueryTerm[]>();
    for (const t of terms) {
      let g = byGroup.get(t.group);
      if (!g) byGroup.set(t.group, (g = []));
      g.push(t);
    }
    const gAcc = this.groupAcc();
    for (const [group, gt] of byGroup) {
      const cap = groupCap[group] ?? Infinity;
      let gTouchedN = 0;
      const gTouched = this.groupTouched();
      for (const qt of gt) {
        const t = this.table.get(qt.hash);
        if (t < 0) continue;
        const a = this.offsets[t] as number;
        const b = this.offsets[t + 1] as number;
        const df = b - a;
        if (df > maxDfFrac * N && gt.length > 1) continue; // stop-gram: other terms of the part decide
        const w = qt.weight * Math.log(1 + (N - df + 0.5) / (df + 0.5));
        const fm = qt.fields;
        const post = this.postings;
        for (let j = a; j < b; j++) {
          const p = post[j] as number;
          if ((p & fm) === 0) continue;
          const s = p >>> 8;
          const v = gAcc[s] as number;
          if (v === 0) gTouched[gTouchedN++] = s;
          gAcc[s] = v + w;
        }
      }
      for (let i = 0; i < gTouchedN; i++) {
        const s = gTouched[i] as number;
        const v = Math.min(cap, gAcc[s] as number);
        gAcc[s] = 0;
        if (acc[s] === 0) touched[nt++] = s;
        acc[s] = (acc[s] as number) + v;
      }
    }
    // top-k with a min-heap
    const heapS = new Float32Array(k);
    const heapI = new Int32Array(k);
    let hn = 0;
    for (let i = 0; i < nt; i++) {
      const s = touched[i] as number;
      const v = acc[s] as number;
      acc[s] = 0;
      if (this.dead[s]) continue;
      if (hn < k) {
        let c = hn++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if ((heapS[p] as number) <= v) break;
          heapS[c] = heapS[p] as number;
          heapI[c] = heapI[p] as number;
          c = p;
        }
        heapS[c] = v;
        heapI[c] = s;
      } else if (v > (heapS[0] as number)) {
        let c = 0;
        for (;;) {
          const l = 2 * c + 1;
          if (l >= hn) break;
          const r = l + 1;
          const m = r < hn && (heapS[r] as number) < (heapS[l] as number) ? r : l;
          if ((heapS[m] as number) >= v) break;
          heapS[c] = heapS[m] as number;
          heapI[c] = heapI[m] as number;
          c = m;
        }
        heapS[c] = v;
        heapI[c] = s;
      }
    }
    const out: LexicalHit[] = [];
    for (let i = 0; i < hn; i++) out.push({ id: this.ids[heapI[i] as number] as number, score: heapS[i] as number });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private gAccBuf: Float32Array | null = null;
  private gTouchedBuf: Int32Array | null = null;
  private groupAcc(): Float32Array {
    return (this.gAccBuf ??= new Float32Array(this.ids.length));
  }
  private groupTouched(): Int32Array {
    return (this.gTouchedBuf ??= new Int32Array(this.ids.length));
  }
}
