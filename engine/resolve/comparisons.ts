// Fellegi–Sunter comparisons: for each attribute, ordered agreement levels from "exact" down to
// "else" (disagreement). A pair gets the first level it satisfies; a value missing on either side
// gives level -1, which is no evidence either way. The level sets are the same for every file;
// only their m/u probabilities are learned (em.ts).
import { jaroWinkler, levenshtein, withinOneEdit } from '../standardize/similarity.js';
import type { DateColumn, EmailColumn, Interned, NameColumn, PhoneColumn, Prepared, TextColumn } from './standardise.js';

export interface Comparison {
  name: string;
  columns: string[];
  /** Level labels, strongest first; the last is disagreement. */
  levels: string[];
  /** The level whose weight is adjusted by the term frequency of the agreed value (-1: none). */
  tfLevel: number;
  /** Level of the pair (records i, j), -1 when either value is missing. */
  level(i: number, j: number): number;
  /** Share of records holding the value i and j agree on (for a pair at tfLevel). */
  tf(i: number, j: number): number;
  /**
   * Mean share of the value two records agree on when they agree by chance (Σ share²): the term
   * frequency adjustment is log2(tfMean / tf), so it is zero on average and the learned weight of
   * the exact level keeps the comparison's overall strength.
   */
  tfMean: number;
}

type Str = (string | null)[];

/** Frequencies of a value form: share(v) = count / values present, and Σ share². */
function freqOf(...cols: Str[]): ((v: string | null) => number) & { mean: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of cols)
    for (const v of c) {
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      total++;
    }
  let mean = 0;
  for (const k of counts.values()) mean += (k / total) * (k / total);
  const share = (v: string | null) => (v === null || total === 0 ? 1 : (counts.get(v) ?? 1) / total);
  return Object.assign(share, { mean: total === 0 ? 1 : mean });
}

/** A comparison of one column: its levels, how a pair's level is found, and the value form whose term frequency adjusts the exact level. */
function single(column: string, levels: string[], tfForm: Str, level: (i: number, j: number) => number): Comparison {
  const tf = freqOf(tfForm);
  return { name: column, columns: [column], levels, tfLevel: 0, level, tf: (i) => tf(tfForm[i]!), tfMean: tf.mean };
}

const nearTypo = withinOneEdit;

function tokenOverlap(a: string, b: string): boolean {
  if (a.indexOf(' ') < 0 && b.indexOf(' ') < 0) return false;
  const tb = b.split(' ');
  return a.split(' ').some((t) => t.length > 1 && tb.includes(t));
}

/** Jaccard similarity of two sorted, duplicate-free word lists. */
function jaccard(a: string[], b: string[]): number {
  let inter = 0;
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    if (a[x] === b[y]) {
      inter++;
      x++;
      y++;
    } else if (a[x]! < b[y]!) x++;
    else y++;
  }
  return inter / (a.length + b.length - inter);
}

/** Most slots of a memo (a power of two; 2 per record up to it): 2^19 × 16 bytes = 8 MB. */
const MEMO_SLOTS = 1 << 19;
/** Memoise only columns with few distinct values (≤ 1 in 5 records): there pairs of values repeat, elsewhere a cache only costs. */
const worthMemo = (v: Interned) => v.distinct * 5 <= v.id.length;

/**
 * A level that depends only on the two values (of i in column `a`, of j in column `b`), memoised
 * per pair of interned values: values repeat ("smith" meets "smyth" thousands of times). Within one
 * column it is symmetric and equal values are level 0. Missing is -1. `raw` receives a
 * representative record of each value. The memo is direct-mapped on typed arrays (a slot keeps the
 * last value pair hashed to it): a Map keyed by x·W + y costs more than most levels once keys pass
 * 2^31, and had to be cleared whole when full.
 */
function memoAcross(a: Interned, b: Interned, raw: (i: number, j: number) => number): (i: number, j: number) => number {
  const same = a === b;
  const on = worthMemo(a) && worthMemo(b);
  let slots = 1024;
  while (slots < MEMO_SLOTS && slots < 2 * a.id.length) slots *= 2;
  const mask = slots - 1;
  const kx = on ? new Int32Array(slots).fill(-1) : null;
  const ky = on ? new Int32Array(slots) : null;
  const lv = on ? new Float64Array(slots) : null; // levels, and Jaro-Winkler distances (swapDetector)
  return (i, j) => {
    let x = a.id[i]!;
    let y = b.id[j]!;
    if (x < 0 || y < 0) return -1;
    if (same && x === y) return 0;
    if (!kx) return raw(i, j);
    if (same && x > y) [x, y] = [y, x];
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    const s = Math.imul(h, 0x2c1b3c6d) & mask;
    if (kx[s] === x && ky![s] === y) return lv![s]!;
    const l = raw(a.rep[x]!, b.rep[y]!);
    kx[s] = x;
    ky![s] = y;
    lv![s] = l;
    return l;
  };
}

const memoised = (v: Interned, raw: (i: number, j: number) => number) => memoAcross(v, v, raw);

// --- person names ---------------------------------------------------------------------------

/**
 * Given names and surnames written the other way round ("Mason, Madeline" / "Madeline Mason", or a
 * given name typed into the surname field): compare crosswise when that agrees clearly better.
 * With all four names present both must agree crosswise (a household's "Jones Amelia" and
 * "Oliver Jones" share one name only). Symmetric in i and j.
 */
function swapDetector(g: NameColumn, s: NameColumn): (i: number, j: number) => boolean {
  // Jaro-Winkler of x's value of i and y's value of j, memoised as a distance (equal = 0); missing = 0
  const sim = (x: NameColumn, y: NameColumn) => {
    const d = memoAcross(x.values, y.values, (i, j) => 1 - jaroWinkler(x.flat[i]!, y.flat[j]!));
    return (i: number, j: number) => {
      const v = d(i, j);
      return v < 0 ? 0 : 1 - v;
    };
  };
  const gg = sim(g, g);
  const ss = sim(s, s);
  const gs = sim(g, s);
  return (i, j) => {
    if (g.values.id[i] === g.values.id[j] && s.values.id[i] === s.values.id[j]) return false;
    const c1 = gs(i, j);
    const c2 = gs(j, i);
    if (c1 < 0.85 && c2 < 0.85) return false;
    if (g.values.id[i]! >= 0 && s.values.id[i]! >= 0 && g.values.id[j]! >= 0 && s.values.id[j]! >= 0 && Math.min(c1, c2) < 0.8) return false;
    return c1 + c2 > gg(i, j) + ss(i, j) + 0.3;
  };
}

const GIVEN_LEVELS = ['exact', 'nickname', 'jaro-winkler ≥ 0.92 or one typo', 'jaro-winkler ≥ 0.85 or same sound', 'initial or shared part', 'else'];
const SURNAME_LEVELS = ['exact', 'jaro-winkler ≥ 0.92 or one typo', 'jaro-winkler ≥ 0.85 or same sound', 'shared part', 'else'];
/** The weakest levels at which two names are still the same name as written by a person (nickname, one typo). */
export const SAME_NAME_LEVEL = { givenName: 2, surname: 1 } as const;

function nameLevel(given: boolean, na: string, nb: string, fa: string, fb: string, pa: string | null, pb: string | null, ka: readonly number[] | null, kb: readonly number[] | null): number {
  if (fa === fb) return 0;
  let l = 0;
  if (given) {
    l++;
    if (ka && kb && ka.some((x) => kb.includes(x))) return l;
  }
  const jw = jaroWinkler(fa, fb);
  if (jw >= 0.92 || (fa.length >= 3 && fb.length >= 3 && nearTypo(fa, fb))) return l + 1;
  if (jw >= 0.85 || (pa !== null && pa === pb)) return l + 2;
  if (tokenOverlap(na, nb)) return l + 3;
  if (given && (na.length === 1 || nb.length === 1) && na[0] === nb[0]) return l + 3;
  return l + 4;
}

function nameRaw(c: NameColumn, o: NameColumn, given: boolean): (i: number, j: number) => number {
  return (i, j) => nameLevel(given, c.norm[i]!, o.norm[j]!, c.flat[i]!, o.flat[j]!, c.phon[i]!, o.phon[j]!, c.nick[i]!, o.nick[j]!);
}

/** Given-name and surname comparisons that see through swapped given/family names. */
function personNames(g: NameColumn | undefined, s: NameColumn | undefined): Comparison[] {
  const detect = g && s ? swapDetector(g, s) : null;
  // both comparisons ask about the same pair in turn (levels are computed pair by pair): decide once
  let lastI = -1;
  let lastJ = -1;
  let last = false;
  const isSwapped = (i: number, j: number): boolean => {
    if (!detect) return false;
    if (i !== lastI || j !== lastJ) {
      lastI = i;
      lastJ = j;
      last = detect(i, j);
    }
    return last;
  };
  const side = (c: NameColumn, other: NameColumn | undefined, given: boolean): Comparison => {
    const straight = memoised(c.values, nameRaw(c, c, given));
    // j's value to hold against i's comes from j's other name field when the pair is swapped
    const across = other ? memoAcross(c.values, other.values, (i, j) => (c.flat[i] === other.flat[j] ? 0 : nameRaw(c, other, given)(i, j))) : null;
    return single(c.column, given ? GIVEN_LEVELS : SURNAME_LEVELS, c.flat, (i, j) => (across && isSwapped(i, j) ? across(i, j) : straight(i, j)));
  };
  const out: Comparison[] = [];
  if (g) out.push(side(g, s, true));
  if (s) out.push(side(s, g, false));
  return out;
}

function otherName(c: NameColumn): Comparison {
  const given = c.role === 'givenName';
  return single(c.column, given ? GIVEN_LEVELS : SURNAME_LEVELS, c.flat, memoised(c.values, nameRaw(c, c, given)));
}

// --- other attributes -----------------------------------------------------------------------

function dateComparison(c: DateColumn): Comparison {
  return single(
    c.column,
    ['exact', 'one typo or day/month swapped', 'within a month', 'within a year', 'else'],
    c.key,
    memoised(c.values, (i, j) => {
      const a = c.key[i]!;
      const b = c.key[j]!;
      if (nearTypo(a, b)) return 1;
      if (a.length === 8 && b.length === 8 && a.slice(0, 4) === b.slice(0, 4) && a.slice(4, 6) === b.slice(6, 8) && a.slice(6, 8) === b.slice(4, 6)) return 1;
      const d = Math.abs(c.days[i]! - c.days[j]!);
      return d <= 31 ? 2 : d <= 366 ? 3 : 4;
    }),
  );
}

/**
 * Is the user part of record i's address spelled from the record's own names ("victoria.hughes",
 * "jlopez", "hughes.v")? Split into whole name words and initials, in any order.
 */
export function nameLikeUser(local: string, names: string[]): boolean {
  const l = local.replace(/[^a-z]/g, '');
  if (l.length < 3 || names.length === 0) return false;
  const words = names.filter((w) => w.length >= 2);
  // pieces: whole name words, or one letter that starts a name word; at least one whole word
  const go = (at: number, whole: number): boolean => {
    if (at === l.length) return whole > 0;
    for (const w of words) if (l.startsWith(w, at) && go(at + w.length, whole + 1)) return true;
    return words.some((w) => w[0] === l[at]) && go(at + 1, whole);
  };
  return go(0, 0);
}

/**
 * E-mail: exact, exact but for dots and +tags, the same user at another domain, similar. When both
 * user parts merely spell the records' names, "same user elsewhere" and "similar" say nothing the
 * names do not already say (two John Smiths are both john.smith somewhere): no evidence then.
 */
function emailComparison(c: EmailColumn, names: NameColumn[]): Comparison {
  const nameLike = new Uint8Array(c.norm.length);
  if (names.length > 0) {
    for (let i = 0; i < nameLike.length; i++) {
      const local = c.local[i];
      if (!local) continue;
      const words = names.flatMap((n) => (n.norm[i] ? n.norm[i]!.split(' ') : []));
      nameLike[i] = nameLikeUser(local, words) ? 1 : 0;
    }
  }
  const byValue = memoised(c.values, (i, j) => {
    if (c.canon[i] === c.canon[j]) return 1;
    if (c.local[i] !== null && c.local[i] === c.local[j] && c.local[i]!.length >= 3) return 2;
    return jaroWinkler(c.norm[i]!, c.norm[j]!) >= 0.88 ? 3 : 4;
  });
  return single(c.column, ['exact', 'same without dots and +tags', 'same user, other domain', 'jaro-winkler ≥ 0.88', 'else'], c.norm, (i, j) => {
    const l = byValue(i, j);
    return (l === 2 || l === 3) && nameLike[i] && nameLike[j] ? -1 : l;
  });
}

function phoneComparison(c: PhoneColumn): Comparison {
  return single(
    c.column,
    ['exact', 'same last nine digits', 'one typo', 'else'],
    c.norm,
    memoised(c.values, (i, j) => (c.tail[i] === c.tail[j] ? 1 : nearTypo(c.tail[i]!, c.tail[j]!) ? 2 : 3)),
  );
}

/** Levels and level function of a text column by its role (both values present and different). */
function textLevels(c: TextColumn): [string[], (a: string, b: string, i: number, j: number) => number] {
  switch (c.role) {
    case 'postcode':
      return [['exact', 'one typo', 'same district', 'else'], (a, b, i, j) => (a === b ? 0 : nearTypo(a, b) ? 1 : c.part[i] !== null && c.part[i] === c.part[j] ? 2 : 3)];
    case 'houseNumber':
    case 'nationalId':
      return [['exact', 'one typo', 'two typos', 'else'], (a, b) => (a === b ? 0 : nearTypo(a, b) ? 1 : levenshtein(a, b, 2) <= 2 ? 2 : 3)];
    case 'categorical':
      return [['exact', 'else'], (a, b) => (a === b ? 0 : 1)];
    case 'numeric':
      return [
        ['exact', 'within 5%', 'else'],
        (a, b, i, j) => {
          if (a === b) return 0;
          const x = Number(c.part[i]);
          const y = Number(c.part[j]);
          return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 0.05 * Math.max(Math.abs(x), Math.abs(y)) ? 1 : 2;
        },
      ];
    case 'town':
      return [
        ['exact', 'jaro-winkler ≥ 0.92', 'jaro-winkler ≥ 0.80', 'else'],
        (a, b) => {
          if (a === b) return 0;
          const jw = jaroWinkler(a, b);
          return jw >= 0.92 ? 1 : jw >= 0.8 ? 2 : 3;
        },
      ];
    default:
      // address lines and free text: whole-string similarity, then shared words
      return [
        ['exact', 'jaro-winkler ≥ 0.92 or same words', 'jaro-winkler ≥ 0.80 or half the words', 'else'],
        (a, b, i, j) => {
          if (a === b) return 0;
          const jac = jaccard(c.tokens[i]!, c.tokens[j]!);
          if (jac === 1) return 1;
          const jw = a.length <= 64 && b.length <= 64 ? jaroWinkler(a, b) : 0;
          if (jw >= 0.92) return 1;
          return jw >= 0.8 || jac >= 0.5 ? 2 : 3;
        },
      ];
  }
}

function textComparison(c: TextColumn): Comparison {
  const [levels, f] = textLevels(c);
  return single(c.column, levels, c.flat, memoised(c.values, (i, j) => f(c.flat[i]!, c.flat[j]!, i, j)));
}

/** The comparisons for a prepared table: one per matching column, names swap-aware. */
export function buildComparisons(p: Prepared): Comparison[] {
  const names = p.columns.filter((c): c is NameColumn => c.kind === 'name');
  const g = names.find((c) => c.role === 'givenName');
  const s = names.find((c) => c.role === 'surname');
  const out: Comparison[] = [];
  for (const c of p.columns) {
    if (c.kind === 'name') {
      if (c === g) out.push(...personNames(g, s));
      else if (c === s) {
        if (!g) out.push(...personNames(undefined, s));
      } else out.push(otherName(c));
    } else if (c.kind === 'date') out.push(dateComparison(c));
    else if (c.kind === 'email') out.push(emailComparison(c, [g, s].filter((x): x is NameColumn => x !== undefined)));
    else if (c.kind === 'phone') out.push(phoneComparison(c));
    else out.push(textComparison(c));
  }
  return out;
}
