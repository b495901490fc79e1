// Experiment methods. Library RangeErrors (bad statistics inputs) become INVALID_INPUT for callers.
import { AerieError } from '../api/errors.js';
import { handlers } from '../session/handler.js';
import { analyse } from './analyse.js';
import { readOutcomes } from './outcome-file.js';
import { sampleSize } from './power.js';
import { roi } from './roi.js';

function invalidOnRange<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError) throw new AerieError('INVALID_INPUT', e.message);
    throw e;
  }
}

export const experimentsHandlers = handlers({
  'experiments.power': (i) =>
    invalidOnRange(() => ({ ...sampleSize(i), method: 'two-sided normal approximation; rates: pooled variance under H0, unpooled under H1 (Fleiss, no continuity correction)' })),
  'experiments.analyse': (i, ctx) => {
    const path = ctx.roots.check(i.path);
    const rows = readOutcomes(path, { arm: i.arm, outcome: i.outcome, pre: i.pre, date: i.date, metric: i.metric });
    return invalidOnRange(() => analyse(rows, { metric: i.metric, control: i.control, shares: i.shares }));
  },
  'experiments.roi': (i) => invalidOnRange(() => roi(i)),
});
