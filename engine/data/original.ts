// A stored row's lineage and original values: which file and row it came from, and every source
// column's value exactly as the file had it (records.raw / events.raw, decoded with the canonical
// columns they point into; see records/raw-values.ts).
import { AerieError } from '../api/errors.js';
import type { OriginalRow } from '../api/data.js';
import type { ImportKind } from '../api/ingest.js';
import type { DB } from '../db/sqlite.js';
import { attributesOf, slotsFor, unpackRaw, type Slots } from '../records/raw-values.js';

const TABLE: Record<ImportKind, string> = { customers: 'records', events: 'events' };

/** A stored records or events row as SELECT * returns it. */
export interface StoredRow {
  id: number;
  import_id: number | null;
  row_no: number | null;
  raw: string | null;
  [attribute: string]: unknown;
}

/** Decodes rows of one kind, caching each import's columns and slots. */
export class OriginalReader {
  private readonly imports = new Map<number, { slots: Slots; columns: { name: string; canonical: string | null }[]; file: string; source: string }>();
  private readonly attrs: readonly string[];
  private readonly byId;

  constructor(
    private readonly db: DB,
    readonly kind: ImportKind,
  ) {
    this.attrs = attributesOf(kind);
    this.byId = db.prepare(`SELECT id, import_id, row_no, raw, ${this.attrs.join(', ')} FROM ${TABLE[kind]} WHERE id = ?`);
  }

  /** Every source column's verbatim value of the row `r` (a full row of its table). */
  values(r: StoredRow): (string | null)[] {
    if (r.raw === null || r.import_id === null) return [];
    const imp = this.importOf(r.import_id);
    return unpackRaw(r.raw, imp.slots, (s) => r[this.attrs[s]!], `${TABLE[this.kind]} row ${r.id}`);
  }

  /** The lineage and original values of one row, or NOT_FOUND. */
  get(id: number): OriginalRow {
    const r = this.byId.get(id) as StoredRow | undefined;
    if (!r) throw new AerieError('NOT_FOUND', `There is no ${TABLE[this.kind]} row ${id}.`);
    if (r.import_id === null) return { id, importId: null, rowNo: r.row_no, file: null, source: null, columns: [] };
    const imp = this.importOf(r.import_id);
    const values = this.values(r);
    return {
      id,
      importId: r.import_id,
      rowNo: r.row_no,
      file: imp.file,
      source: imp.source,
      columns: values.map((value, i) => ({ name: imp.columns[i]?.name ?? `column ${i + 1}`, value, feeds: imp.columns[i]?.canonical ?? null })),
    };
  }

  private importOf(importId: number) {
    let imp = this.imports.get(importId);
    if (!imp) {
      const meta = this.db.prepare('SELECT i.file_name AS file, s.name AS source FROM imports i JOIN sources s ON s.id = i.source_id WHERE i.id = ?').get(importId) as { file: string; source: string } | undefined;
      const columns = this.db.prepare('SELECT name, canonical FROM import_columns WHERE import_id = ? ORDER BY position').all(importId) as { name: string; canonical: string | null }[];
      imp = { slots: slotsFor(columns.map((c) => c.canonical), this.attrs), columns, file: meta?.file ?? '', source: meta?.source ?? '' };
      this.imports.set(importId, imp);
    }
    return imp;
  }
}
