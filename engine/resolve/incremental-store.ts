// The match index of a full run (migration 0011): each record's blocking keys per rule, the term
// frequencies of the compared values and each record's standardised forms, written after the run's entities, in sorted order (b-tree
// appends) and in chunks between yields. Read back by incremental runs, a key or value at a time.
import type { DB } from '../db/sqlite.js';
import { columnOf, hash53, recordRuleKeys, tfForm } from './incremental-keys.js';
import type { RunResult } from './pipeline.js';
import { recordForms, type Prepared } from './standardise.js';

/** What an incremental run needs to know of the full run besides its model (stored in the model's params). */
export interface MatchIndex {
  /** 2: each record's standardised forms are stored too (resolve_forms); 1: keys and counts only. */
  version: 1 | 2;
  /** Records the full run resolved (the block-size cap was set from it). */
  records: number;
  /** Largest block a rule kept. */
  cap: number;
  /** Values present per comparison (the denominator of its term frequencies). */
  tfTotals: number[];
}

/** Largest block of a rule, as blocking.ts sets it by default for n records. */
export const defaultCap = (n: number) => Math.floor(Math.sqrt(2 * Math.max(50_000, 10 * n)));

const KEYS_PER_STATEMENT = 200;

export async function storeMatchIndex(db: DB, runId: number, ids: Int32Array, res: RunResult, pause: () => Promise<void>, chunk = 50_000): Promise<MatchIndex> {
  // many rows per statement: at 1M records the keys are millions of rows, and a statement per row
  // cost more than the b-tree
  const putKeys = db.prepare(`INSERT OR IGNORE INTO resolve_keys (run_id, rule, key, record_id) VALUES ${new Array(KEYS_PER_STATEMENT).fill('(?, ?, ?, ?)').join(', ')}`);
  const putKey = db.prepare('INSERT OR IGNORE INTO resolve_keys (run_id, rule, key, record_id) VALUES (?, ?, ?, ?)');
  const args: number[] = new Array(4 * KEYS_PER_STATEMENT);
  const n = ids.length;
  for (let r = 0; r < res.blockingRules.length; r++) {
    const keys = res.blockingRules[r]!.keys;
    const hs: number[] = [];
    const recs: number[] = [];
    for (let k = 0; k < n; k++) {
      for (const key of recordRuleKeys(keys, k)) {
        hs.push(hash53(key));
        recs.push(ids[k]!);
      }
    }
    const order = Uint32Array.from(hs.keys()).sort((x, y) => hs[x]! - hs[y]! || recs[x]! - recs[y]!);
    for (let s = 0; s < order.length; s += chunk) {
      const end = Math.min(order.length, s + chunk);
      db.transaction(() => {
        let q = s;
        for (; q + KEYS_PER_STATEMENT <= end; q += KEYS_PER_STATEMENT) {
          for (let x = 0; x < KEYS_PER_STATEMENT; x++) {
            const o = order[q + x]!;
            args[4 * x] = runId;
            args[4 * x + 1] = r;
            args[4 * x + 2] = hs[o]!;
            args[4 * x + 3] = recs[o]!;
          }
          putKeys.run(args);
        }
        for (; q < end; q++) putKey.run(runId, r, hs[order[q]!]!, recs[order[q]!]!);
      })();
      await pause();
    }
  }
  const putTf = db.prepare('INSERT INTO resolve_tf (run_id, comparison, value, count) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, comparison, value) DO UPDATE SET count = count + excluded.count');
  const tfTotals: number[] = [];
  for (let ci = 0; ci < res.comparisons.length; ci++) {
    const col = columnOf(res.prepared, res.comparisons[ci]!.name);
    const counts = new Map<string, number>();
    let total = 0;
    if (col) {
      for (const v of tfForm(col)) {
        if (v === null) continue;
        counts.set(v, (counts.get(v) ?? 0) + 1);
        total++;
      }
    }
    tfTotals.push(total);
    // a value held once needs no row: an unknown value counts 1
    const rows = [...counts].filter(([, c]) => c > 1).map(([v, c]) => [hash53(v), c] as const).sort((x, y) => x[0] - y[0]);
    for (let s = 0; s < rows.length; s += chunk) {
      db.transaction(() => {
        for (let q = s; q < Math.min(rows.length, s + chunk); q++) putTf.run(runId, ci, rows[q]![0], rows[q]![1]);
      })();
      await pause();
    }
  }
  await storeForms(db, runId, ids, res.prepared, pause, chunk);
  return { version: 2, records: n, cap: defaultCap(n), tfTotals };
}

const FORMS_PER_STATEMENT = 100;

/** Each record's standardised forms (standardise.ts recordForms), in record-id order, chunked between yields. */
export async function storeForms(db: DB, runId: number, ids: ArrayLike<number>, p: Prepared, pause: () => Promise<void>, chunk = 50_000): Promise<void> {
  const many = db.prepare(`INSERT OR REPLACE INTO resolve_forms (run_id, record_id, forms) VALUES ${new Array(FORMS_PER_STATEMENT).fill('(?, ?, ?)').join(', ')}`);
  const one = db.prepare('INSERT OR REPLACE INTO resolve_forms (run_id, record_id, forms) VALUES (?, ?, ?)');
  const args: (number | string)[] = new Array(3 * FORMS_PER_STATEMENT);
  // row k of p is record ids[k]; written in id order so the b-tree only appends
  const order = Uint32Array.from(Array.from(ids).keys()).sort((x, y) => ids[x]! - ids[y]!);
  for (let s = 0; s < order.length; s += chunk) {
    const end = Math.min(order.length, s + chunk);
    db.transaction(() => {
      let q = s;
      for (; q + FORMS_PER_STATEMENT <= end; q += FORMS_PER_STATEMENT) {
        for (let x = 0; x < FORMS_PER_STATEMENT; x++) {
          const o = order[q + x]!;
          args[3 * x] = runId;
          args[3 * x + 1] = ids[o]!;
          args[3 * x + 2] = JSON.stringify(recordForms(p, o));
        }
        many.run(args);
      }
      for (; q < end; q++) one.run(runId, ids[order[q]!]!, JSON.stringify(recordForms(p, order[q]!)));
    })();
    await pause();
  }
}

/** A record's stored standardised forms (undefined: none stored, e.g. a run made before they were). */
export function storedForms(db: DB): (runId: number, recordId: number) => unknown[] | undefined {
  const st = db.prepare('SELECT forms FROM resolve_forms WHERE run_id = ? AND record_id = ?').pluck();
  return (runId, recordId) => {
    const f = st.get(runId, recordId) as string | undefined;
    return f === undefined ? undefined : (JSON.parse(f) as unknown[]);
  };
}

/** Records of the run holding a key under a rule. */
/** Records of the run holding a key under a rule, at most `limit` (a block past the cap is not used). */
export function keyedRecords(db: DB): (runId: number, rule: number, key: number, limit: number) => number[] {
  const st = db.prepare('SELECT record_id FROM resolve_keys WHERE run_id = ? AND rule = ? AND key = ? LIMIT ?').pluck();
  return (runId, rule, key, limit) => st.all(runId, rule, key, limit) as number[];
}

/** How many of the full run's records held a value (undefined: one or none, the run stored no row). */
export function tfCounts(db: DB): (runId: number, comparison: number, value: string) => number | undefined {
  const st = db.prepare('SELECT count FROM resolve_tf WHERE run_id = ? AND comparison = ? AND value = ?').pluck();
  return (runId, comparison, value) => st.get(runId, comparison, hash53(value)) as number | undefined;
}

/** Store the blocking keys of records added by an incremental run (rule index, key hash, record id). */
export function insertKeys(db: DB, runId: number, rows: [number, number, number][]): void {
  const st = db.prepare('INSERT OR IGNORE INTO resolve_keys (run_id, rule, key, record_id) VALUES (?, ?, ?, ?)');
  for (const [rule, key, rec] of rows) st.run(runId, rule, key, rec);
}

/** Store the standardised forms of records added by an incremental run (inside its transaction). */
export function insertForms(db: DB, runId: number, ids: ArrayLike<number>, p: Prepared): void {
  const st = db.prepare('INSERT OR REPLACE INTO resolve_forms (run_id, record_id, forms) VALUES (?, ?, ?)');
  for (let k = 0; k < ids.length; k++) st.run(runId, ids[k]!, JSON.stringify(recordForms(p, k)));
}
