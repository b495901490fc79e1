// resolve.evaluate over the workspace: the latest run's records (its members, every record it
// resolved), its stored scored pairs and entities, against labels read now (labels.ts).
import type { ResolveLabels } from '../api/resolve-evaluation.js';
import type { DB } from '../db/sqlite.js';
import type { AllowedRoots } from '../session/roots.js';
import { fitPlatt, reliability } from './calibration.js';
import { clusterMetrics } from './evaluate.js';
import { chooserThresholds, entityPairwise, pairKey, thresholdCurve, truePairsScored, truthPairs, type Truth } from './evaluation.js';
import { columnLabels, pairLabels, reviewLabels } from './labels.js';
import type { LatestRun } from './store.js';

export function evaluateRun(db: DB, roots: AllowedRoots, run: LatestRun, labels: ResolveLabels) {
  // dense index per record of the run, and each record's entity as a number
  const members = db.prepare('SELECT record_id, entity_id FROM resolve_members WHERE run_id = ? ORDER BY record_id').raw().all(run.id) as [number, string][];
  const n = members.length;
  const index = new Map<number, number>();
  const entityNo = new Map<string, number>();
  const entity = new Int32Array(n);
  members.forEach(([rec, ent], k) => {
    index.set(rec, k);
    let e = entityNo.get(ent);
    if (e === undefined) entityNo.set(ent, (e = entityNo.size));
    entity[k] = e;
  });
  const stored = db.prepare('SELECT a, b, probability, weight FROM resolve_pairs WHERE run_id = ?').raw().all(run.id) as [number, number, number, number][];
  const a = new Int32Array(stored.length);
  const b = new Int32Array(stored.length);
  const probability = new Float64Array(stored.length);
  const weight = new Float64Array(stored.length);
  let P = 0;
  for (const [x, y, p, w] of stored) {
    const i = index.get(x);
    const j = index.get(y);
    if (i === undefined || j === undefined) continue;
    a[P] = i;
    b[P] = j;
    weight[P] = w;
    probability[P++] = p;
  }
  const scored = { a: a.subarray(0, P), b: b.subarray(0, P), probability: probability.subarray(0, P) };

  let truth: Truth;
  let records: number;
  let unmatched: number;
  if (labels.kind === 'column') {
    const values = columnLabels(db, labels.source, labels.column);
    const label: (string | null)[] = new Array(n).fill(null);
    records = 0;
    unmatched = 0;
    for (const [rec, v] of values) {
      const k = index.get(rec);
      if (k === undefined) continue;
      if (v === null) unmatched++;
      else (label[k] = v), records++;
    }
    truth = { kind: 'column', label };
  } else if (labels.kind === 'review') {
    const read = reviewLabels(db);
    const pairs = new Set<number>();
    const judged = new Set<number>();
    const seen = new Set<number>();
    unmatched = 0;
    for (const [list, isMatch] of [[read.matches, true], [read.nonMatches, false]] as const) {
      for (const [x, y] of list) {
        const i = index.get(x);
        const j = index.get(y);
        if (i === undefined || j === undefined) {
          unmatched++;
          continue;
        }
        judged.add(pairKey(n, i, j));
        if (isMatch) pairs.add(pairKey(n, i, j));
        seen.add(i).add(j);
      }
    }
    truth = { kind: 'pairs', pairs, n, judged };
    records = seen.size;
  } else {
    const read = pairLabels(db, roots.check(labels.path), labels);
    const pairs = new Set<number>();
    unmatched = read.unmatched;
    for (const [x, y] of read.pairs) {
      const i = index.get(x);
      const j = index.get(y);
      // a labelled record the run did not resolve (imported since) cannot be judged
      if (i === undefined || j === undefined) unmatched++;
      else pairs.add(pairKey(n, i, j));
    }
    truth = { kind: 'pairs', pairs, n };
    records = n;
  }

  const curve = thresholdCurve(n, scored, truth, chooserThresholds());
  const [atThreshold] = thresholdCurve(n, scored, truth, [run.threshold]);
  const best = curve.reduce((x, y) => (y.f1 > x.f1 ? y : x), curve[0]!);
  const ent = entityPairwise(entity, truth);
  let cluster = null;
  if (truth.kind === 'column') {
    const labelled: number[] = [];
    const truthOf: string[] = [];
    truth.label.forEach((l, k) => l !== null && (labelled.push(entity[k]!), truthOf.push(l)));
    cluster = clusterMetrics(labelled, truthOf);
  }
  const { truePairs, judged, isTrue } = truthPairs(truth, n);
  // calibration on the judged scored pairs
  const cw: number[] = [];
  const cp: number[] = [];
  const cy: number[] = [];
  for (let p = 0; p < P; p++) {
    if (!judged(a[p]!, b[p]!)) continue;
    cw.push(weight[p]!);
    cp.push(probability[p]!);
    cy.push(isTrue(a[p]!, b[p]!) ? 1 : 0);
  }
  const platt = fitPlatt(cw, cy);
  return {
    runId: run.runId,
    threshold: run.threshold,
    labels: { kind: labels.kind, records, truePairs, truePairsScored: truePairsScored(n, scored, truth), unmatched },
    atThreshold: atThreshold!,
    entities: { precision: ent.precision, recall: ent.recall, f1: ent.f1, predictedPairs: ent.predictedPairs, truePositives: ent.truePositives },
    cluster,
    calibration: platt ? { a: platt.a, b: platt.b, pairs: cw.length, bins: reliability(cw, cp, cy, platt) } : null,
    curve,
    best,
  };
}
