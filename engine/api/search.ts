// Contract of search: hybrid fuzzy queries, analyst feedback, reranker training.
import { z } from 'zod';
import { Empty, JobStarted, jobSpec, method } from './method.js';

export const SearchFieldName = z.enum(['name', 'email', 'phone', 'postcode', 'city', 'address', 'id', 'dob', 'company']);
export type SearchFieldName = z.infer<typeof SearchFieldName>;

/** Why a result matched on one field: the stored value, how similar it is, and the spans to highlight. */
export const SearchMatch = z.object({
  field: SearchFieldName,
  value: z.string(),
  /** 0..1 (1 = exact after normalisation). */
  similarity: z.number(),
  /** How it matched: exact, fuzzy (Jaro-Winkler), phonetic, prefix, partial. */
  how: z.string(),
  /** [start, end) character offsets in value of the parts that matched. */
  spans: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type SearchMatch = z.infer<typeof SearchMatch>;

export const SearchResult = z.object({
  recordId: z.number().int(),
  /** Resolved entity (golden record) id; null until identity resolution exists. */
  entityId: z.string().nullable(),
  rank: z.number().int(),
  /** Ranker score (probability-like, 0..1). */
  score: z.number(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  postcode: z.string().nullable(),
  sourceKey: z.string().nullable(),
  matched: z.array(SearchMatch),
  /** Set when the result ranks above one that matches every field shown at least as well: the
   * evidence behind the order that the field matches do not show. */
  rankReason: z.string().nullable(),
  retrieval: z.object({
    lexicalRank: z.number().int().nullable(),
    vectorRank: z.number().int().nullable(),
    vectorSimilarity: z.number().nullable(),
  }),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchWarming = z.object({ lexical: z.number(), vectors: z.number() });

export const SearchQueryInput = z
  .object({
    q: z.string().max(1000),
    limit: z.number().int().min(1).max(100).default(10),
    /** Skip the vector channel (lexical + reranker only). */
    lexicalOnly: z.boolean().default(false),
    /** How long to wait for the indexes to warm before answering from what is ready (the UI keeps
     * this short and shows `warming`; the CLI waits until warm). */
    waitMs: z.number().int().min(0).max(600_000).default(2000),
  })
  .strict();

export const SearchResponse = z.object({
  query: z.string(),
  parsed: z.object({ free: z.array(z.string()), fields: z.record(z.string(), z.string()) }),
  results: z.array(SearchResult),
  candidates: z.number().int(),
  /** 'fixed' or 'trained:<id>'. */
  ranker: z.string(),
  /** Model id of the vectors used, or null when none are indexed yet. */
  vectors: z.string().nullable(),
  /** Set while the in-memory indexes are still being built (the answer used whatever was ready):
   * fraction done of each. Absent or null once both are warm. */
  warming: SearchWarming.nullable().optional(),
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const SearchFeedbackKind = z.enum(['click', 'confirm', 'reject']);

export const SearchFeedbackInput = z
  .object({
    q: z.string().min(1).max(1000),
    recordId: z.number().int(),
    kind: SearchFeedbackKind.default('click'),
    /** Record ids shown with it, best first (unclicked ones become negatives). */
    shown: z.array(z.number().int()).max(200).default([]),
  })
  .strict();

export const SearchTrainInput = z
  .object({
    /** Deterministic keys that prove two records are one customer: email, phone, or raw.<column>. */
    keys: z.array(z.string().regex(/^(email|phone|raw\.[A-Za-z0-9_ ]{1,64})$/)).max(8).default(['email', 'phone']),
    useFeedback: z.boolean().default(true),
    /** Most key-proven pairs to sample. */
    maxPairs: z.number().int().min(10).max(100_000).default(4000),
  })
  .strict();

export const SearchStatus = z.object({
  lexical: z.object({ loaded: z.boolean(), records: z.number().int(), terms: z.number().int(), buildMs: z.number() }),
  vectors: z.object({ loaded: z.boolean(), generation: z.number().int().nullable(), count: z.number().int(), cells: z.number().int(), loadMs: z.number() }),
  ranker: z.string(),
  warming: SearchWarming.nullable().optional(),
  feedback: z.number().int(),
});

export const SearchTrained = z.object({
  /** The reranker's version in the model registry (search.status says trained:<version>). */
  rankerId: z.number().int(),
  feedbackQueries: z.number().int(),
  keyQueries: z.number().int(),
  keys: z.array(z.string()),
  pairs: z.number().int(),
  pairAccuracy: z.number(),
  groups: z.number().int(),
});
export type SearchTrained = z.infer<typeof SearchTrained>;

export const searchMethods = {
  'search.query': method({
    input: SearchQueryInput,
    output: SearchResponse,
    mutates: false,
    needsWorkspace: true,
    summary: 'Hybrid fuzzy search over customer records (lexical + vector + reranker), with why each result matched.',
  }),
  'search.feedback': method({
    input: SearchFeedbackInput,
    output: z.object({ id: z.number().int() }),
    mutates: true,
    needsWorkspace: true,
    summary: 'Record that an analyst clicked, confirmed or rejected a search result (reranker training data).',
  }),
  'search.train': method({
    input: SearchTrainInput,
    output: JobStarted,
    mutates: true,
    needsWorkspace: true,
    summary: 'Train the search reranker on analyst feedback and on record pairs deterministic keys prove (a job).',
  }),
  'search.status': method({
    input: Empty,
    output: SearchStatus,
    mutates: false,
    needsWorkspace: true,
    summary: 'Search indexes loaded in memory, the ranker in use and feedback collected.',
  }),
};

export const searchJobs = {
  'search.train': jobSpec({ start: 'search.train', request: SearchTrainInput, result: SearchTrained, summary: 'Train the search reranker.' }),
};
