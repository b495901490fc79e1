// What a header says: the attribute its name is usual for (any of five languages), whether it
// names an identifier, a record date rather than a birth date, or an identity number (PII that
// is never a phone or a contact field).
import { identityNumberFromHeader } from '../../standardize/ids.js';
import { SYNONYMS, headerWords, normHeader } from './synonyms.js';

export interface HeaderHint {
  attribute: string;
  /** 0.95 a usual name, 0.7 a name containing one, 0.6 an identifier's name (source key). */
  strength: number;
  reason: string;
}

const ID_WORDS = new Set(['id', 'key', 'nr', 'no', 'num', 'number', 'nummer', 'numero', 'ref', 'code', 'ident', 'identifier', 'uid', 'guid', 'uuid']);

/** Does the header name an identifier: an id/key/nr/no/number word ("rec_id", "CustomerId", "Kunden-Nr"), or a compound ending in one ("kundennr", "klantnummer")? */
export function isIdLikeHeader(column: string): boolean {
  if (headerWords(column).some((w) => ID_WORDS.has(w))) return true;
  return /.(?:nr|nummer|number|numero)$/.test(normHeader(column));
}

// Dates a record carries about itself (en, de, fr, es, nl): never a date of birth.
const RECORD_DATE = /creat|updat|modif|chang|signup|signedup|regist|joined|timestamp|login|logon|lastseen|expir|valid|due|order|purchase|payment|start|ende?d?$|since|erstellt|angelegt|geandert|aktualisiert|erfasst|anmeld|eroffn|cree|creation|misajour|inscri|creado|creacion|alta|actualiz|registr|aangemaakt|gewijzigd|bijgewerkt|inschrijv|aanmeld/;

/** A header naming a date of the record (created, updated, signup…), not of the person. */
export const isRecordDateHeader = (column: string): boolean => RECORD_DATE.test(normHeader(column)) || headerWords(column).some((w) => w === 'ts' || w === 'at' || w === 'time');

/** The identity-number PII class a header names (national id, tax id, account number), or null. */
export const identityHeader = identityNumberFromHeader;

/** The attribute a header names: a usual name first, then the longest usual name it contains, then an identifier's name. */
export function headerHint(column: string, attributes: readonly string[]): HeaderHint | null {
  const n = normHeader(column);
  for (const a of attributes) {
    if ((SYNONYMS[a] ?? []).includes(n) || n === normHeader(a)) return { attribute: a, strength: 0.95, reason: `header "${column}" is a usual name for ${a}` };
  }
  let best: { attribute: string; hit: string } | null = null;
  for (const a of attributes) {
    for (const s of SYNONYMS[a] ?? []) if (s.length >= 4 && n.includes(s) && (!best || s.length > best.hit.length)) best = { attribute: a, hit: s };
  }
  if (best) return { attribute: best.attribute, strength: 0.7, reason: `header "${column}" contains "${best.hit}"` };
  if (attributes.includes('source_key') && isIdLikeHeader(column)) return { attribute: 'source_key', strength: 0.6, reason: `header "${column}" names an identifier` };
  return null;
}
