// Candidate pairs by blocking: records that agree exactly on a rule's keys are compared. Rules are
// proposed from the column roles (one per selective key, pairs of keys where one alone is too
// broad), measured before use (comparisons per rule), and their union is the candidate set. A
// block larger than the cap is left out of its rule: such a key value says little, and the other
// rules still reach its true pairs.
import { GrowList, PairSet } from './pair-set.js';
import type { Prepared } from './standardise.js';

export interface BlockingKey {
  /** Human-readable: "surname", "date_of_birth (year)". */
  name: string;
  column: string;
  /**
   * Key of record i, null when the record has none (it then takes no part in the rule). Several
   * keys (rare words of a text) put the record in several blocks.
   */
  of: (i: number) => string | readonly string[] | null;
  /**
   * A whole value (not a sound code, a year, an e-mail's user part, rare words): rules made of
   * such keys train the model (em.ts); derived keys only widen the candidates.
   */
  exact: boolean;
  /** May be combined with another key (free text is not: its words say too little). */
  pairable: boolean;
}

export interface BlockingRule {
  name: string;
  keys: BlockingKey[];
  /** Candidate comparisons this rule produces (blocks over the cap left out). */
  comparisons: number;
  /** Blocks left out for being over the cap, and the records in them. */
  capped: { blocks: number; records: number };
}

export interface Candidates {
  /** Record indices of each pair (a < b for dedupe; a in the first source, b in the second for link). */
  a: Int32Array;
  b: Int32Array;
  /** Index into rules of the first rule that proposed the pair. */
  rule: Uint8Array;
  rules: BlockingRule[];
}

export interface BlockingOptions {
  /** Most comparisons one rule may produce; default max(50,000, 10 × records). */
  budget?: number;
  /** Largest block a rule keeps; default √(2 × budget). */
  cap?: number;
  /** Most rules kept (the cheapest first); default 16. */
  maxRules?: number;
  /** Link: the first `split` records are source A, the rest source B; only A×B pairs. */
  split?: number;
}

/** The blocking keys a prepared table offers, strongest first within each column. */
export function blockingKeys(p: Prepared): BlockingKey[] {
  const keys: BlockingKey[] = [];
  const key = (c: { column: string }, suffix: string | null, of: BlockingKey['of'], exact: boolean, pairable = true) =>
    keys.push({ name: suffix ? `${c.column} (${suffix})` : c.column, column: c.column, of, exact, pairable });
  for (const c of p.columns) {
    switch (c.kind) {
      case 'name':
        key(c, null, (i) => c.flat[i]!, true);
        key(c, 'sound', (i) => c.phon[i]!, false);
        break;
      case 'date':
        // a birth date identifies; a signup or creation date says little about who
        if (!c.birth) break;
        key(c, null, (i) => c.key[i]!, true);
        key(c, 'year', (i) => (c.key[i]?.length === 8 ? c.key[i]!.slice(0, 4) : null), false);
        key(c, 'month and day', (i) => (c.key[i]?.length === 8 ? c.key[i]!.slice(4) : null), false);
        break;
      case 'email':
        key(c, null, (i) => c.canon[i]!, true);
        key(c, 'user', (i) => c.local[i]!, false);
        break;
      case 'phone':
        key(c, null, (i) => c.tail[i]!, true);
        break;
      case 'text':
        if (c.role === 'freeText') key(c, 'rare words', rareWords(c.tokens), false, false);
        else key(c, null, (i) => c.flat[i]!, true);
        break;
    }
  }
  return keys;
}

/** The three rarest words of each text (seen at least twice): texts sharing an unusual word meet. */
function rareWords(tokens: (string[] | null)[]): (i: number) => readonly string[] | null {
  const df = new Map<string, number>();
  for (const t of tokens) if (t) for (const w of new Set(t)) df.set(w, (df.get(w) ?? 0) + 1);
  const keys = tokens.map((t) => {
    if (!t) return null;
    const words = [...new Set(t)].filter((w) => w.length >= 2 && df.get(w)! >= 2).sort((x, y) => df.get(x)! - df.get(y)! || (x < y ? -1 : 1));
    return words.length ? words.slice(0, 3) : null;
  });
  return (i) => keys[i]!;
}

const SEP = '\u0001';

/** The rule's keys of record i: one string, several (multi-valued keys), or null. */
function ruleKey(keys: BlockingKey[]): (i: number) => string | readonly string[] | null {
  if (keys.length === 1) return keys[0]!.of;
  return (i) => {
    let acc: string[] = [''];
    for (let k = 0; k < keys.length; k++) {
      const v = keys[k]!.of(i);
      if (v === null) return null;
      const vs = typeof v === 'string' ? [v] : v;
      if (vs.length === 0) return null;
      acc = acc.flatMap((prefix) => vs.map((x) => (k === 0 ? x : prefix + SEP + x)));
    }
    return acc.length === 1 ? acc[0]! : acc;
  };
}

/** Do records i and j share a key of the rule? */
export function agreeOnRule(rule: BlockingRule, i: number, j: number): boolean {
  for (const k of rule.keys) {
    const x = k.of(i);
    const y = k.of(j);
    if (x === null || y === null) return false;
    if (typeof x === 'string' && typeof y === 'string') {
      if (x !== y) return false;
    } else {
      const xs = typeof x === 'string' ? [x] : x;
      const ys = typeof y === 'string' ? [y] : y;
      if (!xs.some((v) => ys.includes(v))) return false;
    }
  }
  return true;
}

/** Record indices per key value of one rule (dedupe: one map; link: one per source). */
function blocks<K extends string | number>(n: number, key: (i: number) => K | readonly K[] | null, split: number | undefined): [Map<K, number[]>, Map<K, number[]> | null] {
  const a = new Map<K, number[]>();
  const b = split === undefined ? null : new Map<K, number[]>();
  const put = (m: Map<K, number[]>, k: K, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (k === null) continue;
    const m = b && i >= split! ? b : a;
    if (typeof k === 'string' || typeof k === 'number') put(m, k as K, i);
    else for (const x of k as readonly K[]) put(m, x, i);
  }
  return [a, b];
}

/**
 * Each record's value of a single-valued key as a number (first appearance order; −1 missing), or
 * null for a key with several values per record. Built once per key: rules and their measurement
 * then hash numbers, not concatenated strings (at 1M records blocking was mostly that).
 */
const keyIdCache = new WeakMap<BlockingKey, Int32Array | null>();
function keyIds(key: BlockingKey, n: number): Int32Array | null {
  const hit = keyIdCache.get(key);
  if (hit !== undefined && (hit === null || hit.length === n)) return hit;
  let ids: Int32Array | null = new Int32Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = key.of(i);
    if (v === null) ids[i] = -1;
    else if (typeof v !== 'string') {
      ids = null;
      break;
    } else {
      let id = seen.get(v);
      if (id === undefined) seen.set(v, (id = seen.size));
      ids[i] = id;
    }
  }
  keyIdCache.set(key, ids);
  return ids;
}

/**
 * The rule's key of record i as one number (equal exactly when every key's value is equal, as the
 * joined string is), or null when a key is multi-valued or the numbers would not stay exact.
 */
function numericRuleKey(keys: BlockingKey[], n: number): ((i: number) => number | null) | null {
  const ids: Int32Array[] = [];
  for (const k of keys) {
    const x = keyIds(k, n);
    if (!x) return null;
    ids.push(x);
  }
  const D = ids.map((x) => x.reduce((m, v) => Math.max(m, v), -1) + 1);
  if (D.reduce((m, d) => m * Math.max(1, d), 1) > 2 ** 52) return null;
  return (i) => {
    let c = 0;
    for (let k = 0; k < ids.length; k++) {
      const v = ids[k]![i]!;
      if (v < 0) return null;
      c = c * D[k]! + v;
    }
    return c;
  };
}

/** Blocks of a rule by its numeric key where it has one, else by its string key. */
function ruleBlocks(n: number, keys: BlockingKey[], split: number | undefined): [Map<string | number, number[]>, Map<string | number, number[]> | null] {
  const num = numericRuleKey(keys, n);
  return num ? blocks<number>(n, num, split) : blocks<string>(n, ruleKey(keys), split);
}

function measure(n: number, keys: BlockingKey[], cap: number, split: number | undefined): { comparisons: number; capped: { blocks: number; records: number } } {
  const [a, b] = ruleBlocks(n, keys, split);
  let comparisons = 0;
  const capped = { blocks: 0, records: 0 };
  for (const [k, l] of a) {
    const size = b ? l.length + (b.get(k)?.length ?? 0) : l.length;
    if (size > cap) {
      capped.blocks++;
      capped.records += size;
      continue;
    }
    comparisons += b ? l.length * (b.get(k)?.length ?? 0) : (l.length * (l.length - 1)) / 2;
  }
  return { comparisons, capped };
}

/** A rule made of the given keys, measured as proposed rules are (the run set-up's added rules). */
export function measuredRule(p: Prepared, keys: BlockingKey[], opts: BlockingOptions = {}): BlockingRule {
  const budget = opts.budget ?? Math.max(50_000, 10 * p.n);
  const cap = opts.cap ?? Math.floor(Math.sqrt(2 * budget));
  return { name: keys.map((k) => k.name).join(' + '), keys, ...measure(p.n, keys, cap, opts.split) };
}

/**
 * Propose rules: every key whose blocks stay within budget (cheapest first), then pairs of
 * too-broad keys from different columns that do; at most `maxRules`.
 */
export function proposeRules(p: Prepared, opts: BlockingOptions = {}): BlockingRule[] {
  const budget = opts.budget ?? Math.max(50_000, 10 * p.n);
  const cap = opts.cap ?? Math.floor(Math.sqrt(2 * budget));
  const keys = blockingKeys(p);
  const rules: BlockingRule[] = [];
  const broad: BlockingKey[] = [];
  for (const k of keys) {
    const m = measure(p.n, [k], cap, opts.split);
    if (m.comparisons === 0) continue;
    if (m.comparisons <= budget && m.capped.records <= p.n / 2) rules.push({ name: k.name, keys: [k], ...m });
    else broad.push(k);
  }
  const singles = rules.sort((r, q) => r.comparisons - q.comparisons);
  const pairs: BlockingRule[] = [];
  for (let x = 0; x < broad.length; x++)
    for (let y = x + 1; y < broad.length; y++) {
      const kx = broad[x]!;
      const ky = broad[y]!;
      if (kx.column === ky.column || !kx.pairable || !ky.pairable) continue;
      const m = measure(p.n, [kx, ky], cap, opts.split);
      if (m.comparisons > 0 && m.comparisons <= budget) pairs.push({ name: `${kx.name} + ${ky.name}`, keys: [kx, ky], ...m });
    }
  pairs.sort((r, q) => r.comparisons - q.comparisons);
  // single keys first: each leaves every other comparison free to be learned
  return [...singles, ...pairs].slice(0, opts.maxRules ?? 16);
}

/** The union of the rules' candidate pairs, each pair once. */
export function candidatePairs(p: Prepared, rules: BlockingRule[], opts: BlockingOptions = {}): Candidates {
  const budget = opts.budget ?? Math.max(50_000, 10 * p.n);
  const cap = opts.cap ?? Math.floor(Math.sqrt(2 * budget));
  const n = p.n;
  const seen = new PairSet(n, rules.reduce((s, r) => s + r.comparisons, 0));
  const a = new GrowList((k) => new Int32Array(k));
  const b = new GrowList((k) => new Int32Array(k));
  const rule = new GrowList((k) => new Uint8Array(k));
  const add = (i: number, j: number, r: number) => {
    if (!seen.add(i, j)) return;
    a.push(i);
    b.push(j);
    rule.push(r);
  };
  rules.forEach((r, ri) => {
    const [ma, mb] = ruleBlocks(n, r.keys, opts.split);
    for (const [k, l] of ma) {
      if (mb) {
        const lb = mb.get(k);
        if (!lb || l.length + lb.length > cap) continue;
        for (const i of l) for (const j of lb) add(i, j, ri);
      } else {
        if (l.length > cap) continue;
        for (let x = 0; x < l.length; x++) for (let y = x + 1; y < l.length; y++) add(l[x]!, l[y]!, ri);
      }
    }
  });
  return { a: a.toArray(), b: b.toArray(), rule: rule.toArray(), rules };
}
