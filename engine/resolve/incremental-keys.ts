// What a full run stores so that an incremental run can match new records without re-reading the
// workspace: each record's blocking keys per rule and the term frequencies of the values the
// model's exact levels are adjusted by, both keyed by a 53-bit hash of the value (integers only; a
// collision adds a candidate pair or nudges one frequency, it never loses a match).
import { fmix32 } from '../util/hash.js';
import { blockingKeys, type BlockingKey } from './blocking.js';
import type { Prepared, PreparedColumn, TextColumn } from './standardise.js';

/** A 53-bit hash of a string (exact in a float64, so it is stored as an SQLite INTEGER). */
export function hash53(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return (fmix32(h2 ^ s.length) & 0x1fffff) * 4294967296 + fmix32(h1);
}

const SEP = '\u0001';

/** The keys record i has under a rule made of `keys` (several when a key is multi-valued; none when one is missing). */
export function recordRuleKeys(keys: BlockingKey[], i: number): string[] {
  let acc: string[] = [''];
  for (let k = 0; k < keys.length; k++) {
    const v = keys[k]!.of(i);
    if (v === null || v === undefined) return [];
    const vs = typeof v === 'string' ? [v] : v;
    if (vs.length === 0) return [];
    acc = acc.flatMap((prefix) => vs.map((x) => (k === 0 ? x : prefix + SEP + x)));
  }
  return acc;
}

/**
 * A stored run's rules rebuilt on a prepared table, by name (null: the table no longer offers a
 * key the rule was made of). With `allWords`, a free-text key gives every word of the text: its
 * "rarest words" are ranked within the table, and a few new records cannot rank them as the whole
 * workspace did (too-common words fall to the block-size cap instead).
 */
export function rulesByName(p: Prepared, names: string[], allWords = false): (BlockingKey[] | null)[] {
  const keys = blockingKeys(p).map((k) => {
    const col = p.columns.find((c) => c.column === k.column);
    if (!allWords || k.pairable || col?.kind !== 'text') return k;
    const tokens = (col as TextColumn).tokens;
    return { ...k, of: (i: number) => tokens[i]?.filter((w) => w.length >= 2) ?? null };
  });
  return names.map((name) => {
    const parts = name.split(' + ').map((n) => keys.find((k) => k.name === n));
    return parts.every((k) => k !== undefined) ? (parts as BlockingKey[]) : null;
  });
}

/** The value form whose term frequency adjusts a comparison's exact level (as comparisons.ts builds it). */
export function tfForm(c: PreparedColumn): (string | null)[] {
  switch (c.kind) {
    case 'name':
      return c.flat;
    case 'date':
      return c.key;
    case 'email':
    case 'phone':
      return c.norm;
    case 'text':
      return c.flat;
  }
}

/** The prepared column a comparison reads (comparisons are named after their column). */
export function columnOf(p: Prepared, comparison: string): PreparedColumn | null {
  return p.columns.find((c) => c.column === comparison) ?? null;
}
