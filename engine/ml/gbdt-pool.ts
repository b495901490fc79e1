// Worker threads for the histogram trainer, driven synchronously: the state lives in
// SharedArrayBuffers, the calling thread posts a task by bumping a sequence number (Atomics.notify),
// does its own share, and sleeps in Atomics.wait until every worker has done theirs. trainGbdt stays
// a plain synchronous function (as callers expect) and no message is copied per task.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { bundledScript } from '../util/bundle-path.js';
import { histPart, share, updatePart, type KernelState } from './gbdt-kernel.js';

/** Control words (Int32) shared with the workers. */
export const C = { SEQ: 0, DONE: 1, TASK: 2, A: 3, B: 4, NFEATS: 5, READY: 6, ERROR: 7, SIZE: 8 } as const;
export const TASK_HIST = 1;
export const TASK_UPDATE = 2;

/** Nodes with fewer rows are histogrammed by the calling thread alone (waking workers costs more). */
const PARALLEL_MIN_ROWS = 4096;
/** A worker silent this long is taken as gone (a histogram pass takes well under a second). */
const STALL_MS = 300_000;

export interface WorkerInit {
  index: number;
  threads: number;
  ctrl: Int32Array;
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
export function kernelState(codes: Uint8Array, codesCol: Uint8Array, n: number, F: number, off2: Int32Array, totalBins: number, y: Uint8Array, classW: [number, number], maxNodes: number): KernelState {
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
  };
}

/** The calling thread plus `threads - 1` workers over one KernelState. */
export class GbdtPool {
  private readonly ctrl = shared(Int32Array, C.SIZE);
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
        const init: WorkerInit = { index: i, threads, ctrl: this.ctrl, state: s, port: port2 };
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

  /** Histogram of rows[start, end) over the first nFeats of s.feats into s.hist. */
  hist(start: number, end: number, nFeats: number): void {
    if (this.threads <= 1 || end - start < PARALLEL_MIN_ROWS || nFeats < 2) {
      histPart(this.s, start, end, 0, nFeats);
      return;
    }
    const t = Math.min(this.threads, nFeats);
    this.post(TASK_HIST, start, end, nFeats);
    const [lo, hi] = share(nFeats, t, 0);
    histPart(this.s, start, end, lo, hi);
    this.join();
  }

  /** Margins += the tree in s.t* (when withTree), then gradients, for every row. */
  update(withTree: boolean): void {
    if (this.threads <= 1) {
      updatePart(this.s, 0, this.s.n, withTree);
      return;
    }
    this.post(TASK_UPDATE, withTree ? 1 : 0, 0, 0);
    const [lo, hi] = share(this.s.n, this.threads, 0);
    updatePart(this.s, lo, hi, withTree);
    this.join();
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
