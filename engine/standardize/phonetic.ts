// Phonetic codes for names: NYSIIS (New York State Identification and Intelligence System, the
// original 1970 rules, untruncated) and American Soundex. Input: any text; non-letters are dropped
// after accent folding, so codes are comparable across spellings such as "Nguyen"/"Ngyuen".
import { normalizeText } from './text.js';

const VOWEL = new Set(['A', 'E', 'I', 'O', 'U']);

function letters(s: string): string {
  return normalizeText(s).toUpperCase().replace(/[^A-Z]/g, '');
}

const cache = new Map<string, string>();

/** NYSIIS code of one word ('' when it has no letters). Memoised (names repeat). */
export function nysiis(word: string): string {
  let c = cache.get(word);
  if (c === undefined) {
    if (cache.size > 200_000) cache.clear();
    c = nysiisUncached(word);
    cache.set(word, c);
  }
  return c;
}

function nysiisUncached(word: string): string {
  let s = letters(word);
  if (s.length === 0) return '';
  // 1. prefixes
  if (s.startsWith('MAC')) s = 'MCC' + s.slice(3);
  else if (s.startsWith('KN')) s = 'NN' + s.slice(2);
  else if (s.startsWith('K')) s = 'C' + s.slice(1);
  else if (s.startsWith('PH') || s.startsWith('PF')) s = 'FF' + s.slice(2);
  else if (s.startsWith('SCH')) s = 'SSS' + s.slice(3);
  // 2. suffixes
  if (s.endsWith('EE') || s.endsWith('IE')) s = s.slice(0, -2) + 'Y';
  else if (/(DT|RT|RD|NT|ND)$/.test(s)) s = s.slice(0, -2) + 'D';
  const first = s[0] as string;
  const chars = s.split('');
  let key = first;
  let i = 1;
  while (i < chars.length) {
    const c = chars[i] as string;
    const next = chars[i + 1];
    let rep: string[];
    if (c === 'E' && next === 'V') rep = ['A', 'F'];
    else if (VOWEL.has(c)) rep = ['A'];
    else if (c === 'Q') rep = ['G'];
    else if (c === 'Z') rep = ['S'];
    else if (c === 'M') rep = ['N'];
    else if (c === 'K') rep = next === 'N' ? ['N'] : ['C'];
    else if (c === 'S' && next === 'C' && chars[i + 2] === 'H') rep = ['S', 'S', 'S'];
    else if (c === 'P' && next === 'H') rep = ['F', 'F'];
    else if (c === 'H') {
      const prev = chars[i - 1] as string;
      rep = !VOWEL.has(prev) || (next !== undefined && !VOWEL.has(next)) ? [prev] : ['H'];
    } else if (c === 'W') {
      const prev = chars[i - 1] as string;
      rep = VOWEL.has(prev) ? [prev] : ['W'];
    } else rep = [c];
    // the transcoded letters replace the source letters in place, so later rules see them
    for (let k = 0; k < rep.length && i + k < chars.length; k++) chars[i + k] = rep[k] as string;
    const out = chars[i] as string;
    if (out !== key[key.length - 1]) key += out;
    i++;
  }
  if (key.length > 1 && key.endsWith('S')) key = key.slice(0, -1);
  if (key.length > 2 && key.endsWith('AY')) key = key.slice(0, -2) + 'Y';
  if (key.length > 1 && key.endsWith('A')) key = key.slice(0, -1);
  return key;
}

const SOUNDEX_CODE: Record<string, string> = {
  B: '1', F: '1', P: '1', V: '1',
  C: '2', G: '2', J: '2', K: '2', Q: '2', S: '2', X: '2', Z: '2',
  D: '3', T: '3', L: '4', M: '5', N: '5', R: '6',
};

/** American Soundex (letter + 3 digits; '' when no letters). */
export function soundex(word: string): string {
  const s = letters(word);
  if (s.length === 0) return '';
  let out = s[0] as string;
  let last = SOUNDEX_CODE[out] ?? '';
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const c = s[i] as string;
    const code = SOUNDEX_CODE[c] ?? '';
    if (code !== '' && code !== last) out += code;
    if (c !== 'H' && c !== 'W') last = code;
  }
  return out.padEnd(4, '0');
}
