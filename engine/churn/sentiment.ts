// Offline sentiment of a support message from the shipped lexicon (data/sentiment-lexicon.ts):
// the mean score of the scored words and phrases, negation flipping the next word, shouting (a word
// in capitals, "!!") making a negative message stronger. Clamped to [-3, 3]; 0 when nothing scored.
import { NEGATORS, PHRASES, WORDS } from './data/sentiment-lexicon.js';

const NEG = new Set(NEGATORS);
const PHRASE_LIST = Object.entries(PHRASES).sort((a, b) => b[0].length - a[0].length);

export function sentiment(text: string | null): number {
  if (!text) return 0;
  let lower = text.toLowerCase();
  let sum = 0;
  let n = 0;
  for (const [p, s] of PHRASE_LIST) {
    if (lower.includes(p)) {
      sum += s;
      n++;
      lower = lower.split(p).join(' ');
    }
  }
  const words = lower.split(/[^a-z']+/);
  let negate = false;
  for (const w of words) {
    if (!w) continue;
    if (NEG.has(w)) {
      negate = true;
      continue;
    }
    const s = WORDS[w];
    if (s !== undefined) {
      sum += negate ? -s : s;
      n++;
    }
    negate = false;
  }
  if (n === 0) return 0;
  let score = sum / n;
  if (score < 0 && (/!!/.test(text) || /\b[A-Z]{4,}\b/.test(text))) score -= 1;
  return Math.max(-3, Math.min(3, score));
}
