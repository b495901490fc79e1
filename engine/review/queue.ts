// The review queue of one resolve run, most informative first. Four kinds of item, each a pair of
// records, each ranked on its own:
//   nearThreshold  scored pairs whose match weight is closest to the threshold's (the model is least sure);
//   weakEntity     per multi-record entity, the weakest link that holds it together (the smallest edge
//                  of its maximum spanning tree over the links at or above the threshold), weakest first;
//   largeEntity    the same link for the largest entities (3+ records), largest first;
//   household      links inside one entity between records at one address with other given names.
// The queue takes the best remaining item of each kind in turn, so every kind is seen early; a pair
// that several kinds name appears once, with all its reasons.
import type { ReviewReason } from '../api/review.js';
import type { DB } from '../db/sqlite.js';

export interface QueueItem {
  a: number;
  b: number;
  reasons: ReviewReason[];
  /** Entity size for entity reasons (0 otherwise). */
  size: number;
}

/** Items per kind (more than anyone labels between two runs; the queue is rebuilt after each run). */
export const PER_KIND = 2_000;

const weightOf = (p: number) => Math.log2(p / (1 - p));

function find(parent: Map<number, number>, x: number): number {
  let r = x;
  while (parent.get(r)! !== r) r = parent.get(r)!;
  while (parent.get(x)! !== r) {
    const next = parent.get(x)!;
    parent.set(x, r);
    x = next;
  }
  return r;
}

const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
const firstWord = (s: string | null) => norm(s).split(' ')[0] ?? '';

/** Two records at one address (line and postcode) with other given names; an initial or a shortened
 * form ("j", "jon" for "jonathan") is not another given name. */
function isHousehold(ga: string | null, la: string | null, pa: string | null, gb: string | null, lb: string | null, pb: string | null): boolean {
  const x = norm(la);
  if (!x || x !== norm(lb) || norm(pa).replace(/ /g, '') !== norm(pb).replace(/ /g, '')) return false;
  const g = firstWord(ga);
  const h = firstWord(gb);
  return g !== '' && h !== '' && !g.startsWith(h) && !h.startsWith(g);
}

export function buildQueue(db: DB, runId: number, threshold: number, perKind = PER_KIND): QueueItem[] {
  const tw = weightOf(Math.min(0.999999, Math.max(1e-6, threshold)));

  // nearest the threshold from above and from below (two walks of the probability index)
  const above = db.prepare('SELECT a, b, weight FROM resolve_pairs WHERE run_id = ? AND probability >= ? ORDER BY probability LIMIT ?').raw().all(runId, threshold, perKind) as [number, number, number][];
  const below = db.prepare('SELECT a, b, weight FROM resolve_pairs WHERE run_id = ? AND probability < ? ORDER BY probability DESC LIMIT ?').raw().all(runId, threshold, perKind) as [number, number, number][];
  const near = [...above, ...below].sort((x, y) => Math.abs(x[2] - tw) - Math.abs(y[2] - tw) || x[0] - y[0] || x[1] - y[1]).slice(0, perKind);

  // links (pairs at or above the threshold) inside one entity, grouped by entity
  // (one join in SQLite, the records' given name and address with it: a point lookup per link in JS
  // costs several times more at a million records)
  const links = new Map<string, [number, number, number][]>();
  const household: [number, number, number][] = [];
  const linked = db.prepare(
    `SELECT p.a, p.b, p.probability, ma.entity_id, ra.given_name, ra.address_line, ra.postcode, rb.given_name, rb.address_line, rb.postcode
       FROM resolve_pairs p
       JOIN resolve_members ma ON ma.run_id = p.run_id AND ma.record_id = p.a
       JOIN resolve_members mb ON mb.run_id = p.run_id AND mb.record_id = p.b
       LEFT JOIN records ra ON ra.id = p.a
       LEFT JOIN records rb ON rb.id = p.b
      WHERE p.run_id = ? AND p.probability >= ? AND ma.entity_id = mb.entity_id`,
  );
  type Row = [number, number, number, string, string | null, string | null, string | null, string | null, string | null, string | null];
  for (const [a, b, p, ea, ga, la, pa, gb, lb, pb] of linked.raw().iterate(runId, threshold) as Iterable<Row>) {
    if (isHousehold(ga, la, pa, gb, lb, pb)) household.push([a, b, p]);
    const list = links.get(ea);
    if (list) list.push([a, b, p]);
    else links.set(ea, [[a, b, p]]);
  }
  const sizeOf = db.prepare('SELECT size FROM resolve_entities WHERE run_id = ? AND id = ?').pluck();
  const bottlenecks: { a: number; b: number; p: number; size: number }[] = [];
  for (const [entity, edges] of links) {
    edges.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
    const parent = new Map<number, number>();
    for (const [a, b] of edges) parent.set(a, a).set(b, b);
    let weakest: [number, number, number] | null = null;
    for (const e of edges) {
      const x = find(parent, e[0]);
      const y = find(parent, e[1]);
      if (x === y) continue;
      parent.set(x, y);
      weakest = e; // edges come strongest first: the last tree edge is the weakest
    }
    if (weakest) bottlenecks.push({ a: weakest[0], b: weakest[1], p: weakest[2], size: (sizeOf.get(runId, entity) as number | undefined) ?? parent.size });
  }
  const weak = [...bottlenecks].sort((x, y) => x.p - y.p || y.size - x.size || x.a - y.a).slice(0, perKind);
  const large = bottlenecks.filter((e) => e.size >= 3).sort((x, y) => y.size - x.size || x.p - y.p || x.a - y.a).slice(0, perKind);
  household.sort((x, y) => x[2] - y[2] || x[0] - y[0] || x[1] - y[1]);

  const kinds: { reason: ReviewReason; items: { a: number; b: number; size: number }[] }[] = [
    { reason: 'nearThreshold', items: near.map(([a, b]) => ({ a, b, size: 0 })) },
    { reason: 'household', items: household.slice(0, perKind).map(([a, b]) => ({ a, b, size: 0 })) },
    { reason: 'weakEntity', items: weak },
    { reason: 'largeEntity', items: large },
  ];
  const out: QueueItem[] = [];
  const at = new Map<string, QueueItem>();
  const longest = Math.max(...kinds.map((k) => k.items.length));
  for (let k = 0; k < longest; k++) {
    for (const kind of kinds) {
      const it = kind.items[k];
      if (!it) continue;
      const key = `${it.a}-${it.b}`;
      const seen = at.get(key);
      if (seen) {
        if (!seen.reasons.includes(kind.reason)) seen.reasons.push(kind.reason);
        seen.size = Math.max(seen.size, it.size);
        continue;
      }
      const item: QueueItem = { a: it.a, b: it.b, reasons: [kind.reason], size: it.size };
      at.set(key, item);
      out.push(item);
    }
  }
  return out;
}
