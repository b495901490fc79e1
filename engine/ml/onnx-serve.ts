// Scoring an exported tree ensemble with onnxruntime-node (CPU, one thread).

import { isMainThread } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { Matrix } from './matrix.js';

/**
 * onnxruntime reads ORT_DISABLE_TELEMETRY when its first session starts (see
 * engine/embed/runtime-env.ts for why): set it here on a main thread, refuse in a worker that was
 * started without it.
 */
function telemetryOff(): void {
  if (isMainThread) process.env.ORT_DISABLE_TELEMETRY = '1';
  else if (process.env.ORT_DISABLE_TELEMETRY !== '1') throw new Error('onnxruntime telemetry is not switched off in this worker: set ORT_DISABLE_TELEMETRY=1 on the main thread before starting it.');
}

export interface OnnxScorer {
  /** Probability of the positive class for every row of m. */
  score(m: Matrix): Promise<Float32Array>;
  close(): Promise<void>;
}

export async function onnxScorer(bytes: Uint8Array): Promise<OnnxScorer> {
  telemetryOff();
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
  return {
    async score(m: Matrix) {
      const F = m.columns.length;
      const X = new Float32Array(m.rows * F);
      for (let f = 0; f < F; f++) {
        const c = m.columns[f]!;
        for (let i = 0; i < m.rows; i++) X[i * F + f] = c[i]!;
      }
      const out = await session.run({ X: new ort.Tensor('float32', X, [m.rows, F]) });
      const p = out.probabilities!.data as Float32Array;
      const r = new Float32Array(m.rows);
      for (let i = 0; i < m.rows; i++) r[i] = p[2 * i + 1]!;
      return r;
    },
    close: () => session.release(),
  };
}
