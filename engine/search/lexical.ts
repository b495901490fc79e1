/**
 * Compact in-memory inverted index over customer records (words, trigrams, phonetic codes and
 * exact contact keys; see terms.ts). Postings are CSR Uint32 arrays: (slot << 8) | field bits.
 * Terms are 32-bit hashes (a rare collision only adds a candidate the reranker then drops).
 * Scoring is BM25-style with tf = 1 (field values are short): sum over matched query terms of
 * query weight x idf. About 45 postings a record (~200 bytes), built in one pass.
 */
import type { RecordRow } from '../records/record.js';
import { recordTerms } from './terms.js';

/** Open-addressing map from 32-bit term hash to a dense term id (stored as id + 1; 0 = empty, so
 * a large table needs no fill pass). */
class TermTable {
  private keys: Uint32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;
  constructor(cap = 1 << 16) {
    this.keys = new Uint32Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }
  get(h: number): number {
    let i = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = this.vals[i] as number;
      if (v === 0) return -1;
      if (this.keys[i] === h) return v - 1;
      i = (i + 1) & this.mask;
    }
  }
  getOrAdd(h: number): number {
    if (this.size * 2 >= this.mask) this.grow();
    let i = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const v = this.vals[i] as number;
      if (v === 0) {
        this.keys[i] = h;
        this.vals[i] = this.size + 1;
        return this.size++;
      }
      if (this.keys[i] === h) return v - 1;
      i = (i + 1) & this.mask;
    }
  }
  private grow(): void {
    const ok = this.keys;
    const ov = this.vals;
    this.keys = new Uint32Array(ok.length * 2);
    this.vals = new Int32Array(ok.length * 2);
    this.mask = ok.length * 2 - 1;
    for (let j = 0; j < ok.length; j++) {
      const v = ov[j] as number;
      if (v === 0) continue;
      const h = ok[j] as number;
      let i = (Math.imul(h, 0x9e3779b1) >>> 0) & this.mask;
      while ((this.vals[i] as number) !== 0) i = (i + 1) & this.mask;
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

/** Terms with more postings than this (and this fraction of the records) are only looked up for
 * records other terms already found, when that is much less work than walking their postings. */
const LOOKUP_MIN_DF = 4096;
const LOOKUP_DF_FRAC = 0.01;

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

/**
 * Incremental builder: add() records in any order (slots follow), then drive finish() — a
 * generator that yields between slices of the CSR pass so a caller can give the event loop a turn.
 */
export class LexicalBuilder {
  private readonly table: TermTable;
  private readonly termIds: U32;
  private fields: Uint8Array;
  private readonly recStart: U32;
  private readonly idBuf: U32;
  private df: Uint32Array;
  private seenTerm: Int32Array;
  private slot = 0;
  private maxId = 0;
  private recFirst = 0;
  private readonly sink: (h: number, f: number) => void;

  constructor(expected = 1024) {
    if (expected > 1 << 24) throw new Error('lexical index: at most 16M records per segment');
    // sized for ~6 distinct terms a record (4-5 measured at 100k-1M) so the term table, which
    // would otherwise rehash millions of entries in one go mid-build, rarely has to grow
    const terms = Math.max(1 << 15, expected * 6);
    this.table = new TermTable(Math.min(1 << 25, 1 << Math.ceil(Math.log2(terms * 2 + 2))));
    this.df = new Uint32Array(terms);
    this.seenTerm = new Int32Array(terms).fill(-1);
    this.termIds = new U32(expected * 48);
    this.fields = new Uint8Array(expected * 48);
    this.recStart = new U32(expected + 1);
    this.idBuf = new U32(expected);
    const table = this.table;
    const termIds = this.termIds;
    this.sink = (h: number, f: number) => {
      const t = table.getOrAdd(h);
      if (t >= this.seenTerm.length) {
        const s = new Int32Array(Math.max(1 << 16, this.seenTerm.length * 2)).fill(-1);
        s.set(this.seenTerm);
        this.seenTerm = s;
      }
      const at = this.seenTerm[t] as number;
      if (at >= this.recFirst && at < termIds.n && termIds.a[at] === t) {
        this.fields[at] = (this.fields[at] as number) | f;
        return;
      }
      this.seenTerm[t] = termIds.n;
      termIds.push(t);
      if (termIds.n > this.fields.length) {
        const b = new Uint8Array(termIds.a.length);
        b.set(this.fields);
        this.fields = b;
      }
      this.fields[termIds.n - 1] = f;
      if (t >= this.df.length) {
        const d = new Uint32Array(this.df.length * 2);
        d.set(this.df);
        this.df = d;
      }
      this.df[t] = (this.df[t] as number) + 1;
    };
  }

  get count(): number {
    return this.slot;
  }

  add(r: RecordRow): void {
    if (this.slot >= 1 << 24) throw new Error('lexical index: at most 16M records per segment');
    this.recStart.push(this.termIds.n);
    this.recFirst = this.termIds.n;
    this.idBuf.push(r.id);
    if (r.id > this.maxId) this.maxId = r.id;
    recordTerms(r, this.sink);
    this.slot++;
  }

  /** CSR by term; yields every `slice` records so the caller may pause. */
  *finish(slice = 100_000): Generator<void, LexicalIndex, void> {
    const { table, termIds, recStart, df } = this;
    const fields = this.fields;
    const slot = this.slot;
    recStart.push(termIds.n);
    const T = table.size;
    yield;
    const offsets = new Uint32Array(T + 1);
    for (let t = 0; t < T; t++) offsets[t + 1] = (offsets[t] as number) + (df[t] as number);
    yield;
    const cursor = offsets.slice(0, T);
    yield;
    const postings = new Uint32Array(termIds.n);
    yield;
    for (let s = 0; s < slot; s++) {
      const a = recStart.a[s] as number;
      const b = recStart.a[s + 1] as number;
      for (let j = a; j < b; j++) {
        const t = termIds.a[j] as number;
        postings[cursor[t] as number] = (s << 8) | (fields[j] as number);
        cursor[t] = (cursor[t] as number) + 1;
      }
      if (s % slice === slice - 1) yield;
    }
    // BM25-style length normalisation: a record whose few terms the query matches outranks a fuller
    // one it matches in part (records with fields missing; pg_trgm's set similarity does the same)
    const norm = new Float32Array(slot);
    const avg = slot ? termIds.n / slot : 1;
    for (let s = 0; s < slot; s++) norm[s] = 1 / (1 - LENGTH_NORM + (LENGTH_NORM * ((recStart.a[s + 1] as number) - (recStart.a[s] as number))) / avg);
    return LexicalIndex.fromParts(table, offsets, postings, this.idBuf.a.slice(0, this.idBuf.n), this.maxId, norm);
  }
}

/** BM25's b: how much a record's term count scales its score (0 = not at all). */
const LENGTH_NORM = 0.3;

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
    private readonly norm: Float32Array,
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
    const b = new LexicalBuilder(expected);
    for (const r of rows) b.add(r);
    const steps = b.finish();
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
    }
  }

  /** @internal */
  static fromParts(table: TermTable, offsets: Uint32Array, postings: Uint32Array, ids: Uint32Array, maxId: number, norm: Float32Array): LexicalIndex {
    return new LexicalIndex(table, offsets, postings, ids, maxId, norm);
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
    // rarest groups first, and within a group its rarest terms first: by the time a very common
    // term comes up, the records that can rank are already touched, and the term is only looked up
    // for those (binary search in its slot-sorted posting list) instead of walking all its postings
    const resolved: { t: number; a: number; b: number; qt: QueryTerm }[][] = [];
    for (const gt of byGroup.values()) {
      const rs = [];
      for (const qt of gt) {
        const t = this.table.get(qt.hash);
        if (t < 0) continue;
        rs.push({ t, a: this.offsets[t] as number, b: this.offsets[t + 1] as number, qt });
      }
      rs.sort((x, y) => x.b - x.a - (y.b - y.a));
      if (rs.length) resolved.push(rs);
    }
    resolved.sort((x, y) => x[0]!.b - x[0]!.a - (y[0]!.b - y[0]!.a));
    const post = this.postings;
    const lookupCap = Math.max(LOOKUP_MIN_DF, N * LOOKUP_DF_FRAC);
    for (const rs of resolved) {
      const group = rs[0]!.qt.group;
      const cap = groupCap[group] ?? Infinity;
      let gTouchedN = 0;
      const gTouched = this.groupTouched();
      for (const { a, b, qt } of rs) {
        const df = b - a;
        if (df > maxDfFrac * N && df > 64 && rs.length > 1) continue; // stop-gram: other terms of the part decide (tiny workspaces: every term is frequent)
        const w = qt.weight * Math.log(1 + (N - df + 0.5) / (df + 0.5));
        const fm = qt.fields;
        const known = nt + gTouchedN;
        if (df > lookupCap && known > 0 && known * 24 < df) {
          const n0 = gTouchedN;
          const look = (s: number) => {
            // lower bound of (s << 8) in post[a, b)
            const key = s * 256;
            let lo = a;
            let hi = b;
            while (lo < hi) {
              const mid = (lo + hi) >>> 1;
              if ((post[mid] as number) < key) lo = mid + 1;
              else hi = mid;
            }
            if (lo < b) {
              const p = post[lo] as number;
              if (p >>> 8 === s && (p & fm) !== 0) {
                const v = gAcc[s] as number;
                if (v === 0) gTouched[gTouchedN++] = s;
                gAcc[s] = v + w;
              }
            }
          };
          for (let i = 0; i < n0; i++) look(gTouched[i] as number);
          for (let i = 0; i < nt; i++) {
            const s = touched[i] as number;
            if ((gAcc[s] as number) === 0) look(s);
          }
          continue;
        }
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
      const v = (acc[s] as number) * (this.norm[s] as number);
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
