// The original source columns of a set of imports, profiled from records.raw: the union of their
// import_columns by name, in first-seen order. records.raw holds the verbatim values in
// import_columns order, values a canonical column holds verbatim as markers (records/raw-values.ts).
import { CUSTOMER_ATTRIBUTES } from '../api/ingest.js';
import type { DB } from '../db/sqlite.js';
import { slotsFor, unpackRaw, type Slots } from '../records/raw-values.js';
import type { ColumnProfiler } from './column.js';

export interface DeclaredColumn {
  import_id: number;
  position: number;
  name: string;
  canonical: string | null;
}

export function declaredColumns(db: DB, importIds: number[]): DeclaredColumn[] {
  return db
    .prepare('SELECT import_id, position, name, canonical FROM import_columns WHERE import_id IN (SELECT value FROM json_each(?)) ORDER BY import_id, position')
    .all(JSON.stringify(importIds)) as DeclaredColumn[];
}

export class RawColumns {
  readonly columns: ColumnProfiler[];
  /** Rows seen (each adds a value or a null to every column). */
  rows = 0;
  private readonly slots = new Map<number, ColumnProfiler[]>();
  private readonly feeds = new Map<number, Slots>();
  private readonly seen = new Set<ColumnProfiler>();

  constructor(declared: DeclaredColumn[], mk: (name: string, position: number, feeds: string[]) => ColumnProfiler) {
    const byName = new Map<string, { feeds: Set<string>; position: number }>();
    for (const d of declared) {
      let e = byName.get(d.name);
      if (!e) byName.set(d.name, (e = { feeds: new Set(), position: byName.size }));
      if (d.canonical) e.feeds.add(d.canonical);
    }
    this.columns = [...byName].map(([name, e]) => mk(name, e.position, [...e.feeds]));
    const index = new Map(this.columns.map((c) => [c.name, c]));
    const canonical = new Map<number, (string | null)[]>();
    for (const d of declared) {
      const list = this.slots.get(d.import_id) ?? [];
      list[d.position - 1] = index.get(d.name)!;
      this.slots.set(d.import_id, list);
      const fed = canonical.get(d.import_id) ?? [];
      fed[d.position - 1] = d.canonical;
      canonical.set(d.import_id, fed);
    }
    for (const [id, fed] of canonical) this.feeds.set(id, slotsFor(fed, CUSTOMER_ATTRIBUTES));
  }

  /** Does this import list its columns? */
  declares(importId: number): boolean {
    return this.slots.has(importId);
  }

  /** One row: `column(slot)` reads its canonical value of CUSTOMER_ATTRIBUTES[slot]. */
  add(importId: number, raw: string, column: (slot: number) => unknown): void {
    this.rows++;
    const slot = this.slots.get(importId);
    if (!slot) {
      for (const c of this.columns) c.add(null);
      return;
    }
    const values = unpackRaw(raw, this.feeds.get(importId)!, column, `import ${importId}`);
    const seen = this.seen;
    seen.clear();
    for (let i = 0; i < slot.length; i++) {
      const c = slot[i];
      if (!c) continue;
      seen.add(c);
      c.add(values[i] ?? null);
    }
    // A column another import of the source has but this one lacks: null here.
    if (seen.size < this.columns.length) for (const c of this.columns) if (!seen.has(c)) c.add(null);
  }
}
