// Deterministic hashed assignment of units to arms. The hash of (per-experiment salt, unit) decides,
// so the same unit always gets the same arm in the same experiment, and different experiments
// (different salts) assign independently. The holdout is drawn from a separate hash so it does not
// correlate with the arm. With a stratum column, units are dealt to arms within each stratum in hash
// order, so every stratum is balanced to within one unit per arm; that deal depends on the stratum's
// whole unit list, which is why assignments are stored once made rather than recomputed.
import * as crypto from 'node:crypto';

export interface ArmShare { name: string; share: number }
export interface Unit { unit: string; stratum?: string }
export interface Assignment { unit: string; stratum: string | null; arm: string } // arm 'holdout' for held-out units

// crypto.hash (Node ≥ 20.12) hashes the same UTF-8 bytes in one call, about 1.6× faster than createHash
const oneShot = (crypto as unknown as { hash?: (alg: string, data: string, enc: 'buffer') => Buffer }).hash;

/** A uniform number in [0, 1) from the salt and the unit (SHA-256, top 53 bits). */
export function unitHash(salt: string, unit: string): number {
  const h = oneShot ? oneShot('sha256', `${salt}\u0000${unit}`, 'buffer') : crypto.createHash('sha256').update(salt).update('\u0000').update(unit).digest();
  return (h.readUInt32BE(0) * 2 ** 21 + (h.readUInt32BE(4) >>> 11)) / 2 ** 53;
}

function pick(arms: ArmShare[], u: number): string {
  const total = arms.reduce((s, a) => s + a.share, 0);
  let acc = 0;
  for (const a of arms) {
    acc += a.share / total;
    if (u < acc) return a.name;
  }
  return arms[arms.length - 1]!.name;
}

export const HOLDOUT = 'holdout';

const STEP = 5_000;

export function assign(units: Unit[], o: AssignOptions): Assignment[] {
  const it = assignSteps(units, o);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

export interface AssignOptions { salt: string; arms: ArmShare[]; holdout?: number; stratified?: boolean }

/** Where a stepwise assignment is: the pass and the units it has done of its total. */
export interface AssignStep { pass: 'check' | 'holdout' | 'arms'; done: number; total: number }

/**
 * The assignment in steps of `step` units (the holdout draw, then the arms' hashes and each
 * stratum's deal): yields where it is, returns every unit's arm in input order. The assign job
 * pauses at each yield.
 */
export function* assignSteps(units: Unit[], o: AssignOptions, step = STEP): Generator<AssignStep, Assignment[]> {
  if (o.arms.length < 2) throw new RangeError(`an experiment needs at least two arms (got ${o.arms.length}).`);
  if (o.arms.some((a) => !(a.share > 0))) throw new RangeError('every arm needs a share > 0.');
  if (new Set(o.arms.map((a) => a.name)).size !== o.arms.length || o.arms.some((a) => a.name === HOLDOUT)) throw new RangeError(`arm names must be distinct and not "${HOLDOUT}".`);
  const holdout = o.holdout ?? 0;
  if (!(holdout >= 0 && holdout < 1)) throw new RangeError(`holdout must be a share in [0, 1) (got ${holdout}).`);
  const seen = new Set<string>();
  let checked = 0;
  for (const u of units) {
    if (seen.has(u.unit)) throw new RangeError('a unit id appears twice in the list; each unit is assigned once.');
    seen.add(u.unit);
    if (++checked % step === 0) yield { pass: 'check', done: checked, total: units.length };
  }
  seen.clear();
  const out = new Map<string, Assignment>();
  const active: Unit[] = [];
  let done = 0;
  if (holdout > 0) {
    for (const u of units) {
      if (unitHash(`${o.salt}:holdout`, u.unit) < holdout) out.set(u.unit, { unit: u.unit, stratum: u.stratum ?? null, arm: HOLDOUT });
      else active.push(u);
      if (++done % step === 0) yield { pass: 'holdout', done, total: units.length };
    }
  } else active.push(...units);
  done = 0;
  const total = active.length;
  if (!o.stratified) {
    for (const u of active) {
      out.set(u.unit, { unit: u.unit, stratum: u.stratum ?? null, arm: pick(o.arms, unitHash(o.salt, u.unit)) });
      if (++done % step === 0) yield { pass: 'arms', done, total };
    }
  } else {
    const strata = new Map<string, Unit[]>();
    for (const u of active) (strata.get(u.stratum ?? '') ?? strata.set(u.stratum ?? '', []).get(u.stratum ?? '')!).push(u);
    const shares = o.arms.reduce((s, a) => s + a.share, 0);
    for (const [stratum, list] of strata) {
      const h = new Float64Array(list.length);
      for (let k = 0; k < list.length; k++) {
        h[k] = unitHash(`${o.salt}:${stratum}`, list[k]!.unit);
        if (++done % step === 0) yield { pass: 'arms', done, total };
      }
      const order = Array.from({ length: list.length }, (_, k) => k).sort((a, b) => h[a]! - h[b]! || (list[a]!.unit < list[b]!.unit ? -1 : 1));
      // deal by largest deficit against the target share: counts stay within one of n·share
      const counts = o.arms.map(() => 0);
      order.forEach((idx, k) => {
        const u = list[idx]!;
        let best = 0, bestGap = -Infinity;
        o.arms.forEach((a, i) => {
          const gap = ((k + 1) * a.share) / shares - counts[i]!;
          if (gap > bestGap + 1e-12) { best = i; bestGap = gap; }
        });
        counts[best]!++;
        out.set(u.unit, { unit: u.unit, stratum: u.stratum ?? null, arm: o.arms[best]!.name });
      });
      yield { pass: 'arms', done, total };
    }
  }
  const result: Assignment[] = new Array(units.length);
  for (let k = 0; k < units.length; k++) {
    result[k] = out.get(units[k]!.unit)!;
    if ((k + 1) % step === 0) yield { pass: 'arms', done: total, total };
  }
  return result;
}
