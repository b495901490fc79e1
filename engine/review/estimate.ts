// Precision and recall of the latest run at its threshold, estimated from the review labels. The
// queue shows the pairs the model is least sure of first, so the labelled pairs are no random sample:
// a plain share of them would read far too low. Instead the run's scored pairs are cut into bands of
// model probability (ten below the threshold, ten above), each band's share of true matches is
// estimated from the labels in it — shrunk towards the model's own mean probability there with the
// weight of PRIOR labels, so a band with no label keeps the model's view — and the bands are summed
// weighted by how many scored pairs they hold. Pairs never scored are outside it (as in the model).
import type { DB } from '../db/sqlite.js';
import type { LatestRun } from '../resolve/store.js';
import type { LabelRow } from './labels-store.js';

export const BANDS = 20;
const PRIOR = 2;

export interface Bands {
  count: number[];
  sumP: number[];
}

export function bandOf(p: number, t: number): number {
  if (p < t) return Math.min(9, Math.max(0, Math.floor((p / t) * 10)));
  return 10 + Math.min(9, Math.max(0, Math.floor(((p - t) / (1 - t)) * 10)));
}

/** The run's scored pairs per band: how many, and the sum of their probabilities. */
export function runBands(db: DB, run: LatestRun): Bands {
  const t = run.threshold;
  const rows = db
    .prepare(
      `SELECT CASE WHEN probability < @t THEN min(9, max(0, CAST(probability / @t * 10 AS INTEGER)))
                   ELSE 10 + min(9, max(0, CAST((probability - @t) / (1 - @t) * 10 AS INTEGER))) END AS band,
              count(*) AS n, sum(probability) AS s
         FROM resolve_pairs WHERE run_id = @run GROUP BY band`,
    )
    .all({ t, run: run.id }) as { band: number; n: number; s: number }[];
  const out: Bands = { count: new Array(BANDS).fill(0), sumP: new Array(BANDS).fill(0) };
  for (const r of rows) {
    out.count[r.band] = r.n;
    out.sumP[r.band] = r.s;
  }
  return out;
}

export function estimate(db: DB, run: LatestRun, bands: Bands, judged: readonly LabelRow[]) {
  const t = run.threshold;
  const prob = db.prepare('SELECT probability FROM resolve_pairs WHERE run_id = ? AND a = ? AND b = ?').pluck();
  const labelled = new Array(BANDS).fill(0);
  const matches = new Array(BANDS).fill(0);
  let pairs = 0;
  for (const l of judged) {
    const p = prob.get(run.id, l.a, l.b) as number | undefined;
    if (p === undefined) continue;
    const k = bandOf(p, t);
    labelled[k]++;
    if (l.verdict === 'match') matches[k]++;
    pairs++;
  }
  let above = 0;
  let trueAbove = 0;
  let trueAll = 0;
  let bandsLabelled = 0;
  for (let k = 0; k < BANDS; k++) {
    const n = bands.count[k]!;
    if (n === 0) continue;
    if (labelled[k]) bandsLabelled++;
    const rate = (matches[k] + PRIOR * (bands.sumP[k]! / n)) / (labelled[k] + PRIOR);
    trueAll += n * rate;
    if (k >= 10) {
      above += n;
      trueAbove += n * rate;
    }
  }
  return {
    threshold: t,
    precision: above ? trueAbove / above : 0,
    recall: trueAll ? trueAbove / trueAll : 0,
    pairs,
    // with no label the figures are the model's own: said so, never "from 0 labels"
    basis:
      pairs === 0
        ? `no labelled pairs of this run yet: the model's own estimate, from the run's scored pairs in ${BANDS} bands of model probability and the model's mean probability in each`
        : `the run's scored pairs in ${BANDS} bands of model probability, each band's share of matches from its labels (${pairs} labelled pair${pairs === 1 ? '' : 's'} in ${bandsLabelled} band${bandsLabelled === 1 ? '' : 's'}) shrunk towards the model's own probability with the weight of ${PRIOR} labels`,
  };
}
