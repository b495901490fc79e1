/**
 * Hybrid search over one open workspace: lexical index + vector kNN -> reciprocal rank fusion ->
 * reranker over field-level features -> results that say why they matched. The in-memory indexes
 * are built on first use and kept current: new records go to a delta segment (merged by a
 * rebuild once it is large), erased ones are tombstoned, a new vector generation is reloaded.
 */
import type { SearchResponse, SearchResult } from '../api/search-schemas.js';
import type { DB } from '../db/sqlite.js';
import { onWorkspaceChange } from '../embed/changes.js';
import type { Embedder } from '../embed/embedder.js';
import { modelsDir } from '../embed/models-dir.js';
import { RECORD_COLUMNS, recordName, type RecordRow } from '../embed/record-text.js';
import { listModels, loadEmbedder } from '../embed/registry.js';
import { activeGeneration, type Generation } from '../embed/store.js';
import { VectorIndex } from '../embed/vector-index.js';
import { candidateFeatures, queryInfo, type Candidate, type Scored } from './features.js';
import { LexicalIndex, type LexicalHit } from './lexical.js';
import { parseQuery, queryTerms, queryText, type ParsedQuery } from './query.js';
import { FIXED, loadRanker, rankerName, score, type RankerModel } from './ranker.js';

export interface SearchOptions {
  limit: number;
  lexicalOnly?: boolean;
  /** Candidates kept from each channel and after fusion. */
  lexicalK?: number;
  vectorK?: number;
  fused?: number;
  /** Use this ranker instead of the workspace's (training, benchmarks). */
  ranker?: RankerModel;
  /** Leave these records out (training: the record a query was made from). */
  exclude?: ReadonlySet<number>;
  explain?: boolean;
}

export interface RankedCandidate extends Candidate {
  scored: Scored;
  score: number;
}

const RRF_K = 60;
/** Vector hits below this cosine are noise for the character n-gram model (unrelated strings score
 * about 0.1–0.3), so a query that matches nothing returns nothing rather than the nearest noise. */
const MIN_VECTOR_SIM = 0.35;
const DELTA_MAX = 50_000;

export class SearchService {
  private main: LexicalIndex | null = null;
  private delta: LexicalIndex | null = null;
  private indexedMax = 0;
  private lexBuildMs = 0;
  private recordsDirty = false;
  private lastChanges = -1;
  private removed = new Set<number>();
  private vectors: { gen: Generation; index: VectorIndex; embedder: Embedder | null; loadMs: number } | null = null;
  private vectorsStale = true;
  private vectorLoad: Promise<void> | null = null;
  private ranker: RankerModel | null = null;
  /** Milliseconds per stage of the last rank() call (benchmarks). */
  lastTimings: Record<string, number> = {};
  private readonly rowStmt;
  private changesStmt: import('../db/sqlite.js').Statement | null = null;
  private readonly off: () => void;

  constructor(readonly db: DB) {
    this.rowStmt = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id IN (SELECT value FROM json_each(?))`);
    this.off = onWorkspaceChange(db, (c) => {
      if (c.kind === 'vectors') this.vectorsStale = true;
      else if (c.kind === 'records') this.recordsDirty = true;
      else if (c.kind === 'forget') {
        for (const id of c.recordIds) this.removed.add(id);
        const ids = new Set(c.recordIds);
        this.main?.remove(ids);
        this.delta?.remove(ids);
        this.vectors?.index.remove(c.recordIds);
      }
    });
  }

  /** Records table changed outside this service's knowledge (import, rollback). */
  markRecordsChanged(): void {
    this.recordsDirty = true;
  }

  invalidateRanker(): void {
    this.ranker = null;
  }

  async dispose(): Promise<void> {
    this.off();
    await this.vectors?.embedder?.dispose();
    this.vectors = null;
  }

  // ---- lexical ---------------------------------------------------------------------------

  private buildMain(): void {
    const t0 = performance.now();
    const n = this.db.prepare('SELECT count(*) FROM records').pluck().get() as number;
    const rows = this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM records ORDER BY id`).iterate() as Iterable<RecordRow>;
    this.main = LexicalIndex.build(rows, Math.max(1024, n));
    this.delta = null;
    this.indexedMax = this.main.maxId;
    this.removed = new Set();
    this.lexBuildMs = performance.now() - t0;
    this.recordsDirty = false;
  }

  /** Bring the lexical index up to date with the records table. */
  ensureLexical(): void {
    const changes = (this.changesStmt ??= this.db.prepare('SELECT total_changes()').pluck()).get() as number;
    if (this.main && changes === this.lastChanges && !this.recordsDirty) return;
    this.lastChanges = changes;
    if (!this.main) {
      this.buildMain();
      return;
    }
    const max = (this.db.prepare('SELECT max(id) FROM records').pluck().get() as number | null) ?? 0;
    if (max < this.indexedMax) {
      this.buildMain();
      return;
    }
    if (this.recordsDirty) {
      // deletions below the watermark (a rolled-back import) mean a rebuild
      const below = this.db.prepare('SELECT count(*) FROM records WHERE id <= ?').pluck().get(this.indexedMax) as number;
      const indexed = this.main.size + (this.delta?.size ?? 0) - this.removed.size;
      this.recordsDirty = false;
      if (below !== indexed) {
        this.buildMain();
        return;
      }
    }
    if (max > this.indexedMax) {
      const deltaLow = this.delta ? this.main.maxId : this.indexedMax;
      const count = this.db.prepare('SELECT count(*) FROM records WHERE id > ?').pluck().get(deltaLow) as number;
      if (count > DELTA_MAX) {
        this.buildMain();
        return;
      }
      const rows = this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id > ? ORDER BY id`).all(deltaLow) as RecordRow[];
      this.delta = LexicalIndex.build(rows, rows.length + 16);
      if (this.removed.size) this.delta.remove(this.removed);
      this.indexedMax = max;
    }
  }

  private lexicalSearch(p: ParsedQuery, k: number): LexicalHit[] {
    this.ensureLexical();
    const { terms, groupCap } = queryTerms(p);
    if (terms.length === 0 || !this.main) return [];
    const N = this.main.size + (this.delta?.size ?? 0);
    const hits = this.main.search(terms, k, N, groupCap);
    if (this.delta) hits.push(...this.delta.search(terms, k, N, groupCap));
    return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  }

  // ---- vectors ---------------------------------------------------------------------------

  private async ensureVectors(): Promise<void> {
    if (!this.vectorsStale) return;
    if (this.vectorLoad) return this.vectorLoad;
    this.vectorLoad = (async () => {
      this.vectorsStale = false;
      const gen = activeGeneration(this.db);
      if (!gen) {
        await this.vectors?.embedder?.dispose();
        this.vectors = null;
        return;
      }
      const t0 = performance.now();
      let embedder = this.vectors && this.vectors.gen.model_id === gen.model_id ? this.vectors.embedder : null;
      if (!embedder) {
        await this.vectors?.embedder?.dispose();
        const { models } = await listModels(modelsDir());
        const entry = models.find((m) => m.id === gen.model_name);
        if (entry) {
          try {
            const e = await loadEmbedder(entry, { parallel: 1 });
            if (e.modelId === gen.model_id) embedder = e;
            else await e.dispose();
          } catch {
            embedder = null;
          }
        }
      }
      const index = VectorIndex.load(this.db, gen.id, gen.dims);
      if (this.removed.size) index.remove([...this.removed]);
      this.vectors = { gen, index, embedder, loadMs: performance.now() - t0 };
    })().finally(() => {
      this.vectorLoad = null;
    });
    return this.vectorLoad;
  }

  // ---- query -----------------------------------------------------------------------------

  private fetchRows(ids: number[]): Map<number, RecordRow> {
    const m = new Map<number, RecordRow>();
    if (ids.length === 0) return m;
    for (const r of this.rowStmt.all(JSON.stringify(ids)) as RecordRow[]) m.set(r.id, r);
    return m;
  }

  /** Retrieve, fuse and rank; returns every fused candidate ranked (training uses them all). */
  async rank(q: string | ParsedQuery, opts: SearchOptions): Promise<{ parsed: ParsedQuery; ranked: RankedCandidate[]; vectors: string | null; ranker: RankerModel }> {
    const T0 = performance.now();
    const p = typeof q === 'string' ? parseQuery(q) : q;
    const lexK = opts.lexicalK ?? 100;
    const vecK = opts.vectorK ?? 50;
    const fusedK = opts.fused ?? 40;
    // start the query embedding first: onnxruntime runs it on its own thread while the lexical
    // channel searches on this one
    let embedding: Promise<Float32Array> | null = null;
    let v: typeof this.vectors = null;
    if (!opts.lexicalOnly) {
      if (this.vectorsStale) await this.ensureVectors();
      v = this.vectors;
      const text = queryText(p);
      if (v && v.embedder && text) embedding = v.embedder.embedFlat([text]);
    }
    const lex = this.lexicalSearch(p, lexK);
    const T1 = performance.now();
    let vec: { id: number; sim: number }[] = [];
    let qv: Float32Array | null = null;
    let vectorsModel: string | null = null;
    let T2 = T1;
    if (v && embedding) {
      qv = (await embedding).slice(0, v.gen.dims);
      T2 = performance.now();
      const n = v.index.size;
      const budget = Math.min(n, Math.max(4000, Math.round(n / 50)));
      vec = v.index.search(qv, vecK, budget, Math.max(100, vecK * 2)).filter((h) => h.sim >= MIN_VECTOR_SIM);
      vectorsModel = v.gen.model_id;
    }
    const T3 = performance.now();
    // reciprocal rank fusion
    const fused = new Map<number, Candidate>();
    const get = (id: number): Candidate => {
      let c = fused.get(id);
      if (!c) fused.set(id, (c = { row: null as unknown as RecordRow, lexRank: null, lexScore: 0, vecRank: null, vecSim: null, rrf: 0 }));
      return c;
    };
    lex.forEach((h, i) => {
      if (opts.exclude?.has(h.id)) return;
      const c = get(h.id);
      c.lexRank = i + 1;
      c.lexScore = h.score;
      c.rrf += 1 / (RRF_K + i + 1);
    });
    vec.forEach((h, i) => {
      if (opts.exclude?.has(h.id)) return;
      const c = get(h.id);
      c.vecRank = i + 1;
      c.vecSim = h.sim;
      c.rrf += 1 / (RRF_K + i + 1);
    });
    const top = [...fused.entries()].sort((a, b) => b[1].rrf - a[1].rrf || a[0] - b[0]).slice(0, fusedK);
    const rows = this.fetchRows(top.map(([id]) => id));
    const T4 = performance.now();
    const maxLex = lex[0]?.score ?? 0;
    const maxId = Math.max(this.indexedMax, 1);
    const ranker = opts.ranker ?? (this.ranker ??= loadRanker(this.db));
    const ranked: RankedCandidate[] = [];
    const info = queryInfo(p);
    for (const [id, c] of top) {
      const row = rows.get(id);
      if (!row) continue; // deleted since indexing
      c.row = row;
      if (c.vecSim === null && qv && this.vectors) c.vecSim = this.vectors.index.similarity(qv, id);
      const scored = candidateFeatures(info, c, maxLex, maxId, opts.explain ?? false);
      ranked.push({ ...c, scored, score: score(ranker, scored.x) });
    }
    ranked.sort((a, b) => b.score - a.score || (b.rrf - a.rrf) || a.row.id - b.row.id);
    this.lastTimings = { lexical: T1 - T0, embed: T2 - T1, vector: T3 - T2, rows: T4 - T3, rerank: performance.now() - T4 };
    return { parsed: p, ranked, vectors: vectorsModel, ranker };
  }

  async search(q: string, opts: SearchOptions): Promise<SearchResponse> {
    const t0 = performance.now();
    const { parsed, ranked, vectors, ranker } = await this.rank(q, { ...opts, explain: false });
    const info = queryInfo(parsed);
    const maxLex = Math.max(0, ...ranked.map((r) => r.lexScore));
    const results: SearchResult[] = ranked.slice(0, opts.limit).map((c, i) => {
      const { matched } = candidateFeatures(info, c, maxLex, Math.max(this.indexedMax, 1), true);
      const r = c.row;
      return {
        recordId: r.id,
        entityId: null,
        rank: i + 1,
        score: Math.round(c.score * 10000) / 10000,
        name: recordName(r),
        email: r.email,
        phone: r.phone,
        address: r.address_line,
        city: r.city,
        postcode: r.postcode,
        sourceKey: r.source_key,
        matched,
        retrieval: { lexicalRank: c.lexRank, vectorRank: c.vecRank, vectorSimilarity: c.vecSim === null ? null : Math.round(c.vecSim * 1000) / 1000 },
      };
    });
    return {
      query: q,
      parsed: { free: parsed.free, fields: parsed.fields as Record<string, string> },
      results,
      candidates: ranked.length,
      ranker: rankerName(ranker),
      vectors,
      tookMs: Math.round((performance.now() - t0) * 100) / 100,
    };
  }

  status() {
    return {
      lexical: { loaded: this.main !== null, records: (this.main?.size ?? 0) + (this.delta?.size ?? 0), terms: (this.main?.terms ?? 0) + (this.delta?.terms ?? 0), buildMs: Math.round(this.lexBuildMs) },
      vectors: {
        loaded: this.vectors !== null,
        generation: this.vectors?.gen.id ?? null,
        count: this.vectors?.index.size ?? 0,
        cells: this.vectors?.index.partition ? this.vectors.index.partition.k ** 2 : this.vectors ? 1 : 0,
        loadMs: Math.round(this.vectors?.loadMs ?? 0),
      },
      ranker: rankerName(this.ranker ?? loadRanker(this.db)),
    };
  }
}

const services = new WeakMap<DB, SearchService>();

/** The search service of an open workspace (one per database handle). */
export function searchService(db: DB): SearchService {
  let s = services.get(db);
  if (!s) services.set(db, (s = new SearchService(db)));
  return s;
}

export { FIXED };
