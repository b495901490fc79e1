// Text in comparable form: case and accents folded, split into word tokens. One tokenizer for the
// whole engine — search terms, name and address tokens, phonetic codes and the built-in embedding
// model's features (embed/featurize.ts reads the character classes below) — so that a word is the
// same word wherever it is compared.

const FOLD: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
};
const FOLD_RE = /[ßæœøłđðþıħŧ]/g;
const MARKS_RE = /\p{M}+/gu;
const JOINERS_RE = /['’`´]/g;

/** Lower-case, accent-fold (NFKD minus combining marks, plus a few letters NFKD leaves alone). */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKD').replace(MARKS_RE, '').toLowerCase();
  if (FOLD_RE.test(s)) {
    FOLD_RE.lastIndex = 0;
    s = s.replace(FOLD_RE, (c) => FOLD[c] ?? c);
  }
  return s.replace(JOINERS_RE, '');
}

/** Any character outside ASCII (then normalizeText is needed; else toLowerCase is enough). */
export const NON_ASCII_RE = /[^\x00-\x7f]/;
/** Character classes: part of a word, a separator, or an apostrophe that joins ("O'Brien"). */
export const WORD = 1;
export const SEP = 2;
export const JOIN = 3;
/** Class of each ASCII code after lower-casing: letters and digits are WORD, ' and ` join. */
export const ASCII_CLASS = (() => {
  const t = new Uint8Array(128).fill(SEP);
  for (let c = 48; c <= 57; c++) t[c] = WORD;
  for (let c = 97; c <= 122; c++) t[c] = WORD;
  for (let c = 65; c <= 90; c++) t[c] = WORD; // only reachable if lower-casing left them
  t[39] = JOIN;
  t[96] = JOIN;
  return t;
})();
const WIDE_CLASS = new Uint8Array(65536);
const WORD_RE = /[\p{L}\p{N}]/u;

/** Class of a UTF-16 code unit of 128 or more (memoised). */
export function classOf(c: number): number {
  let k = WIDE_CLASS[c] as number;
  if (k === 0) {
    if (c >= 0xd800 && c <= 0xdfff) k = WORD; // astral characters: keep both halves in the token
    else if (c === 0x2019 || c === 0xb4) k = JOIN;
    else k = WORD_RE.test(String.fromCharCode(c)) ? WORD : SEP;
    WIDE_CLASS[c] = k;
  }
  return k;
}

/**
 * Normalised tokens, exactly as the embedding featuriser sees them: runs of letters/digits after
 * normalizeText; apostrophes are dropped inside words (O'Brien -> obrien, O`Brien -> obrien).
 */
export function tokenize(text: string): string[] {
  const s = NON_ASCII_RE.test(text) ? normalizeText(text) : text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  let joined = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const cls = c < 128 ? (ASCII_CLASS[c] as number) : classOf(c);
    if (cls === WORD) {
      if (start < 0) start = i;
    } else if (cls === JOIN) {
      if (start >= 0) joined = true;
    } else if (start >= 0) {
      const t = s.slice(start, i);
      out.push(joined ? t.replace(JOINERS_RE, '') : t);
      start = -1;
      joined = false;
    }
  }
  return out;
}

/** Word tokens of a value, [] for null or empty ("O'Brien-Smith, Ann" -> ["obrien", "smith", "ann"]). */
export function words(s: string | null | undefined): string[] {
  return s ? tokenize(s) : [];
}
