// What of a customer record is embedded and indexed. The recipe name is stored with every
// generation of vectors, so a change of recipe is visible (and needs a re-index).
import type { DB } from '../db/sqlite.js';

export const RECORD_TEXT_RECIPE = 'name,address,city,postcode,email,company/1';

/** The record columns search and embedding read. */
export interface RecordRow {
  id: number;
  source_key: string | null;
  given_name: string | null;
  family_name: string | null;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  address_line: string | null;
  city: string | null;
  postcode: string | null;
  date_of_birth: string | null;
  company: string | null;
}

export const RECORD_COLUMNS = 'id, source_key, given_name, family_name, full_name, email, phone, address_line, city, postcode, date_of_birth, company';

/** Display / matching name: given + family, else the full name as written. */
export function recordName(r: RecordRow): string {
  const gf = [r.given_name, r.family_name].filter((x) => x && x.trim()).join(' ');
  return gf || (r.full_name ?? '');
}

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

export function recordsAfter(db: DB, afterId: number, limit: number): RecordRow[] {
  return db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as RecordRow[];
}
