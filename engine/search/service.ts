/**
 * Hybrid search over one open workspace: lexical index + vector kNN -> reciprocal rank fusion ->
 * reranker over field-level features -> results that say why they matched. The in-memory indexes
 * are built on first use and kept current: new records go to a delta segment (merged by a
 * rebuild once it is large), erased ones are tombstoned, a new vector generation is reloaded.
 *
 * Building (warming) never holds the engine thread: records and vectors are read a page at a time
 * and indexed in slices of at most SLICE_MS, with a turn of the event loop between, so every other
 * call is answered meanwhile. search.query waits a little for warming, then answers from whatever
 * is ready (lexical only, or nothing) with `warming` saying how far along each index is; the old
 * index keeps answering while a rebuild runs.
 */
import type { SearchResponse, SearchResult } from '../api/search.js';
import type { DB } from '../db/sqlite.js';
import { entityLookup } from '../records/entities.js';
import type { ChangeBus } from '../db/changes.js';
import type { JobWorkspace } from '../jobs/types.js';
import type { Embedder } from '../embed/embedder.js';
import { RECORD_COLUMNS, recordName, type RecordRow } from '../records/record.js';
import { loadEmbedder } from '../embed/registry.js';
import { activeGeneration, type Generation } from '../embed/store.js';
import { VectorIndex } from '../embed/vector-index.js';
import { resolveModel } from '../embed/workspace-models.js';
import { candidateFeatures, queryInfo, type Candidate, type Scored } from './features.js';
import { LexicalBuilder, LexicalIndex, type LexicalHit } from './lexical.js';
import { parseQuery, queryTerms, queryText, type ParsedQuery } from './query.js';
import { contribution, FIXED, loadRanker, rankerName, score, type RankerModel } from './ranker.js';
import { rankReasons } from './dominance.js';

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
  /**
   * false: answer at once from whatever index is ready (warming starts in the background);
   * a number: wait at most that many ms for warming first; default: wait until warm.
   */
  wait?: boolean | number;
}

export interface Warming {
  /** Fraction of records indexed / vectors loaded (1 when ready). */
  lexical: number;
  vectors: number;
}

export interface RankedCandidate extends Candidate {
  scored: Scored;
  score: number;
}

const RRF_K = 60;
/** Vector hits below this cosine are noise: a typo'd name against a whole record (name, address,
 * email…) still scores about 0.2, a string sharing no n-grams with anything scores under 0.1. So a
 * query that matches nothing returns nothing rather than the nearest noise. */
/** Top hits of each channel always reranked, whatever their fused rank. */
const CHANNEL_LEADERS = 15;
const MIN_VECTOR_SIM = 0.15;
const DELTA_MAX = 50_000;
/** Longest stretch of index building between turns of the event loop. */
const SLICE_MS = 15;
/** Records read from SQLite per page while building the lexical index. */
const PAGE = 256;

const TRACE = process.env.AERIE_SEARCH_TRACE === '1';
const turn = () => new Promise<void>((r) => setImmediate(r));

/** max(id) - min(id) + 1 of the records table: at least its row count, in two index seeks. */
export function recordIdSpan(db: DB): number {
  const hi = (db.prepare('SELECT max(id) FROM records').pluck().get() as number | null) ?? 0;
  const lo = (db.prepare('SELECT min(id) FROM records').pluck().get() as number | null) ?? 1;
  return Math.max(0, hi - lo + 1);
}

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
  private lexWarm: Promise<void> | null = null;
  private lexProgress = { done: 0, total: 0 };
  private vecProgress = { done: 0, total: 0 };
  private disposed = false;
  /** Why the last warm-up failed (a damaged page, say): a search rethrows it rather than answer
   * "no results" from an index that was never built. Cleared by the next warm-up that succeeds. */
  private warmError: unknown = null;
  /** Milliseconds per stage of the last rank() call (benchmarks). */
  lastTimings: Record<string, number> = {};
  private readonly rowStmt;
  private readonly entitiesOf: (recordIds: readonly number[]) => Map<number, string>;
  private changesStmt: import('../db/sqlite.js').Statement | null = null;
  private readonly off: () => void;

  constructor(
    readonly db: DB,
    changes: ChangeBus,
  ) {
    this.rowStmt = db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id IN (SELECT value FROM json_each(?))`);
    this.entitiesOf = entityLookup(db);
    this.off = changes.on((c) => {
      if (c.kind === 'tables') {
        // re-indexed, or a re-index rolled back: reload the live generation's vectors
        if (c.tables.includes('record_vectors') || c.tables.includes('embed_generations')) this.vectorsStale = true;
        // a reranker trained, or rolled back: load the live one on the next search
        if (c.tables.includes('models')) this.invalidateRanker();
        if (!c.tables.includes('records')) return;
        this.recordsDirty = true;
        // re-index in the background (in slices) so the next search finds it ready
        setImmediate(() => this.startWarm());
      } else if (c.kind === 'forget') {
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
    this.disposed = true;
    this.off();
    await this.vectors?.embedder?.dispose();
    this.vectors = null;
  }

  // ---- lexical ---------------------------------------------------------------------------

  /** Run a build generator in slices of at most SLICE_MS, yielding to the event loop between. */
  private async drive<T>(steps: Generator<void, T, void>): Promise<T> {
    let t = performance.now();
    for (;;) {
      // slices of concurrent builds (lexical + vectors) take turns: one slice per event-loop turn
      if (performance.now() - t >= SLICE_MS) {
        await this.nextSlice();
        t = performance.now();
      }
      if (this.disposed || !this.db.open) throw new Error('search index build stopped: workspace closed');
      const t1 = TRACE ? performance.now() : 0;
      const s = steps.next();
      if (TRACE && performance.now() - t1 > 30) process.stderr.write(`search warm: one step took ${Math.round(performance.now() - t1)} ms${s.done ? ' (last)' : ''}\n`);
      if (s.done) return s.value;
    }
  }

  private gate: Promise<void> = Promise.resolve();
  /** Resolves at this build's next turn: after a turn of the event loop, and after the slices of
   * other builds already waiting, so two builds never run back to back in one turn. */
  private nextSlice(): Promise<void> {
    const g = this.gate.then(turn);
    this.gate = g;
    return g;
  }

  /** Index the records with id > after, a page at a time (no statement stays open across a pause). */
  private *segmentSteps(after: number, expected: number, progress?: (done: number) => void): Generator<void, LexicalIndex, void> {
    const b = new LexicalBuilder(expected);
    const stmt = this.db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id > ? ORDER BY id LIMIT ?`);
    let last = after;
    for (;;) {
      const rows = stmt.all(last, PAGE) as RecordRow[];
      for (const r of rows) b.add(r);
      progress?.(b.count);
      if (rows.length < PAGE) break;
      last = rows[rows.length - 1]!.id;
      yield;
    }
    return yield* b.finish(20_000);
  }

  private async buildMain(): Promise<void> {
    const t0 = performance.now();
    // an upper bound from the id range (count(*) scans the whole table, ~100 ms at 1M, in one go)
    const n = recordIdSpan(this.db);
    this.recordsDirty = false;
    // erasures seen while building are applied to the new index when it is done
    this.removed = new Set();
    this.lexProgress = { done: 0, total: n };
    const main = await this.drive(this.segmentSteps(0, Math.min(1 << 24, Math.max(1024, n + 64)), (d) => (this.lexProgress.done = d)));
    if (this.removed.size) main.remove(this.removed);
    this.main = main;
    this.delta = null;
    this.indexedMax = main.maxId;
    this.lexBuildMs = performance.now() - t0;
    this.lexProgress = { done: main.size, total: main.size };
  }

  /** Bring the lexical index up to date with the records table (builds in slices; never blocks). */
  private async refreshLexical(): Promise<void> {
    const changes = (this.changesStmt ??= this.db.prepare('SELECT total_changes()').pluck()).get() as number;
    if (this.main && changes === this.lastChanges && !this.recordsDirty) return;
    this.lastChanges = changes;
    if (!this.main) return this.buildMain();
    const max = (this.db.prepare('SELECT max(id) FROM records').pluck().get() as number | null) ?? 0;
    if (max < this.indexedMax) return this.buildMain();
    if (this.recordsDirty) {
      // deletions below the watermark (a rolled-back import) mean a rebuild
      const below = this.db.prepare('SELECT count(*) FROM records WHERE id <= ?').pluck().get(this.indexedMax) as number;
      const indexed = this.main.size + (this.delta?.size ?? 0) - this.removed.size;
      this.recordsDirty = false;
      if (below !== indexed) return this.buildMain();
    }
    if (max > this.indexedMax) {
      const deltaLow = this.delta ? this.main.maxId : this.indexedMax;
      const count = this.db.prepare('SELECT count(*) FROM records WHERE id > ?').pluck().get(deltaLow) as number;
      if (count > DELTA_MAX) return this.buildMain();
      const delta = await this.drive(this.segmentSteps(deltaLow, count + 64));
      if (this.removed.size) delta.remove(this.removed);
      this.delta = delta;
      this.indexedMax = Math.max(max, delta.maxId);
    }
  }

  /** Start (or join) bringing the lexical index up to date. */
  warmLexical(): Promise<void> {
    if (this.lexWarm) return this.lexWarm;
    const p = this.refreshLexical().finally(() => {
      if (this.lexWarm === p) this.lexWarm = null;
    });
    this.lexWarm = p;
    return p;
  }

  /** Start warming both indexes in the background (workspace opened, records imported). */
  startWarm(): void {
    if (this.disposed) return;
    this.warm().catch(() => undefined); // kept in warmError for the next search
  }

  /** Resolves when both in-memory indexes are current. */
  async warm(vectors = true): Promise<void> {
    try {
      const lex = this.warmLexical();
      if (vectors && (this.vectorsStale || this.vectorLoad)) await Promise.all([lex, this.ensureVectors()]);
      else await lex;
      this.warmError = null;
    } catch (e) {
      if (!this.disposed && this.db.open) this.warmError = e;
      throw e;
    }
  }

  /** null when both indexes are ready; otherwise how far along each is. */
  warming(): Warming | null {
    const lexReady = this.main !== null;
    const vecReady = this.vectorLoad === null || this.vectors !== null;
    if (lexReady && vecReady) return null;
    const frac = (p: { done: number; total: number }) => (p.total > 0 ? Math.min(1, p.done / p.total) : 0);
    return { lexical: lexReady ? 1 : frac(this.lexProgress), vectors: vecReady ? 1 : frac(this.vecProgress) };
  }

  private lexicalSearch(p: ParsedQuery, k: number): LexicalHit[] {
    const { terms, groupCap } = queryTerms(p);
    if (terms.length === 0 || !this.main) return [];
    const N = this.main.size + (this.delta?.size ?? 0);
    const hits = this.main.search(terms, k, N, groupCap);
    if (this.delta) hits.push(...this.delta.search(terms, k, N, groupCap));
    return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  }

  // ---- vectors ---------------------------------------------------------------------------

  private async ensureVectors(): Promise<void> {
    if (this.vectorLoad) return this.vectorLoad;
    if (!this.vectorsStale) return;
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
        try {
          // shipped or imported into the workspace (then written to the private model cache first)
          const entry = await resolveModel(this.db, gen.model_name);
          if (entry) {
            const e = await loadEmbedder(entry, { parallel: 1 });
            if (e.modelId === gen.model_id) embedder = e;
            else await e.dispose();
          }
        } catch {
          embedder = null;
        }
      }
      this.vecProgress = { done: 0, total: 0 };
      const index = await this.drive(VectorIndex.loadSteps(this.db, gen.id, gen.dims, 1024, (done, total) => (this.vecProgress = { done, total })));
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
    // queue the query embedding first: onnxruntime-node runs it on this thread in a setImmediate,
    // so it executes right after the lexical search yields (about 0.06 ms for the built-in model)
    let embedding: Promise<Float32Array> | null = null;
    let v: typeof this.vectors = null;
    if (opts.wait === false) this.startWarm();
    else await this.warm(!opts.lexicalOnly);
    if (!opts.lexicalOnly) {
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
    // The reranker sees the fused top plus each channel's own leaders: a record one channel ranks
    // first but the other misses must not lose its place to the many records both rank middling.
    const top = [...fused.entries()].sort((a, b) => b[1].rrf - a[1].rrf || a[0] - b[0]).slice(0, fusedK);
    const inTop = new Set(top.map(([id]) => id));
    for (const h of [...lex.slice(0, CHANNEL_LEADERS), ...vec.slice(0, CHANNEL_LEADERS)]) {
      if (inTop.has(h.id) || opts.exclude?.has(h.id)) continue;
      inTop.add(h.id);
      top.push([h.id, fused.get(h.id)!]);
    }
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
    if (typeof opts.wait === 'number') {
      // wait a little for warming (small workspaces are ready by then), then answer from what is ready
      let timer: NodeJS.Timeout | undefined;
      let failed: { e: unknown } | null = null;
      await Promise.race([this.warm(!opts.lexicalOnly).catch((e: unknown) => (failed = { e })), new Promise((r) => (timer = setTimeout(r, opts.wait as number)))]);
      clearTimeout(timer);
      if (failed) throw (failed as { e: unknown }).e;
      opts = { ...opts, wait: false };
    }
    // An index that failed to build is an error to report, never an empty workspace: try once
    // more (the failure may have passed), and throw if it fails again.
    if (this.warmError) await this.warm(!opts.lexicalOnly);
    if (!this.main) {
      this.startWarm();
      const parsed = parseQuery(q);
      return {
        query: q,
        parsed: { free: parsed.free, fields: parsed.fields as Record<string, string> },
        results: [],
        candidates: 0,
        ranker: rankerName(this.ranker ?? (this.ranker = loadRanker(this.db))),
        vectors: null,
        warming: this.warming(),
        tookMs: Math.round((performance.now() - t0) * 100) / 100,
      };
    }
    const { parsed, ranked, vectors, ranker } = await this.rank(q, { ...opts, explain: false });
    const info = queryInfo(parsed);
    const maxLex = Math.max(0, ...ranked.map((r) => r.lexScore));
    const shown = ranked.slice(0, opts.limit);
    const entities = this.entitiesOf(shown.map((c) => c.row.id));
    const explained = shown.map((c) => candidateFeatures(info, c, maxLex, Math.max(this.indexedMax, 1), true));
    const reasons = rankReasons(
      explained.map((e) => e.matched),
      shown.map((c) => recordName(c.row)),
      ranker.features,
      (i, k) => contribution(ranker, shown[i]!.scored.x, k),
    );
    const results: SearchResult[] = shown.map((c, i) => {
      const { matched } = explained[i]!;
      const r = c.row;
      return {
        recordId: r.id,
        entityId: entities.get(r.id) ?? null,
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
        rankReason: reasons[i] ?? null,
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
      warming: this.warming(),
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
      warming: this.warming(),
    };
  }
}

/** The search service of an open workspace: one per session, kept in its caches (disposed on lock,
 * close and re-key) and told what changed through its change bus. */
export function searchService(db: DB, ws: JobWorkspace): SearchService {
  return ws.caches.get('search', () => new SearchService(db, ws.changes));
}

export { FIXED };
