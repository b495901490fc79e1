// Cannot-links in an incremental run (a review "not a match" across two entities, see
// golden/decisions.ts cannotLinkPair): which records each cluster being formed holds that must stay
// apart from a record elsewhere, so that no new record or group of new records bridges two sides.
// Clusters are named by entity id, or `#<root>` for a group of new records. Steward decisions are few,
// so the sets stay small.

export class ApartSets {
  private readonly partners = new Map<number, number[]>();
  private readonly held = new Map<string, Set<number>>();

  constructor(pairs: readonly (readonly [number, number])[]) {
    const add = (x: number, y: number) => {
      const l = this.partners.get(x);
      if (l) l.push(y);
      else this.partners.set(x, [y]);
    };
    for (const [a, b] of pairs) {
      add(a, b);
      add(b, a);
    }
  }

  get empty(): boolean {
    return this.partners.size === 0;
  }

  /** Records named by a cannot-link. */
  records(): number[] {
    return [...this.partners.keys()];
  }

  /** `record` is in `cluster`. */
  mark(cluster: string, record: number): void {
    if (!this.partners.has(record)) return;
    const s = this.held.get(cluster);
    if (s) s.add(record);
    else this.held.set(cluster, new Set([record]));
  }

  holds(cluster: string): ReadonlySet<number> {
    return this.held.get(cluster) ?? new Set();
  }

  /** Whether a cluster holding `records` must stay apart from `cluster`. */
  conflicts(records: ReadonlySet<number>, cluster: string): boolean {
    const other = this.held.get(cluster);
    if (!other || records.size === 0) return false;
    for (const r of records) for (const p of this.partners.get(r)!) if (other.has(p)) return true;
    return false;
  }

  /** `from` becomes part of `into`. */
  join(into: string, from: string): void {
    const s = this.held.get(from);
    if (!s || into === from) return;
    for (const r of s) this.mark(into, r);
    this.held.delete(from);
  }
}
