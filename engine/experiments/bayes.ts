// Bayesian beta-binomial view with uniform Beta(1, 1) priors, computed exactly (no sampling):
// P(treatment beats control) by the closed-form sum over the treatment's integer α (Evan Miller),
// and the expected loss of each choice from the same identity applied to shifted parameters.
import { lnBeta, normalCdf } from './distributions.js';

/** P(X > Y) for X ~ Beta(a, b), Y ~ Beta(c, d); a must be a whole number. */
export function probGreater(a: number, b: number, c: number, d: number): number {
  if (!Number.isInteger(a)) throw new RangeError(`probGreater needs a whole-number α for X (got ${a}).`);
  let total = 0;
  const base = lnBeta(c, d);
  for (let i = 0; i < a; i++) total += Math.exp(lnBeta(c + i, d + b) - Math.log(b + i) - lnBeta(1 + i, b) - base);
  return Math.min(1, Math.max(0, total));
}

export interface BayesView {
  prior: string;
  probTreatmentBeats: number;
  expectedLossTreatment: number; // E[max(control − treatment, 0)]: what choosing treatment costs if wrong
  expectedLossControl: number; // E[max(treatment − control, 0)]
}

export function betaBinomial(control: { n: number; successes: number }, treatment: { n: number; successes: number }): BayesView {
  const [aA, bA] = [1 + control.successes, 1 + control.n - control.successes];
  const [aB, bB] = [1 + treatment.successes, 1 + treatment.n - treatment.successes];
  const mA = aA / (aA + bA), mB = aB / (aB + bB);
  const pBA = probGreater(aB, bB, aA, bA);
  // E[pA·1{pA>pB}] = mean_A · P(Beta(aA+1, bA) > pB); likewise for the other terms.
  const lossB = mA * probGreater(aA + 1, bA, aB, bB) - mB * probGreater(aA, bA, aB + 1, bB);
  const lossA = mB * probGreater(aB + 1, bB, aA, bA) - mA * probGreater(aB, bB, aA + 1, bA);
  return { prior: 'Beta(1, 1) on each arm', probTreatmentBeats: pBA, expectedLossTreatment: Math.max(0, lossB), expectedLossControl: Math.max(0, lossA) };
}

/**
 * Means: the normal approximation to each arm's posterior under a flat prior, mean ~ N(x̄, s²/n),
 * so the difference D = treatment − control ~ N(d, se²). P(D > 0) = Φ(d / se); the expected loss of
 * choosing treatment is E[max(−D, 0)] = se·φ(d/se) − d·Φ(−d/se), and of control E[max(D, 0)].
 */
export function normalMeans(control: { n: number; mean: number; variance: number }, treatment: { n: number; mean: number; variance: number }): BayesView {
  const d = treatment.mean - control.mean;
  const se = Math.sqrt(control.variance / control.n + treatment.variance / treatment.n);
  if (!(se > 0)) return { prior: MEANS_PRIOR, probTreatmentBeats: d > 0 ? 1 : d < 0 ? 0 : 0.5, expectedLossTreatment: Math.max(0, -d), expectedLossControl: Math.max(0, d) };
  const z = d / se, pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return {
    prior: MEANS_PRIOR,
    probTreatmentBeats: normalCdf(z),
    expectedLossTreatment: Math.max(0, se * pdf - d * normalCdf(-z)),
    expectedLossControl: Math.max(0, se * pdf + d * normalCdf(z)),
  };
}
const MEANS_PRIOR = 'flat prior; normal approximation to each mean’s posterior';

/** The same view when lower is better (churn): the beta view of the complement, or the negated difference. */
export function flipBayes(v: BayesView): BayesView {
  return { ...v, probTreatmentBeats: 1 - v.probTreatmentBeats, expectedLossTreatment: v.expectedLossControl, expectedLossControl: v.expectedLossTreatment };
}
