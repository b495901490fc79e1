// Person names in comparable form: case and accents folded, titles and suffixes removed,
// apostrophes dropped inside words, hyphenated and compound parts kept as separate tokens.
import { nameTokens } from './contact.js';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lady', 'lord', 'rev', 'revd', 'reverend', 'fr', 'father', 'sr', 'sra', 'srta', 'herr', 'frau', 'mme', 'mlle', 'hon', 'capt', 'captain', 'col', 'maj', 'major', 'sgt', 'lt']);
const SUFFIXES = new Set(['jr', 'jnr', 'junior', 'sr', 'snr', 'senior', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'obe', 'mbe', 'cbe', 'kbe', 'qc', 'kc', 'dds', 'cpa', 'rn', 'bsc', 'msc', 'ba', 'ma']);

/**
 * Name tokens without titles (leading) and suffixes (trailing): "Dr. Mary-Ann O'Neil Jr" ->
 * ["mary", "ann", "oneil"]. A title or suffix that is the whole name is kept ("Major" is a surname).
 */
export function cleanNameTokens(s: string | null | undefined): string[] {
  const t = nameTokens(s);
  let lo = 0;
  let hi = t.length;
  while (hi - lo > 1 && TITLES.has(t[lo]!)) lo++;
  while (hi - lo > 1 && SUFFIXES.has(t[hi - 1]!)) hi--;
  return lo === 0 && hi === t.length ? t : t.slice(lo, hi);
}

/**
 * A whole name split into given and family parts: "Smith, John A" -> given "john a", family "smith";
 * "John A Smith" -> given "john a", family "smith". One token is taken as the given name.
 */
export function splitFullName(s: string | null | undefined): { given: string | null; family: string | null } {
  if (!s) return { given: null, family: null };
  const comma = s.indexOf(',');
  if (comma > 0) {
    const family = cleanNameTokens(s.slice(0, comma)).join(' ') || null;
    const given = cleanNameTokens(s.slice(comma + 1)).join(' ') || null;
    return { given, family };
  }
  const t = cleanNameTokens(s);
  if (t.length === 0) return { given: null, family: null };
  if (t.length === 1) return { given: t[0]!, family: null };
  return { given: t.slice(0, -1).join(' '), family: t[t.length - 1]! };
}
