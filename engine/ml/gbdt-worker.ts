// A worker thread of the histogram trainer (bundled as dist/gbdt-worker.js): waits for a task
// posted by GbdtPool, does its share (features of a histogram; a range of rows of the update, the
// sample or a partition), reports done. Errors go back through the port; the pool rethrows them in the calling thread.

import { workerData } from 'node:worker_threads';
import { histPart, partitionPart, samplePart, share, updatePart, validPart } from './gbdt-kernel.js';
import { C, TASK_HIST, TASK_PARTITION, TASK_SAMPLE, TASK_UPDATE, type WorkerInit } from './gbdt-pool.js';

const { index, threads, ctrl, rate, state, port } = workerData as WorkerInit;

Atomics.add(ctrl, C.READY, 1);
Atomics.notify(ctrl, C.READY);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, C.SEQ, seen);
  const seq = Atomics.load(ctrl, C.SEQ);
  if (seq < 0) break;
  if (seq === seen) continue;
  seen = seq;
  try {
    const task = Atomics.load(ctrl, C.TASK);
    if (task === TASK_HIST) {
      const nFeats = Atomics.load(ctrl, C.NFEATS);
      const t = Math.min(threads, nFeats);
      if (index < t) {
        const [lo, hi] = share(nFeats, t, index);
        histPart(state, Atomics.load(ctrl, C.A), Atomics.load(ctrl, C.B), lo, hi);
      }
    } else if (task === TASK_UPDATE) {
      const [lo, hi] = share(state.n, threads, index);
      updatePart(state, lo, hi, Atomics.load(ctrl, C.A) === 1);
      if (Atomics.load(ctrl, C.B) === 1) {
        const [vlo, vhi] = share(state.vn, threads, index);
        validPart(state, vlo, vhi);
      }
    } else if (task === TASK_SAMPLE) {
      const [lo, hi] = share(state.n, threads, index);
      state.counts[index] = samplePart(state, Atomics.load(ctrl, C.A), rate[0]!, lo, hi);
    } else if (task === TASK_PARTITION) {
      const start = Atomics.load(ctrl, C.A);
      const [lo, hi] = share(Atomics.load(ctrl, C.B) - start, threads, index);
      state.counts[index] = partitionPart(state, start + lo, start + hi, Atomics.load(ctrl, C.F), Atomics.load(ctrl, C.BIN), Atomics.load(ctrl, C.DL) === 1);
    }
  } catch (e) {
    port.postMessage(e instanceof Error ? (e.stack ?? e.message) : String(e));
    Atomics.store(ctrl, C.ERROR, 1);
  }
  Atomics.add(ctrl, C.DONE, 1);
  Atomics.notify(ctrl, C.DONE);
}
port.close();
