// Worker threads for the histogram trainer, driven synchronously: the state lives in
// SharedArrayBuffers, the calling thread posts a task by bumping a sequence number (Atomics.notify),
// does its own share, and sleeps in Atomics.wait until every worker has done theirs. trainGbdt stays
// a plain synchronous function (as callers expect) and no message is copied per task.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { bundledScript } from '../util/bundle-path.js';
import { histPart, partitionPart, samplePart, share, sumPart, updatePart, validPart, type KernelState } from './gbdt-kernel.js';

/** Control words (Int32) shared with the workers. */
export const C = { SEQ: 0, DONE: 1, TASK: 2, A: 3, B: 4, NFEATS: 5, READY: 6, ERROR: 7, F: 8, BIN: 9, DL: 10, SIZE: 11 } as const;
/** Histogram of rows[A, B) over NFEATS features, split by feature. */
export const TASK_HIST = 1;
/** Margins and gradients (A = 1: add the tree first; B = 1: the validation rows too). */
export const TASK_UPDATE = 2;
/** Draw the rows of a tree (A: the generator's state; rate in the shared rate word). */
export const TASK_SAMPLE = 3;
/** Partition rows[A, B) by feature F at bin BIN, missing left when DL = 1. */
export const TASK_PARTITION = 4;

/** Nodes with fewer rows are histogrammed by the calling thread alone (waking workers costs more). */
const PARALLEL_MIN_ROWS = 4096;
/** A worker silent this long is taken as gone (a histogram pass takes well under a second). */
const STALL_MS = 300_000;

export interface WorkerInit {
  index: number;
  threads: number;
  ctrl: Int32Array;
  /** The sampling rate of a TASK_SAMPLE. */
  rate: Float64Array;
  state: KernelState;
  port: MessagePort;
}

const WORKER_FILE = 'gbdt-worker.js';

/** The bundled worker script, or null when it has not been built (running from source unbuilt). */
export function gbdtWorkerScript(): string | null {
  try {
    const p = bundledScript(WORKER_FILE, import.meta.url);
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const shared = <T>(Ctor: { new (b: SharedArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }, length: number): T =>
  new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT), 0, length);

/** Shared state for a training run over n rows of F features with `totalBins` histogram bins. */
export function kernelState(codes: Uint8Array, codesCol: Uint8Array, n: number, F: number, off2: Int32Array, totalBins: number, y: Uint8Array, classW: [number, number], maxNodes: number, threads: number, valid: { codes: Uint8Array; y: Uint8Array } | null): KernelState {
  const o2 = shared(Int32Array, F);
  o2.set(off2);
  const yy = shared(Uint8Array, n);
  yy.set(y);
  const cw = shared(Float64Array, 2);
  cw.set(classW);
  return {
    n,
    F,
    codes,
    codesCol,
    gh: shared(Float64Array, 2 * n),
    margin: shared(Float64Array, n),
    y: yy,
    classW: cw,
    rows: shared(Uint32Array, n),
    feats: shared(Int32Array, F),
    off2: o2,
    hist: shared(Float64Array, 2 * totalBins),
    tFeature: shared(Int32Array, maxNodes),
    tBin: shared(Int32Array, maxNodes),
    tDefaultLeft: shared(Uint8Array, maxNodes),
    tLeft: shared(Int32Array, maxNodes),
    tRight: shared(Int32Array, maxNodes),
    tValue: shared(Float64Array, maxNodes),
    tmp: shared(Uint32Array, n),
    counts: shared(Int32Array, threads),
    sums: shared(Float64Array, 2),
    vn: valid ? valid.y.length : 0,
    vCodes: valid ? valid.codes : shared(Uint8Array, 0),
    vY: valid ? valid.y : shared(Uint8Array, 0),
    vMargin: shared(Float64Array, valid ? valid.y.length : 0),
    vLoss: shared(Float64Array, valid ? valid.y.length : 0),
  };
}

/** The calling thread plus `threads - 1` workers over one KernelState. */
export class GbdtPool {
  private readonly ctrl = shared(Int32Array, C.SIZE);
  private readonly rate = shared(Float64Array, 1);
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private seq = 0;

  constructor(
    readonly s: KernelState,
    readonly threads: number,
  ) {
    if (threads <= 1) return;
    const script = gbdtWorkerScript();
    if (!script) throw new Error(`The trainer's worker script ${WORKER_FILE} is missing (looked beside ${fileURLToPath(import.meta.url)} and in dist/): run \`npm run build\`, or train with threads: 1.`);
    try {
      for (let i = 1; i < threads; i++) {
        const { port1, port2 } = new MessageChannel();
        const init: WorkerInit = { index: i, threads, ctrl: this.ctrl, rate: this.rate, state: s, port: port2 };
        const w = new Worker(script, { workerData: init, transferList: [port2] });
        w.unref();
        this.workers.push(w);
        this.ports.push(port1);
      }
      const t0 = Date.now();
      while (Atomics.load(this.ctrl, C.READY) < threads - 1) {
        Atomics.wait(this.ctrl, C.READY, Atomics.load(this.ctrl, C.READY), 100);
        if (Date.now() - t0 > 60_000) throw new Error(`The trainer's worker threads did not start within a minute (${script}).`);
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /**
   * Histogram of rows[start, end) over the first nFeats of s.feats into s.hist; with sumEnd >
   * sumStart, also the G, H sums of rows[sumStart, sumEnd) into s.sums (by the calling thread, which
   * has the fewest features when they do not split evenly).
   */
  hist(start: number, end: number, nFeats: number, sumStart = 0, sumEnd = 0): void {
    const t = Math.min(this.threads, nFeats);
    // the sums of the histogrammed rows come with this thread's histogram pass
    const fused = sumStart === start && sumEnd === end;
    if (t <= 1 || end - start < PARALLEL_MIN_ROWS) {
      histPart(this.s, start, end, 0, nFeats, fused);
      if (!fused && sumEnd > sumStart) sumPart(this.s, sumStart, sumEnd);
      return;
    }
    this.post(TASK_HIST, start, end, nFeats);
    const [lo, hi] = share(nFeats, t, 0);
    histPart(this.s, start, end, lo, hi, fused);
    if (!fused && sumEnd > sumStart) sumPart(this.s, sumStart, sumEnd);
    this.join();
  }

  /** Margins += the tree in s.t* (when withTree), then gradients, for every row; the validation rows' margins and losses too when withValid. */
  update(withTree: boolean, withValid: boolean): void {
    const { n, vn } = this.s;
    if (this.threads <= 1) {
      updatePart(this.s, 0, n, withTree);
      if (withValid) validPart(this.s, 0, vn);
      return;
    }
    this.post(TASK_UPDATE, withTree ? 1 : 0, withValid ? 1 : 0, 0);
    const [lo, hi] = share(n, this.threads, 0);
    updatePart(this.s, lo, hi, withTree);
    if (withValid) {
      const [vlo, vhi] = share(vn, this.threads, 0);
      validPart(this.s, vlo, vhi);
    }
    this.join();
  }

  /**
   * The rows of 0..n-1 kept by a sample at `rate` into rows[0, count), in order, drawing from
   * generator state `a0` (draw i decides row i); returns count.
   */
  sample(a0: number, rate: number): number {
    const { n, rows, counts } = this.s;
    if (this.threads <= 1 || n < PARALLEL_MIN_ROWS) return samplePart(this.s, a0, rate, 0, n);
    this.rate[0] = rate;
    this.post(TASK_SAMPLE, a0 | 0, 0, 0);
    counts[0] = samplePart(this.s, a0, rate, 0, share(n, this.threads, 0)[1]);
    this.join();
    // each share kept its rows at its own start: close the gaps, in order
    let w = counts[0]!;
    for (let t = 1; t < this.threads; t++) {
      const lo = share(n, this.threads, t)[0];
      rows.copyWithin(w, lo, lo + counts[t]!);
      w += counts[t]!;
    }
    return w;
  }

  /** Stable partition of rows[start, end) by a split (left: codes 1..bin, missing if dl); returns where the right rows start. */
  partition(start: number, end: number, f: number, bin: number, dl: boolean): number {
    const { rows, tmp, counts } = this.s;
    if (this.threads <= 1 || end - start < PARALLEL_MIN_ROWS) {
      const nl = partitionPart(this.s, start, end, f, bin, dl);
      rows.set(tmp.subarray(start, start + end - start - nl), start + nl);
      return start + nl;
    }
    const c = this.ctrl;
    Atomics.store(c, C.F, f);
    Atomics.store(c, C.BIN, bin);
    Atomics.store(c, C.DL, dl ? 1 : 0);
    this.post(TASK_PARTITION, start, end, 0);
    const m = end - start;
    counts[0] = partitionPart(this.s, start, start + share(m, this.threads, 0)[1], f, bin, dl);
    this.join();
    // every share's left rows, in order, then every share's right rows
    let w = start + counts[0]!;
    for (let t = 1; t < this.threads; t++) {
      const lo = start + share(m, this.threads, t)[0];
      rows.copyWithin(w, lo, lo + counts[t]!);
      w += counts[t]!;
    }
    const mid = w;
    for (let t = 0; t < this.threads; t++) {
      const [a, b] = share(m, this.threads, t);
      const nr = b - a - counts[t]!;
      rows.set(tmp.subarray(start + a, start + a + nr), w);
      w += nr;
    }
    return mid;
  }

  private post(task: number, a: number, b: number, nFeats: number): void {
    const c = this.ctrl;
    Atomics.store(c, C.DONE, 0);
    Atomics.store(c, C.TASK, task);
    Atomics.store(c, C.A, a);
    Atomics.store(c, C.B, b);
    Atomics.store(c, C.NFEATS, nFeats);
    Atomics.store(c, C.SEQ, ++this.seq);
    Atomics.notify(c, C.SEQ);
  }

  private join(): void {
    const c = this.ctrl;
    const want = this.workers.length;
    const t0 = Date.now();
    for (let d = Atomics.load(c, C.DONE); d < want; d = Atomics.load(c, C.DONE)) {
      Atomics.wait(c, C.DONE, d, 1000);
      if (Date.now() - t0 > STALL_MS) throw new Error(`A trainer worker thread has not answered for ${STALL_MS / 1000} s; it may have run out of memory.`);
    }
    if (Atomics.load(c, C.ERROR) !== 0) {
      const why = this.ports.map((p) => receiveMessageOnPort(p)?.message).find((m) => m !== undefined);
      throw new Error(`A trainer worker thread failed: ${String(why ?? 'no message')}`);
    }
  }

  /** Let the workers end (they are unref'd, so they never hold the process open). */
  close(): void {
    Atomics.store(this.ctrl, C.SEQ, -1);
    Atomics.notify(this.ctrl, C.SEQ);
    for (const p of this.ports) p.close();
  }
}
