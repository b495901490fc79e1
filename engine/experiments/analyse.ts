// Analysis of one experiment from unit-level rows: SRM first, then each treatment arm against
// control (frequentist, Bayesian — exact beta for rates, normal approximation for means —, CUPED with a pre-period column), Holm across arms.
import { betaBinomial, flipBayes, normalMeans, type BayesView } from './bayes.js';
import { monitorGroupSequential, type SequentialChoice, type SequentialView } from './group-sequential.js';
import { monitorProportions, type Look } from './sequential.js';
import { compareMeans, compareProportions, cuped, holm, sampleRatioMismatch, summarise, type Comparison } from './frequentist.js';

export interface Row { arm: string; outcome: number; pre?: number; date?: string }

export interface ArmComparison {
  arm: string;
  comparison: Comparison;
  holmP: number; // Holm-adjusted over the treatment arms (one comparison: equal to pValue)
  bayes: BayesView | null; // oriented by `better`: for churn, the probability treatment is LOWER
  cuped: { theta: number; varianceReduction: number; comparison: Comparison } | null;
  sequential: SequentialView | null; // rates with a date column: one look per date
}

export interface Analysis {
  metric: 'rate' | 'mean';
  control: string;
  arms: { arm: string; n: number; value: number; successes: number | null }[];
  srm: ReturnType<typeof sampleRatioMismatch> & { shares: number[] };
  comparisons: ArmComparison[];
}

/** Cumulative counts per arm at the end of each date (ISO dates sort as text), as the analyst would have looked daily. */
function dailyLooks(control: Row[], treatment: Row[]): Look[] {
  const dates = [...new Set([...control, ...treatment].map((r) => r.date!))].sort();
  const cumulative = (rows: Row[]) => {
    const per = new Map<string, { n: number; s: number }>();
    for (const r of rows) {
      const c = per.get(r.date!) ?? per.set(r.date!, { n: 0, s: 0 }).get(r.date!)!;
      c.n++; c.s += r.outcome;
    }
    let n = 0, s = 0;
    return dates.map((d) => { n += per.get(d)?.n ?? 0; s += per.get(d)?.s ?? 0; return { n, successes: s }; });
  };
  const a = cumulative(control), b = cumulative(treatment);
  // a look needs units in both arms
  return dates.map((_, i) => ({ control: a[i]!, treatment: b[i]! })).filter((l) => l.control.n > 0 && l.treatment.n > 0);
}

/**
 * The daily looks of a file are the whole experiment, so its last date is the planned end: α is
 * spent by the share of units seen so far (group sequential), or the mSPRT is run over them.
 */
function dailySequential(looks: Look[], alpha: number, choice: SequentialChoice): SequentialView {
  return choice === 'msprt' ? monitorProportions(looks, alpha) : monitorGroupSequential(looks, alpha, { spending: choice });
}

export function analyse(rows: Row[], o: { metric: 'rate' | 'mean'; control?: string; shares?: number[]; confidence?: number; alpha?: number; better?: 'higher' | 'lower'; sequential?: SequentialChoice }): Analysis {
  const byArm = new Map<string, Row[]>();
  for (const r of rows) (byArm.get(r.arm) ?? byArm.set(r.arm, []).get(r.arm)!).push(r);
  const names = [...byArm.keys()].sort();
  if (names.length < 2) throw new RangeError(`an experiment needs at least two arms; found ${names.length}.`);
  const control = o.control ?? names[0]!;
  if (!byArm.has(control)) throw new RangeError(`control arm ${JSON.stringify(control)} is not among the arms (${names.map((n) => JSON.stringify(n)).join(', ')}).`);
  const order = [control, ...names.filter((n) => n !== control)];
  const shares = o.shares ?? order.map(() => 1 / order.length);
  if (shares.length !== order.length) throw new RangeError(`give one planned share per arm (${order.length} arms, in the order ${order.join(', ')}; got ${shares.length}).`);
  const conf = o.confidence ?? 0.95;
  const orient = (v: BayesView) => (o.better === 'lower' ? flipBayes(v) : v);
  const counts = (arm: string) => {
    const rs = byArm.get(arm)!;
    return { n: rs.length, successes: rs.reduce((s, r) => s + r.outcome, 0) };
  };
  const withPre = rows.length > 0 && rows.every((r) => r.pre !== undefined);
  const withDate = rows.length > 0 && rows.every((r) => r.date !== undefined);
  const treatments = order.slice(1).map((arm) => {
    const a = byArm.get(control)!, b = byArm.get(arm)!;
    const comparison = o.metric === 'rate'
      ? compareProportions(counts(control), counts(arm), conf)
      : compareMeans(summarise(a.map((r) => r.outcome)), summarise(b.map((r) => r.outcome)), conf);
    return {
      arm, comparison,
      bayes: orient(o.metric === 'rate' ? betaBinomial(counts(control), counts(arm)) : normalMeans(summarise(a.map((r) => r.outcome)), summarise(b.map((r) => r.outcome)))),
      sequential: o.metric === 'rate' && withDate ? dailySequential(dailyLooks(a, b), o.alpha ?? 0.05, o.sequential ?? 'obrien-fleming') : null,
      cuped: withPre ? cuped({ y: a.map((r) => r.outcome), x: a.map((r) => r.pre!) }, { y: b.map((r) => r.outcome), x: b.map((r) => r.pre!) }, conf) : null,
    };
  });
  // Holm over the p-values shown as the headline: CUPED's where a covariate was given
  const adjusted = holm(treatments.map((t) => (t.cuped ?? t).comparison.pValue));
  return {
    metric: o.metric,
    control,
    arms: order.map((arm) => {
      const c = counts(arm);
      return { arm, n: c.n, value: c.successes / c.n, successes: o.metric === 'rate' ? c.successes : null };
    }),
    srm: { ...sampleRatioMismatch(order.map((a) => byArm.get(a)!.length), shares), shares },
    comparisons: treatments.map((t, i) => ({ ...t, holmP: adjusted[i]! })),
  };
}
