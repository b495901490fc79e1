// The open workspace's review queue (session cache): built from the latest resolve run on first use
// and again after a run (resolve jobs publish their tables); the label log is read on and applied
// row by row as it grows (whole again only after an undo or a removal of records), and the run's
// model once per run. Picking the next item is a walk from a cursor past the labelled items, so it
// costs the same with a thousand items or a million records behind them.
import type { ChangeBus } from '../db/changes.js';
import type { DB } from '../db/sqlite.js';
import { latestRun, type LatestRun } from '../resolve/store.js';
import type { Model } from '../resolve/em.js';
import { runModel } from '../resolve/store.js';
import { advanceLabelState, judgedPairs, lastLabelId, labelState, pairKey, type LabelRow, type LabelState } from './labels-store.js';
import { runBands, type Bands } from './estimate.js';
import { buildQueue, type QueueItem } from './queue.js';

const RUN_TABLES = new Set(['resolve_runs', 'resolve_pairs', 'resolve_members', 'resolve_entities']);

export interface Picked {
  item: QueueItem;
  skipped: boolean;
}

export class ReviewQueue {
  private run: LatestRun | null = null;
  private items: QueueItem[] | null = null;
  private bandsOf: Bands | null = null;
  private state: LabelState | null = null;
  /** Queue items by pair key. */
  private index = new Map<string, QueueItem>();
  private model: Model | null = null;
  /** Counts derived from the labels and the queue (null: work them out again). */
  private counts: { labelled: number; queued: number } | null = null;
  /** Items before it are all labelled (or skipped): where the walk for the next one starts. */
  private cursor = 0;
  private readonly off: () => void;

  constructor(
    private readonly db: () => DB,
    changes: ChangeBus,
  ) {
    this.off = changes.on((c) => {
      if (c.kind === 'forget' || c.tables.some((t) => RUN_TABLES.has(t))) this.items = null;
      // labels naming removed records leave the state (labelState)
      if (c.kind === 'forget') this.state = null;
    });
  }

  dispose(): void {
    this.off();
  }

  /** The run the queue is built from (null: none has succeeded). */
  latest(): LatestRun | null {
    if (this.items === null) this.load();
    return this.run;
  }

  labels(): LabelState {
    const last = lastLabelId(this.db());
    if (!this.state) {
      this.state = labelState(this.db());
      this.cursor = 0;
      this.counts = null;
    } else if (this.state.lastId !== last) {
      // an undo can put an item back before the cursor; a new label never does
      if (advanceLabelState(this.db(), this.state)) this.cursor = 0;
      this.counts = null;
    }
    return this.state;
  }

  /** The run's match model (read once per run). */
  runModel(): Model | null {
    const run = this.latest();
    if (!run) return null;
    return (this.model ??= runModel(this.db(), run.modelId));
  }

  /** Labelled pairs and the items not yet judged (skipped ones included). */
  progress(): { labelled: number; queued: number } {
    this.queue();
    const state = this.labels();
    if (!this.counts) {
      const judged = judgedPairs(state);
      let done = 0;
      for (const r of judged) if (this.index.has(pairKey(r.a, r.b))) done++;
      this.counts = { labelled: judged.length, queued: this.items!.length - done };
    }
    return this.counts;
  }

  private load(): void {
    const db = this.db();
    this.run = latestRun(db);
    this.items = this.run ? buildQueue(db, this.run.id, this.run.threshold) : [];
    this.index = new Map(this.items.map((it) => [pairKey(it.a, it.b), it]));
    this.bandsOf = null;
    this.model = null;
    this.counts = null;
    this.cursor = 0;
  }

  /** The run's scored pairs per probability band (for the estimate), counted once per run. */
  bands(): Bands | null {
    const run = this.latest();
    if (!run) return null;
    return (this.bandsOf ??= runBands(this.db(), run));
  }

  private queue(): QueueItem[] {
    if (this.items === null) this.load();
    return this.items!;
  }

  /** The next item: the first unjudged, unskipped one in order, else the skipped ones, longest skipped first. */
  next(): Picked | null {
    const items = this.queue();
    const { byPair } = this.labels();
    for (let k = this.cursor; k < items.length; k++) {
      const it = items[k]!;
      const l = byPair.get(pairKey(it.a, it.b));
      if (l === undefined) {
        this.cursor = k;
        return { item: it, skipped: false };
      }
    }
    this.cursor = items.length;
    let oldest: { item: QueueItem; at: LabelRow } | null = null;
    for (const it of items) {
      const l = byPair.get(pairKey(it.a, it.b));
      if (l?.verdict === 'skip' && (!oldest || l.id < oldest.at.id)) oldest = { item: it, at: l };
    }
    return oldest ? { item: oldest.item, skipped: true } : null;
  }

  /** The queue item of a pair, if queued. */
  find(a: number, b: number): QueueItem | undefined {
    this.queue();
    return this.index.get(pairKey(a, b));
  }
}
