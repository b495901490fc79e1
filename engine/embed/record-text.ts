// What of a customer record is embedded and indexed. The recipe name is stored with every
// generation of vectors, so a change of recipe is visible (and needs a re-index).
import { recordName, type RecordRow } from '../records/record.js';

export const RECORD_TEXT_RECIPE = 'name,address,city,postcode,email,company/1';

/** The text the embedding model sees for a record. */
export function recordText(r: RecordRow): string {
  return [recordName(r), r.address_line, r.city, r.postcode, r.email, r.company].filter((x) => x && x.trim()).join(', ');
}

/** 32-bit FNV-1a of a string (UTF-16 units), as a non-negative integer. */
export function textHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
