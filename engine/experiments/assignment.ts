// Deterministic hashed assignment of units to arms. The hash of (per-experiment salt, unit) decides,
// so the same unit always gets the same arm in the same experiment, and different experiments
// (different salts) assign independently. The holdout is drawn from a separate hash so it does not
// correlate with the arm. With a stratum column, units are dealt to arms within each stratum in hash
// order, so every stratum is balanced to within one unit per arm; that deal depends on the stratum's
// whole unit list, which is why assignments are stored once made rather than recomputed.
import { createHash } from 'node:crypto';

export interface ArmShare { name: string; share: number }
export interface Unit { unit: string; stratum?: string }
export interface Assignment { unit: string; stratum: string | null; arm: string } // arm 'holdout' for held-out units

/** A uniform number in [0, 1) from the salt and the unit (SHA-256, top 53 bits). */
export function unitHash(salt: string, unit: string): number {
  const h = createHash('sha256').update(salt).update('\u0000').update(unit).digest();
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

export function assign(units: Unit[], o: { salt: string; arms: ArmShare[]; holdout?: number; stratified?: boolean }): Assignment[] {
  if (o.arms.length < 2) throw new RangeError(`an experiment needs at least two arms (got ${o.arms.length}).`);
  if (o.arms.some((a) => !(a.share > 0))) throw new RangeError('every arm needs a share > 0.');
  if (new Set(o.arms.map((a) => a.name)).size !== o.arms.length || o.arms.some((a) => a.name === HOLDOUT)) throw new RangeError(`arm names must be distinct and not "${HOLDOUT}".`);
  const holdout = o.holdout ?? 0;
  if (!(holdout >= 0 && holdout < 1)) throw new RangeError(`holdout must be a share in [0, 1) (got ${holdout}).`);
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.unit)) throw new RangeError('a unit id appears twice in the list; each unit is assigned once.');
    seen.add(u.unit);
  }
  const out = new Map<string, Assignment>();
  const active: Unit[] = [];
  for (const u of units) {
    if (holdout > 0 && unitHash(`${o.salt}:holdout`, u.unit) < holdout) out.set(u.unit, { unit: u.unit, stratum: u.stratum ?? null, arm: HOLDOUT });
    else active.push(u);
  }
  if (!o.stratified) {
    for (const u of active) out.set(u.unit, { unit: u.unit, stratum: u.stratum ?? null, arm: pick(o.arms, unitHash(o.salt, u.unit)) });
  } else {
    const strata = new Map<string, Unit[]>();
    for (const u of active) (strata.get(u.stratum ?? '') ?? strata.set(u.stratum ?? '', []).get(u.stratum ?? '')!).push(u);
    const total = o.arms.reduce((s, a) => s + a.share, 0);
    for (const [stratum, list] of strata) {
      const ranked = list.map((u) => ({ u, h: unitHash(`${o.salt}:${stratum}`, u.unit) })).sort((a, b) => a.h - b.h || (a.u.unit < b.u.unit ? -1 : 1));
      // deal by largest deficit against the target share: counts stay within one of n·share
      const counts = o.arms.map(() => 0);
      ranked.forEach(({ u }, k) => {
        let best = 0, bestGap = -Infinity;
        o.arms.forEach((a, i) => {
          const gap = ((k + 1) * a.share) / total - counts[i]!;
          if (gap > bestGap + 1e-12) { best = i; bestGap = gap; }
        });
        counts[best]!++;
        out.set(u.unit, { unit: u.unit, stratum: u.stratum ?? null, arm: o.arms[best]!.name });
      });
    }
  }
  return units.map((u) => out.get(u.unit)!);
}
