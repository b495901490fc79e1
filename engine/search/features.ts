// Field-level similarity between a parsed query and one candidate record: the reranker's features
// and the per-field explanation (similarity, how, highlighted spans) shown with each result.
import type { SearchFieldName, SearchMatch } from '../api/search.js';
import { recordName, type RecordRow } from '../records/record.js';
import { normalizeDate } from '../standardize/dates.js';
import { emailParts, normalizeEmail } from '../standardize/email.js';
import { normalizeId } from '../standardize/ids.js';
import { phoneKey } from '../standardize/phone-digits.js';
import { nysiis } from '../standardize/phonetic.js';
import { normalizePostcode, postcodeOutward } from '../standardize/postcode.js';
import { jaroWinkler } from '../standardize/similarity.js';
import { words } from '../standardize/text.js';
import type { ParsedQuery } from './query.js';

export const FEATURES = [
  'rrf', 'lexical', 'vector', 'nameCover', 'nameQuery', 'namePhonetic', 'nameExact', 'queryCover',
  'city', 'address', 'emailExact', 'emailSimilar', 'phoneExact', 'phonePartial', 'postcodeExact',
  'postcodeOutward', 'idExact', 'dobExact', 'recency',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export const NF = FEATURES.length;
const FI = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<FeatureName, number>;

/** Query-side precomputation shared by all candidates. */
export interface QueryInfo {
  p: ParsedQuery;
  tokens: string[]; // free + name: tokens
  codes: string[]; // NYSIIS of tokens
  allTokens: string[]; // every free/fielded word
  emailLocal: string | null;
}

export function queryInfo(p: ParsedQuery): QueryInfo {
  const tokens = p.nameTokens;
  const allTokens = [...p.free, ...words(p.fields.name), ...words(p.fields.city), ...words(p.fields.address), ...words(p.fields.company)];
  return {
    p,
    tokens,
    codes: tokens.map((t) => (/[a-z]/.test(t) && t.length >= 2 ? nysiis(t) : '')),
    allTokens,
    emailLocal: p.email ? emailParts(p.email).local : null,
  };
}

interface Tok {
  t: string;
  start: number;
  end: number;
}

/** Word tokens of a display value with their offsets (for highlighting). */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

function spansOf(value: string): Tok[] {
  const out: Tok[] = [];
  if (ASCII_ONLY.test(value)) {
    const s = value.toLowerCase();
    let start = -1;
    let t = '';
    for (let i = 0; i <= s.length; i++) {
      const c = i < s.length ? s.charCodeAt(i) : 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) start = i;
        t += s[i];
      } else if ((c === 39 || c === 96) && start >= 0) {
        // apostrophe (or backtick typed for one) inside a word: part of its span, not of its token
      } else if (start >= 0) {
        out.push({ t, start, end: i });
        start = -1;
        t = '';
      }
    }
    return out;
  }
  const re = /[\p{L}\p{N}][\p{L}\p{N}'’`´]*/gu;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const w = words(m[0]);
    out.push({ t: w.join(''), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// Jaro-Winkler of (query token, record token) pairs, memoised: the same pairs recur across fields
// and candidates of one search (city and street words, repeated names). Cleared when it grows.
const jwCache = new Map<string, number>();
function jwMemo(q: string, c: string): number {
  const key = `${q}\u0000${c}`;
  let v = jwCache.get(key);
  if (v === undefined) {
    if (jwCache.size > 50_000) jwCache.clear();
    v = jaroWinkler(q, c);
    jwCache.set(key, v);
  }
  return v;
}

/** Similarity of a query token to a record token, and how. */
function tokenSim(q: string, c: string, qCode: string, openEnd: boolean): { s: number; how: string } {
  if (q === c) return { s: 1, how: 'exact' };
  if (q.length === 1) return c.startsWith(q) ? { s: 0.75, how: 'initial' } : { s: 0, how: '' };
  if (openEnd && q.length >= 2 && c.startsWith(q)) return { s: 0.9, how: 'prefix' };
  const jw = jwMemo(q, c);
  const ph = qCode !== '' && c.length >= 2 && nysiis(c) === qCode ? 0.9 : 0;
  return ph > jw ? { s: ph, how: 'phonetic' } : { s: jw, how: 'fuzzy' };
}

export interface Candidate {
  row: RecordRow;
  lexRank: number | null;
  lexScore: number;
  vecRank: number | null;
  vecSim: number | null;
  rrf: number;
}

interface FieldMatch {
  sim: number;
  how: string;
  spans: [number, number][];
  /** mean over query tokens of their best similarity to this field */
  qsim: number[];
}

function matchField(info: QueryInfo, value: string | null, tokens: string[], openEndLast: boolean, known?: Tok[]): FieldMatch | null {
  if (!value || tokens.length === 0) return null;
  const toks = known ?? spansOf(value);
  if (toks.length === 0) return null;
  const best = new Float32Array(toks.length);
  const hows: string[] = new Array(toks.length).fill('');
  const qsim: number[] = new Array(tokens.length).fill(0);
  tokens.forEach((q, qi) => {
    const code = (qi < info.codes.length && info.tokens[qi] === q ? info.codes[qi] : /[a-z]/.test(q) && q.length >= 2 ? nysiis(q) : '') ?? '';
    const open = openEndLast && qi === tokens.length - 1;
    toks.forEach((c, ci) => {
      const { s, how } = tokenSim(q, c.t, code, open);
      if (s > (best[ci] as number)) {
        best[ci] = s;
        hows[ci] = how;
      }
      if (s > (qsim[qi] as number)) qsim[qi] = s;
    });
  });
  let sum = 0;
  const spans: [number, number][] = [];
  let how = 'exact';
  toks.forEach((c, ci) => {
    const s = best[ci] as number;
    sum += s;
    if (s >= 0.8) {
      spans.push([c.start, c.end]);
      if (hows[ci] !== 'exact') how = hows[ci] === 'phonetic' && how !== 'fuzzy' ? 'phonetic' : hows[ci] === 'prefix' && how === 'exact' ? 'prefix' : 'fuzzy';
    }
  });
  return { sim: sum / toks.length, how: spans.length ? how : 'partial', spans, qsim };
}

export interface Scored {
  x: Float32Array;
  matched: SearchMatch[];
}

/** Features of one candidate (and its explanation when explain is set). */
export function candidateFeatures(info: QueryInfo, c: Candidate, maxLex: number, maxId: number, explain: boolean): Scored {
  const x = new Float32Array(NF);
  const r = c.row;
  const p = info.p;
  const matched: SearchMatch[] = [];
  const add = (field: SearchFieldName, value: string, similarity: number, how: string, spans: [number, number][]) => {
    if (explain && similarity > 0.5) matched.push({ field, value, similarity: Math.round(similarity * 1000) / 1000, how, spans });
  };
  x[FI.rrf] = c.rrf * 60;
  x[FI.lexical] = maxLex > 0 ? c.lexScore / maxLex : 0;
  x[FI.vector] = c.vecSim ?? 0;

  const name = recordName(r);
  const open = p.openEnd;
  const nameSpans = name ? spansOf(name) : [];
  const nm = matchField(info, name, info.tokens, open, nameSpans);
  if (nm) {
    x[FI.nameCover] = nm.sim;
    // how much of the query the name explains: only the query's best name-sized part counts
    const q = [...nm.qsim].sort((a, b) => b - a).slice(0, Math.max(1, nameSpans.length));
    x[FI.nameQuery] = q.reduce((a, b) => a + b, 0) / Math.max(1, Math.min(info.tokens.length, q.length));
    const ntoks = nameSpans.map((t) => t.t);
    const qset = new Set(info.tokens);
    const qcodes = new Set(info.codes.filter((s) => s));
    x[FI.nameExact] = ntoks.filter((t) => qset.has(t)).length / ntoks.length;
    x[FI.namePhonetic] = ntoks.filter((t) => t.length >= 2 && qcodes.has(nysiis(t))).length / ntoks.length;
    add('name', name, nm.sim, nm.how, nm.spans);
  }
  // whole-record coverage of the query words
  if (info.allTokens.length) {
    const fieldsText = [name, r.address_line, r.city, r.postcode, r.company, r.source_key, r.date_of_birth ? normalizeDate(r.date_of_birth) : null].filter(Boolean).join(' ');
    const all = spansOf(fieldsText).map((t) => t.t);
    let cov = 0;
    for (const q of info.allTokens) {
      let b = 0;
      for (const t of all) {
        const s = q === t ? 1 : q.length > 1 && t.length > 1 ? jwMemo(q, t) : 0;
        if (s > b) b = s;
        if (b === 1) break;
      }
      cov += b >= 0.8 ? b : 0;
    }
    x[FI.queryCover] = cov / info.allTokens.length;
  }
  const cityTokens = info.p.cityTokens;
  const cm = matchField(info, r.city, cityTokens, open);
  if (cm) {
    x[FI.city] = cm.sim;
    add('city', r.city!, cm.sim, cm.how, cm.spans);
  }
  const addrTokens = [...p.free, ...words(p.fields.address)];
  const am = matchField(info, r.address_line, addrTokens, open);
  if (am) {
    x[FI.address] = am.sim;
    add('address', r.address_line!, am.sim, am.how, am.spans);
  }
  if (p.email && r.email) {
    const e = normalizeEmail(r.email);
    if (e) {
      if (e === p.email) {
        x[FI.emailExact] = 1;
        x[FI.emailSimilar] = 1;
        add('email', r.email, 1, 'exact', [[0, r.email.length]]);
      } else {
        const ql = info.emailLocal ?? '';
        const parts = emailParts(e);
        const local = jaroWinkler(ql, parts.local);
        const qd = emailParts(p.email).domain;
        const dom = qd ? jaroWinkler(qd, parts.domain) : 0.5;
        const s = 0.75 * local + 0.25 * dom;
        x[FI.emailSimilar] = s;
        add('email', r.email, s, 'fuzzy', local >= 0.8 ? [[0, Math.min(r.email.length, r.email.indexOf('@') >= 0 ? r.email.indexOf('@') : r.email.length)]] : []);
      }
    }
  }
  if (p.phone && r.phone) {
    const k = phoneKey(r.phone);
    if (k && k === p.phone) {
      x[FI.phoneExact] = 1;
      add('phone', r.phone, 1, 'exact', [[0, r.phone.length]]);
    } else if (k && p.phone.length >= 6 && k.endsWith(p.phone.slice(-Math.min(p.phone.length, 9)))) {
      x[FI.phonePartial] = 1;
      add('phone', r.phone, 0.8, 'partial', []);
    } else if (k && p.phone.length >= 6 && k.slice(-6) === p.phone.slice(-6)) {
      x[FI.phonePartial] = 1;
      add('phone', r.phone, 0.7, 'partial', []);
    }
  }
  const rp = normalizePostcode(r.postcode);
  if (rp) {
    const qp = p.postcode ?? (p.free.length ? null : null);
    if (qp && rp === qp) {
      x[FI.postcodeExact] = 1;
      add('postcode', r.postcode!, 1, 'exact', [[0, r.postcode!.length]]);
    } else if (qp && postcodeOutward(rp) === postcodeOutward(qp)) {
      x[FI.postcodeOutward] = 1;
      add('postcode', r.postcode!, 0.7, 'partial', []);
    } else if (!qp && p.free.includes(rp.toLowerCase())) {
      x[FI.postcodeExact] = 1;
      add('postcode', r.postcode!, 1, 'exact', [[0, r.postcode!.length]]);
    }
  }
  const rid = normalizeId(r.source_key);
  if (rid && (rid === p.id || (!p.id && p.free.includes(rid.toLowerCase())))) {
    x[FI.idExact] = 1;
    add('id', r.source_key!, 1, 'exact', [[0, r.source_key!.length]]);
  }
  const rdob = normalizeDate(r.date_of_birth);
  if (rdob && p.dob && rdob === p.dob) {
    x[FI.dobExact] = 1;
    add('dob', r.date_of_birth!, 1, 'exact', [[0, r.date_of_birth!.length]]);
  }
  if (r.company) {
    const co = matchField(info, r.company, [...p.free, ...words(p.fields.company)], open);
    if (co && co.sim >= 0.8) add('company', r.company, co.sim, co.how, co.spans);
  }
  x[FI.recency] = maxId > 0 ? r.id / maxId : 0;
  matched.sort((a, b) => b.similarity - a.similarity);
  return { x, matched };
}

export { FI };
