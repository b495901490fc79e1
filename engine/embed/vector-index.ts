/**
 * In-memory kNN over one generation of stored vectors: partition cells (multi-index IVF) ->
 * sign-bit Hamming coarse scan of the visited cells -> exact cosine rescoring of the best few
 * hundred against the int8 vectors. Built from record_vectors on first use, ~300 bytes a record.
 */
import type { DB } from '../db/sqlite.js';
import { assignCell, rankCells, type Partition } from './partition.js';
import { int8Norm, popcount32, signBits } from './quantize.js';
import { loadPartition } from './store.js';

export interface VectorHit {
  id: number;
  sim: number;
}

export class VectorIndex {
  readonly words: number;
  private readonly dead: Uint8Array;
  private readonly posOfId: Int32Array;

  private constructor(
    readonly gen: number,
    readonly dims: number,
    readonly partition: Partition | null,
    readonly ids: Uint32Array,
    private readonly cellStart: Int32Array,
    private readonly vecs: Int8Array,
    private readonly bits: Uint32Array,
    private readonly invNorm: Float32Array,
  ) {
    this.words = Math.ceil(dims / 32);
    this.dead = new Uint8Array(ids.length);
    let maxId = 0;
    for (let i = 0; i < ids.length; i++) if ((ids[i] as number) > maxId) maxId = ids[i] as number;
    this.posOfId = new Int32Array(maxId + 1).fill(-1);
    for (let i = 0; i < ids.length; i++) this.posOfId[ids[i] as number] = i;
  }

  get size(): number {
    return this.ids.length;
  }

  static load(db: DB, gen: number, dims: number): VectorIndex {
    const steps = VectorIndex.loadSteps(db, gen, dims);
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
    }
  }

  /**
   * Load in pages of `page` vectors (keyset by record id, so no statement stays open across a
   * yield), then sort into partition cells; yields between pages so the caller can pause.
   * `progress` gets (vectors read, expected total).
   */
  static *loadSteps(db: DB, gen: number, dims: number, page = 2048, progress?: (done: number, total: number) => void): Generator<void, VectorIndex, void> {
    const partition = loadPartition(db, gen);
    const cells = partition ? partition.k * partition.k : 1;
    // expected size: the records' id range bounds the vectors of one generation (two index seeks;
    // count(*) would scan the whole table in one go)
    const hi = (db.prepare('SELECT max(id) FROM records').pluck().get() as number | null) ?? 0;
    const lo = (db.prepare('SELECT min(id) FROM records').pluck().get() as number | null) ?? 1;
    let cap = Math.max(1024, Math.min(1 << 25, hi - lo + 1) + 1024);
    let tIds = new Uint32Array(cap);
    let tCell = new Int32Array(cap);
    let tVecs = new Int8Array(cap * dims);
    let n = 0;
    const stmt = db.prepare('SELECT record_id, cell, vec FROM record_vectors WHERE gen = ? AND record_id > ? ORDER BY record_id LIMIT ?').raw();
    let after = -1;
    for (;;) {
      const rows = stmt.all(gen, after, page) as [number, number, Buffer][];
      for (const [id, cell, blob] of rows) {
        if (n === cap) {
          cap *= 2;
          const a = new Uint32Array(cap);
          a.set(tIds);
          tIds = a;
          const c = new Int32Array(cap);
          c.set(tCell);
          tCell = c;
          const v = new Int8Array(cap * dims);
          v.set(tVecs);
          tVecs = v;
        }
        tIds[n] = id;
        tCell[n] = partition ? Math.min(cells - 1, Math.max(0, cell)) : 0;
        tVecs.set(new Int8Array(blob.buffer, blob.byteOffset, Math.min(dims, blob.byteLength)), n * dims);
        n++;
      }
      if (rows.length < page) break;
      after = rows[rows.length - 1]![0];
      progress?.(n, Math.max(n, cap - 1024));
      yield;
    }
    return yield* VectorIndex.arrange(gen, dims, partition, tIds, tCell, tVecs, n, progress);
  }

  /**
   * An index over vectors already in memory (resolve's nearest neighbours over a file's records):
   * `vecs` is n x dims int8, row-major; each vector goes to its partition cell.
   */
  static fromVectors(ids: Uint32Array, vecs: Int8Array, dims: number, partition: Partition | null): VectorIndex {
    const n = ids.length;
    const cell = new Int32Array(n);
    if (partition) for (let i = 0; i < n; i++) cell[i] = assignCell(partition, vecs, i * dims);
    const steps = VectorIndex.arrange(0, dims, partition, ids, cell, vecs, n);
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
    }
  }

  /** Sort the first n vectors into their cells, with their sign bits and norms; yields now and then. */
  private static *arrange(gen: number, dims: number, partition: Partition | null, tIds: Uint32Array, tCell: Int32Array, tVecs: Int8Array, n: number, progress?: (done: number, total: number) => void): Generator<void, VectorIndex, void> {
    const cells = partition ? partition.k * partition.k : 1;
    const words = Math.ceil(dims / 32);
    // counting sort into cells
    const counts = new Int32Array(cells);
    for (let i = 0; i < n; i++) { const c = tCell[i] as number; counts[c] = (counts[c] as number) + 1; }
    const cellStart = new Int32Array(cells + 1);
    for (let c = 0; c < cells; c++) cellStart[c + 1] = (cellStart[c] as number) + (counts[c] as number);
    const ids = new Uint32Array(n);
    const vecs = new Int8Array(n * dims);
    const bits = new Uint32Array(n * words);
    const invNorm = new Float32Array(n);
    const cursor = cellStart.slice(0, cells);
    for (let i = 0; i < n; i++) {
      const c = tCell[i] as number;
      const pos = cursor[c] as number;
      cursor[c] = pos + 1;
      ids[pos] = tIds[i] as number;
      const row = vecs.subarray(pos * dims, (pos + 1) * dims);
      row.set(tVecs.subarray(i * dims, (i + 1) * dims));
      signBits(row, bits, pos * words);
      const nrm = int8Norm(row);
      invNorm[pos] = nrm > 0 ? 1 / nrm : 0;
      if (i % 2048 === 2047) yield;
    }
    progress?.(n, n);
    return new VectorIndex(gen, dims, partition, ids, cellStart, vecs, bits, invNorm);
  }

  remove(recordIds: readonly number[]): void {
    for (const id of recordIds) {
      const p = id < this.posOfId.length ? (this.posOfId[id] as number) : -1;
      if (p >= 0) this.dead[p] = 1;
    }
  }

  /** Exact cosine of the query with a stored record's vector, or null when it has none. */
  similarity(q: Float32Array, recordId: number): number | null {
    const p = recordId < this.posOfId.length ? (this.posOfId[recordId] as number) : -1;
    if (p < 0 || this.dead[p]) return null;
    return this.dot(q, p);
  }

  private dot(q: Float32Array, pos: number): number {
    const D = this.dims;
    const v = this.vecs;
    const base = pos * D;
    let s = 0;
    for (let i = 0; i < D; i++) s += (q[i] as number) * (v[base + i] as number);
    return s * (this.invNorm[pos] as number);
  }

  /**
   * k nearest by cosine. `budget` bounds the vectors the coarse scan visits (whole cells, best
   * cells first); `rescore` is how many coarse survivors get the exact int8 cosine.
   */
  search(q: Float32Array, k: number, budget = 20_000, rescore = Math.max(200, k * 8)): VectorHit[] {
    const n = this.ids.length;
    if (n === 0) return [];
    const W = this.words;
    const qb = new Uint32Array(W);
    signBits(q, qb, 0);
    const order = this.partition ? rankCells(this.partition, q) : Int32Array.of(0);
    // visit cells until the budget is spent
    const ranges: number[] = [];
    let visited = 0;
    for (let i = 0; i < order.length && visited < budget; i++) {
      const c = order[i] as number;
      const s = this.cellStart[c] as number;
      const e = this.cellStart[c + 1] as number;
      if (e > s) {
        ranges.push(s, e);
        visited += e - s;
      }
    }
    const pos = new Int32Array(visited);
    const ham = new Uint16Array(visited);
    const hist = new Int32Array(this.dims + 2);
    let m = 0;
    const bits = this.bits;
    for (let r = 0; r < ranges.length; r += 2) {
      const s = ranges[r] as number;
      const e = ranges[r + 1] as number;
      for (let p = s; p < e; p++) {
        if (this.dead[p]) continue;
        let h = 0;
        const o = p * W;
        for (let w = 0; w < W; w++) h += popcount32(((bits[o + w] as number) ^ (qb[w] as number)) >>> 0);
        pos[m] = p;
        ham[m] = h;
        hist[h] = (hist[h] as number) + 1;
        m++;
      }
    }
    // Hamming threshold that keeps about `rescore` candidates
    let keep = 0;
    let thr = 0;
    for (; thr <= this.dims; thr++) {
      keep += hist[thr] as number;
      if (keep >= rescore) break;
    }
    const hits: VectorHit[] = [];
    for (let i = 0; i < m; i++) {
      if ((ham[i] as number) > thr) continue;
      const p = pos[i] as number;
      hits.push({ id: this.ids[p] as number, sim: this.dot(q, p) });
    }
    hits.sort((a, b) => b.sim - a.sim);
    return hits.slice(0, k);
  }
}
