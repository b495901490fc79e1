// The leakage check: training stops when any feature read data from on or after the cutoff, naming
// the feature (never a customer's value) and what to do.
import { AerieError } from '../api/errors.js';
import type { FeatureTable } from './features.js';

export function checkLeakage(t: FeatureTable, cutoff: string): void {
  for (let k = 0; k < t.defs.length; k++) {
    const read = t.latestRead[k];
    if (read !== null && read !== undefined && read.slice(0, 10) >= cutoff) {
      const name = t.defs[k]!.name;
      throw new AerieError('BAD_DATA', `Leakage: the feature ${name} uses data from ${read.slice(0, 10)}, on or after the cutoff ${cutoff}; a model trained on it would look better than it is.`, {
        column: name,
        value: read.slice(0, 10),
        hint: `Compute ${name} from events before ${cutoff} only, or leave it out of the training.`,
      });
    }
  }
}
