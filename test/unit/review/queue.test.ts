// The review queue's order on a small hand-made run in a real encrypted file: each kind ranked on
// its own (nearest the threshold by match weight; weakest spanning-tree link; largest entity; a
// household inside one entity, an initial or short form of a name not counting), the kinds taken in
// turn, and a pair several kinds name listed once with all its reasons; on the same run, the side a
// non-match splits off and the precision / recall estimate.
import { join } from 'node:path';
import * as sqliteVec from 'sqlite-vec';
import { afterAll, describe, expect, it } from 'vitest';
import { applyKey } from '../../../engine/db/cipher.js';
import { migrate } from '../../../engine/db/migrate.js';
import { migrations } from '../../../engine/db/migrations/index.js';
import { Database } from '../../../engine/db/sqlite.js';
import { splitSide } from '../../../engine/review/binding.js';
import { estimate, runBands } from '../../../engine/review/estimate.js';
import type { LabelRow, LabelState } from '../../../engine/review/labels-store.js';
import { buildQueue } from '../../../engine/review/queue.js';
import type { LatestRun } from '../../../engine/resolve/store.js';
import { PASS, tempDir } from '../../helpers/tmp.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('review queue', () => {
  it('ranks each kind on its own and takes the kinds in turn', () => {
    const db = new Database(join(tmp.dir, 'queue.aerie'));
    applyKey(db, PASS);
    db.loadExtension(sqliteVec.getLoadablePath());
    try {
      migrate(db, 'test', migrations);
      db.pragma('foreign_keys = OFF');
      // records: 1–4 one entity (1 and 2 at one address, "jon" / "jonathan"), 5–6 another (a
      // household: one address, other given names), 7 and 8 alone
      const people: [number, string, string][] = [
        [1, 'Jon', '1 High St'],
        [2, 'Jonathan', '1 High St'],
        [3, 'Jon', '9 Low Rd'],
        [4, 'J', '9 Low Rd'],
        [5, 'Anna', '2 Mill Lane'],
        [6, 'Peter', '2 mill  lane'],
        [7, 'Ann', '5 Elm Way'],
        [8, 'Bea', '6 Elm Way'],
      ];
      const rec = db.prepare("INSERT INTO records (id, import_id, row_no, source_id, given_name, family_name, address_line, postcode, raw) VALUES (?, 1, ?, 1, ?, 'Smith', ?, 'AB1 2CD', '[]')");
      for (const [id, given, address] of people) rec.run(id, id, given, address);
      db.prepare("INSERT INTO resolve_runs (id, job_id, created_at, threshold, summary) VALUES (1, 'j', 'now', 0.5, '{}')").run();
      const member = db.prepare('INSERT INTO resolve_members (run_id, record_id, entity_id) VALUES (1, ?, ?)');
      for (const [r, e] of [[1, 'E1'], [2, 'E1'], [3, 'E1'], [4, 'E1'], [5, 'E2'], [6, 'E2'], [7, 'E3'], [8, 'E4']] as const) member.run(r, e);
      const ent = db.prepare('INSERT INTO resolve_entities (run_id, id, size) VALUES (1, ?, ?)');
      for (const [e, n] of [['E1', 4], ['E2', 2], ['E3', 1], ['E4', 1]] as const) ent.run(e, n);
      const w = (p: number) => Math.log2(p / (1 - p));
      const pair = db.prepare("INSERT INTO resolve_pairs (run_id, a, b, probability, weight, rule, levels, tf) VALUES (1, ?, ?, ?, ?, 0, x'00', x'00')");
      for (const [a, b, p] of [[1, 2, 0.99], [2, 3, 0.98], [1, 3, 0.97], [3, 4, 0.6], [5, 6, 0.9], [1, 7, 0.52], [7, 8, 0.45]] as const) pair.run(a, b, p, w(p));

      const q = buildQueue(db, 1, 0.5).map((it) => [`${it.a}-${it.b}`, it.reasons, it.size]);
      expect(q).toEqual([
        ['1-7', ['nearThreshold'], 0],
        ['5-6', ['household', 'weakEntity', 'nearThreshold'], 2],
        // the weakest link of entity E1 is 3–4, the only edge of its spanning tree below 0.97
        ['3-4', ['weakEntity', 'largeEntity', 'nearThreshold'], 4],
        ['7-8', ['nearThreshold'], 0],
        ['1-3', ['nearThreshold'], 0],
        ['2-3', ['nearThreshold'], 0],
        ['1-2', ['nearThreshold'], 0],
      ]);
      // fewer per kind: only the best of each
      expect(buildQueue(db, 1, 0.5, 1).map((it) => `${it.a}-${it.b}`)).toEqual(['1-7', '5-6', '3-4']);

      // a non-match splits off the side that falls away once the pair's link is cut (the smaller),
      // else the one record; labelled non-matches are cut too
      const run = { id: 1, threshold: 0.5 } as LatestRun;
      const none: LabelState = { inForce: [], byPair: new Map(), lastId: 0, undos: 0 };
      expect(splitSide(db, run, [1, 2, 3, 4], 3, 4, none)).toEqual([4]);
      expect(splitSide(db, run, [1, 2, 3, 4], 1, 2, none)).toEqual([2]);
      const cut = { a: 1, b: 3, verdict: 'nonMatch' } as LabelRow;
      const labels: LabelState = { inForce: [cut], byPair: new Map([['1-3', cut]]), lastId: 1, undos: 0 };
      expect(splitSide(db, run, [1, 2, 3, 4], 1, 2, labels)).toEqual([1]);

      // the estimate: with no label, the model's own view; a non-match pulls its band down (shrunk
      // towards the model's 0.6 with the weight of two labels: (0 + 2 × 0.6) / 3 = 0.4)
      const bands = runBands(db, run);
      const above = 0.99 + 0.98 + 0.97 + 0.6 + 0.9 + 0.52;
      const none0 = estimate(db, run, bands, []);
      expect(none0.precision).toBeCloseTo(above / 6, 9);
      expect(none0.recall).toBeCloseTo(above / (above + 0.45), 9);
      const one = estimate(db, run, bands, [{ a: 3, b: 4, verdict: 'nonMatch' } as LabelRow]);
      expect(one.precision).toBeCloseTo((above - 0.6 + 0.4) / 6, 9);
      expect(one.pairs).toBe(1);
    } finally {
      db.close();
    }
  });
});
