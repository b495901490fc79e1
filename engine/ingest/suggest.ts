// Mapping suggestions: a column is suggested for an attribute only when its sample values fit
// (engine/standardize validators, see suggest/values.ts). The header (usual names in English,
// German, French, Spanish and Dutch; suggest/synonyms.ts) picks the attribute and the values
// confirm it; without a telling header only unmistakable shapes are suggested (emails, lettered
// postcodes, dialable phones, plausible birth dates). Headers naming national ids, tax ids or
// account numbers are never suggested as contact fields. Each attribute goes to one column,
// except address lines and notes, which may join.
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind, type Mapping, type MappingSuggestion } from '../api/ingest.js';
import { headerHint, identityHeader, isRecordDateHeader, type HeaderHint } from './suggest/headers.js';
import { detectDateFormat } from '../standardize/dates.js';
import { VALUE_ONLY, valueFit, type Fit } from './suggest/values.js';

const MULTI = new Set(['address_line', 'notes', 'text']);
/** Least share of fitting values for a suggestion from a usual header name, from a header containing one, and from values alone. */
const MIN_FIT_USUAL = 0.6;
const MIN_FIT_CONTAINS = 0.8;
const MIN_FIT_VALUES = 0.8;
const IDENTITY_WORDS = { national_id: 'a national id', tax_id: 'a tax id', account_number: 'an account number' } as const;

interface Guess {
  attribute: string | null;
  confidence: number;
  fit: number | null;
  checked: number;
  why: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const fitText = (f: Fit) => `${f.fitting} of ${f.checked} sample values are ${f.what} (${pct(f.fit)})`;

function minFit(h: HeaderHint): number {
  if (h.attribute === 'source_key') return h.strength >= 0.95 ? 0.9 : 1; // a key column: every sampled row has its own
  return h.strength >= 0.95 ? MIN_FIT_USUAL : MIN_FIT_CONTAINS;
}

/** From the header, confirmed by the values; or why the values do not bear it out. */
function fromHeader(h: HeaderHint, values: (string | null)[], kind: ImportKind): Guess {
  const f = valueFit(h.attribute, values, kind);
  if (f === null) return { attribute: h.attribute, confidence: round(h.strength * 0.6), fit: null, checked: 0, why: `${h.reason}; no sample values to check` };
  const ok = !f.veto && f.fit >= minFit(h);
  if (ok) return { attribute: h.attribute, confidence: round(h.strength * (0.6 + 0.4 * f.fit)), fit: round(f.fit), checked: f.checked, why: `${h.reason}; ${fitText(f)}` };
  const because = f.veto ?? `only ${fitText(f)}`;
  return { attribute: null, confidence: 0, fit: null, checked: f.checked, why: `not ${h.attribute}: ${h.reason}, but ${because}` };
}

/** From the values alone (strict shapes), or null; dates that are not births say why. */
function fromValues(column: string, values: (string | null)[], kind: ImportKind, attributes: readonly string[]): Guess | null {
  for (const attribute of Object.keys(VALUE_ONLY[kind] ?? {})) {
    if (!attributes.includes(attribute)) continue;
    if (attribute === 'date_of_birth') {
      const dates = detectDateFormat(values);
      if (dates.checked === 0 || dates.dates / dates.checked < MIN_FIT_VALUES) continue;
      const are = `${dates.dates} of ${dates.checked} sample values are dates${dates.format ? ` (${dates.format})` : ''}`;
      if (isRecordDateHeader(column)) return { attribute: null, confidence: 0, fit: null, checked: dates.checked, why: `not date_of_birth: ${are}, but header "${column}" names a date of the record` };
      const f = valueFit(attribute, values, kind, true)!;
      if (f.veto || f.fit < MIN_FIT_VALUES) return { attribute: null, confidence: 0, fit: null, checked: f.checked, why: `not date_of_birth: ${are}, but ${f.veto ?? `only ${fitText(f)}`}` };
      return { attribute, confidence: round(0.35 + 0.4 * f.fit), fit: round(f.fit), checked: f.checked, why: `header says nothing; ${fitText(f)}` };
    }
    const f = valueFit(attribute, values, kind, true);
    if (!f || f.veto || f.fit < MIN_FIT_VALUES) continue;
    return { attribute, confidence: round(0.35 + 0.4 * f.fit), fit: round(f.fit), checked: f.checked, why: `header says nothing; ${fitText(f)}` };
  }
  return null;
}

function guess(column: string, values: (string | null)[], kind: ImportKind, attributes: readonly string[]): Guess {
  const identity = identityHeader(column);
  const hint = headerHint(column, attributes);
  if (identity && !(identity === 'account_number' && hint?.attribute === 'source_key')) {
    return { attribute: null, confidence: 0, fit: null, checked: 0, why: `header "${column}" names ${IDENTITY_WORDS[identity]}: kept in the raw values and profiled as personal data` };
  }
  const byHeader = hint ? fromHeader(hint, values, kind) : null;
  // a usual name the values contradict is not overruled by them ("Phone" holding dates: ask the user)
  if (byHeader?.attribute || (byHeader && hint!.strength >= 0.95)) return byHeader;
  const byValues = fromValues(column, values, kind, attributes);
  if (byValues?.attribute) return byHeader ? { ...byValues, why: `${byHeader.why}; ${byValues.why}` } : byValues;
  return byHeader ?? byValues ?? { attribute: null, confidence: 0, fit: null, checked: 0, why: 'no match: kept in the raw values only' };
}

const round = (x: number) => Math.round(x * 100) / 100;

export function suggestMapping(kind: ImportKind, columns: string[], sample: (string | null)[][]): MappingSuggestion[] {
  const attributes: readonly string[] = kind === 'customers' ? CUSTOMER_ATTRIBUTES : EVENT_ATTRIBUTES;
  const guesses = columns.map((column, i) => ({ column, g: guess(column, sample.map((r) => r[i] ?? null), kind, attributes) }));
  // strongest first; ties keep the file's column order (stable sort)
  const order = [...guesses].sort((a, b) => b.g.confidence - a.g.confidence);
  const taken = new Map<string, string>();
  const chosen = new Map<string, MappingSuggestion>();
  for (const { column, g } of order) {
    const a = g.attribute;
    if (a && taken.has(a) && !MULTI.has(a)) {
      chosen.set(column, { column, attribute: null, confidence: 0, fit: null, checked: g.checked, why: `${a} already suggested for "${taken.get(a)}" (${g.why})` });
      continue;
    }
    if (a && !taken.has(a)) taken.set(a, column);
    chosen.set(column, { column, attribute: a, confidence: g.confidence, fit: g.fit, checked: g.checked, why: g.why });
  }
  return columns.map((c) => chosen.get(c)!);
}

export function mappingFromSuggestions(s: MappingSuggestion[]): Mapping {
  return Object.fromEntries(s.map((x) => [x.column, x.attribute]));
}
