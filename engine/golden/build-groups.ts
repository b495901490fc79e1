// The grouping of a golden build, compact: at 1M records a Map of record → label string and a Map of
// label → record array cost several hundred MB. Here a record's group is an index in an Int32Array
// over its position, labels are interned once, and a record standing alone (`R<id>`) has no string
// until asked for.

/** Record id ↔ label, with get/set/has as on a Map (what bindDecisions and unbindUndone take). */
export class GroupLabels {
  /** Per record position: a label index (≥ 0), or -(position + 1) for the record's own label. */
  readonly of: Int32Array;
  readonly labels: string[] = [];
  private readonly indexOf = new Map<string, number>();

  constructor(
    /** Record ids, ascending. */
    readonly ids: Int32Array,
    /** Record id → position in `ids` (-1: none). */
    private readonly position: Int32Array,
  ) {
    this.of = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) this.of[k] = -(k + 1);
  }

  pos(r: number): number {
    return r >= 0 && r < this.position.length ? this.position[r]! : -1;
  }

  has(r: number): boolean {
    return this.pos(r) >= 0;
  }

  get(r: number): string | undefined {
    const k = this.pos(r);
    if (k < 0) return undefined;
    const l = this.of[k]!;
    return l >= 0 ? this.labels[l] : `R${r}`;
  }

  set(r: number, label: string): this {
    const k = this.pos(r);
    if (k >= 0) this.of[k] = this.intern(label);
    return this;
  }

  /** A label's code in `of`: `R<id>` of a present record is that record's own one. */
  intern(label: string): number {
    let l = this.indexOf.get(label);
    if (l !== undefined) return l;
    const own = /^R(\d+)$/.exec(label);
    if (own) {
      const k = this.pos(Number(own[1]));
      if (k >= 0) return -(k + 1);
    }
    l = this.labels.length;
    this.labels.push(label);
    this.indexOf.set(label, l);
    return l;
  }

  /** The groups, numbered in the order of their lowest record id. */
  toGroups(): Groups {
    const n = this.ids.length;
    const groupOfLabel = new Int32Array(this.labels.length).fill(-1);
    // a record's own label can be given to others (an undone split's records rejoining a lone record)
    const groupOfOwn = new Int32Array(n).fill(-1);
    const group = new Int32Array(n);
    let count = 0;
    for (let k = 0; k < n; k++) {
      const l = this.of[k]!;
      const at = l < 0 ? groupOfOwn : groupOfLabel;
      const i = l < 0 ? -(l + 1) : l;
      if (at[i]! < 0) at[i] = count++;
      group[k] = at[i]!;
    }
    const offsets = new Int32Array(count + 1);
    for (let k = 0; k < n; k++) offsets[group[k]! + 1]!++;
    for (let g = 0; g < count; g++) offsets[g + 1]! += offsets[g]!;
    const fill = offsets.slice(0, count);
    const members = new Int32Array(n);
    for (let k = 0; k < n; k++) members[fill[group[k]!]!++] = this.ids[k]!;
    const { position } = this;
    // only a decision's or an undone merge's label is ever looked up: keep those, not every entity's
    const named = new Map<string, number>();
    this.labels.forEach((label, l) => {
      if (groupOfLabel[l]! >= 0 && /^[DU]\d+$/.test(label)) named.set(label, groupOfLabel[l]!);
    });
    return {
      count,
      offsets,
      members,
      group,
      groupOf(r: number): number {
        const k = r >= 0 && r < position.length ? position[r]! : -1;
        return k >= 0 ? group[k]! : -1;
      },
      find(label: string): number | undefined {
        const g = named.get(label);
        if (g !== undefined) return g;
        const own = /^R(\d+)$/.exec(label);
        const r = own ? Number(own[1]) : -1;
        const k = r >= 0 && r < position.length ? position[r]! : -1;
        return k >= 0 && groupOfOwn[k]! >= 0 ? groupOfOwn[k] : undefined;
      },
    };
  }
}

/** Groups of record ids (CSR): group g holds members[offsets[g] .. offsets[g + 1]), ascending. */
export interface Groups {
  count: number;
  offsets: Int32Array;
  members: Int32Array;
  /** Record position → its group. */
  group: Int32Array;
  /** Record id → its group (-1: not a record of the build). */
  groupOf(r: number): number;
  /** The group a decision's `D<id>`, an undone merge's `U<id>` or a record's own `R<id>` label names, if any record has it. */
  find(label: string): number | undefined;
}

export const groupSize = (g: Groups, k: number): number => g.offsets[k + 1]! - g.offsets[k]!;
export const groupMembers = (g: Groups, k: number): Int32Array => g.members.subarray(g.offsets[k], g.offsets[k + 1]);
