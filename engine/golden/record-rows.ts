// Member records of one golden record with their lineage (source, key, file, import, row) and what
// survivorship ranks by, read by id (provenance, the exports' source columns).
import type { GoldenAttribute } from '../api/golden.js';
import type { DB } from '../db/sqlite.js';
import { GOLDEN_ATTRIBUTES } from './attributes.js';

export interface RecordRowWithLineage {
  id: number;
  source: string;
  sourceKey: string | null;
  importId: number;
  file: string;
  rowNo: number;
  sourceRank: number;
  recency: number;
  values: Partial<Record<GoldenAttribute, string | null>>;
}

export function readRecordsById(db: DB, ids: readonly number[], sourcePriority: readonly string[]): RecordRowWithLineage[] {
  if (ids.length === 0) return [];
  const importRank = new Map((db.prepare('SELECT id FROM imports ORDER BY created_at, id').pluck().all() as number[]).map((id, k) => [id, k]));
  const rows = db
    .prepare(
      `SELECT r.id, s.name AS source, r.source_key, r.import_id, i.file_name, r.row_no, ${GOLDEN_ATTRIBUTES.map((a) => `r.${a}`).join(', ')}
         FROM records r JOIN sources s ON s.id = r.source_id JOIN imports i ON i.id = r.import_id
        WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
    )
    .all(JSON.stringify(ids)) as Record<string, unknown>[];
  return rows.map((r) => {
    const rank = sourcePriority.indexOf(r.source as string);
    return {
      id: r.id as number,
      source: r.source as string,
      sourceKey: (r.source_key as string | null) ?? null,
      importId: r.import_id as number,
      file: r.file_name as string,
      rowNo: r.row_no as number,
      sourceRank: rank < 0 ? Number.MAX_SAFE_INTEGER : rank,
      recency: (importRank.get(r.import_id as number) ?? 0) * 2 ** 32 + (r.id as number),
      values: Object.fromEntries(GOLDEN_ATTRIBUTES.map((a) => [a, (r[a] as string | null) ?? null])),
    };
  });
}
