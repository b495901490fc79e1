// The canonical customer record as search, embedding and matching read it: its columns, the row
// type, and the name it goes by.
import type { DB } from '../db/sqlite.js';
import { words } from '../standardize/text.js';

/** The record columns search, embedding and matching read. */
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

/** Word tokens of the record's name: given + family, else the full name. */
export function recordNameTokens(r: RecordRow): string[] {
  const gf = [...words(r.given_name), ...words(r.family_name)];
  return gf.length ? gf : words(r.full_name);
}

/** Up to `limit` records after id `afterId`, in id order. */
export function recordsAfter(db: DB, afterId: number, limit: number): RecordRow[] {
  return db.prepare(`SELECT ${RECORD_COLUMNS} FROM records WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as RecordRow[];
}
