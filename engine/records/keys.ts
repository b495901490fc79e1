// Linking keys: values that prove two records are one customer when they agree after normalising —
// the same email, the same phone number, or the same value of a named source column (a national
// id, a loyalty number). Search trains its reranker on the groups they form; matching can check
// itself against them.
import { AerieError } from '../api/errors.js';
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import type { DB } from '../db/sqlite.js';
import { normalizeEmail } from '../standardize/email.js';
import { phoneKey } from '../standardize/phone-digits.js';
import { IN_COLUMN } from './raw-values.js';

/** Email as a linking key: its canonical form (see normalizeEmail). */
export function emailLinkKey(v: string): string | null {
  return normalizeEmail(v);
}

/** Phone as a linking key: its last 9 digits, and only when it has 9 (shorter numbers are extensions or fragments). */
export function phoneLinkKey(v: string): string | null {
  const k = phoneKey(v);
  return k && k.length >= 9 ? k : null;
}

/** A source column's value as a linking key: trimmed, lower-cased, 3 characters or more. */
export function rawLinkKey(v: string): string | null {
  const t = v.trim().toLowerCase();
  return t.length >= 3 ? t : null;
}

/**
 * Groups of record ids sharing a linking key value (2..20 records each). `key` is "email",
 * "phone" or "raw.<source column>".
 */
export function keyGroups(db: DB, key: string): number[][] {
  const map = new Map<string, number[]>();
  const add = (id: number, k: string | null) => {
    if (!k) return;
    const g = map.get(k);
    if (g) g.push(id);
    else map.set(k, [id]);
  };
  if (key === 'email' || key === 'phone') {
    const norm = key === 'email' ? emailLinkKey : phoneLinkKey;
    for (const [id, v] of db.prepare(`SELECT id, ${key} FROM records WHERE ${key} IS NOT NULL`).raw().iterate() as Iterable<[number, string]>) add(id, norm(v));
  } else if (key.startsWith('raw.')) {
    // A source column by name, in every customer import that has it: its verbatim value is at its
    // position in records.raw, or in the canonical column it feeds (see raw-values.ts).
    const col = key.slice(4);
    const imports = db
      .prepare("SELECT c.import_id, c.position, c.canonical FROM import_columns c JOIN imports i ON i.id = c.import_id WHERE c.name = ? AND i.kind = 'customers'")
      .all(col) as { import_id: number; position: number; canonical: string | null }[];
    for (const imp of imports) {
      const attr = imp.canonical && (CUSTOMER_ATTRIBUTES as readonly string[]).includes(imp.canonical) ? imp.canonical : 'NULL';
      const stmt = db.prepare(`SELECT id, json_extract(raw, '$[${imp.position - 1}]'), ${attr} FROM records WHERE import_id = ?`).raw();
      for (const [id, x, c] of stmt.iterate(imp.import_id) as Iterable<[number, unknown, unknown]>) {
        const v = x === IN_COLUMN ? c : x;
        if (typeof v !== 'string') continue;
        add(id, rawLinkKey(v));
      }
    }
  } else throw new AerieError('INVALID_INPUT', `Unknown key ${key}.`);
  return [...map.values()].filter((g) => g.length >= 2 && g.length <= 20);
}
