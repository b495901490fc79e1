// resolve.plan: what a run would do, without running it — the column roles, the blocking rules with
// their comparison counts (under the analyst's set-up, setup.ts), and the share of key-proven pairs (same email or phone) the candidates
// reach, as an estimate of blocking recall where no labels exist.
import type { DB } from '../db/sqlite.js';
import { keyGroups } from '../records/keys.js';
import type { ResolveSetup } from '../api/resolve.js';
import { blockingKeys, candidatePairs } from './blocking.js';
import { effectiveSetup, setupRoles, setupRules } from './setup.js';
import { standardise } from './standardise.js';
import { rawColumnRoles, workspaceTable } from './workspace-records.js';

/** Most key-proven pairs checked for the recall estimate. */
const RECALL_SAMPLE = 20_000;

export function resolvePlan(db: DB, given?: ResolveSetup, country = 'GB') {
  const { setup, from } = effectiveSetup(db, given);
  const { ids, table } = workspaceTable(db);
  if (ids.length < 2) return { records: ids.length, roles: [], rules: [], keys: [], setup, setupFrom: from, candidatePairs: 0, estimatedRecall: null, recallBasis: 'fewer than two records' };
  const roles = setupRoles(table, setup);
  const prepared = standardise(table, roles, { country });
  const all = setupRules(prepared, setup, {}, from === 'input');
  const cand = candidatePairs(prepared, all.filter((r) => r.on));
  const n = ids.length;
  const index = new Map<number, number>();
  ids.forEach((id, k) => index.set(id, k));
  const reached = new Set<number>();
  for (let p = 0; p < cand.a.length; p++) reached.add(cand.a[p]! * n + cand.b[p]!);
  let tried = 0;
  let hit = 0;
  for (const key of ['email', 'phone'])
    for (const g of keyGroups(db, key)) {
      for (let x = 0; x < g.length && tried < RECALL_SAMPLE; x++)
        for (let y = x + 1; y < g.length && tried < RECALL_SAMPLE; y++) {
          const i = index.get(g[x]!);
          const j = index.get(g[y]!);
          if (i === undefined || j === undefined) continue;
          tried++;
          if (reached.has(Math.min(i, j) * n + Math.max(i, j))) hit++;
        }
    }
  return {
    records: n,
    roles: [
      ...roles.filter((r) => r.column !== 'id').map((r) => ({ source: null, column: r.column, role: r.role, reason: r.reason, used: r.role !== 'ignore' })),
      ...rawColumnRoles(db).map((r) => ({ ...r, role: r.role as (typeof roles)[number]['role'], used: false })),
    ],
    rules: all.map((r) => ({ name: r.name, comparisons: r.comparisons, capped: r.capped, on: r.on, added: r.added })),
    keys: blockingKeys(prepared).map((k) => k.name),
    setup,
    setupFrom: from,
    candidatePairs: cand.a.length,
    estimatedRecall: tried ? hit / tried : null,
    recallBasis: tried ? `${tried} pairs of records sharing an email or phone` : 'no records share an email or phone',
  };
}
