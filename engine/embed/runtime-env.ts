/**
 * Keeps the ONNX runtime off the network and out of the user's folders.
 *
 * onnxruntime-node 1.30 carries Microsoft's 1DS telemetry: the first session of a process writes a
 * persistent device id and an event queue to ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ (or
 * $XDG_CACHE_HOME), an empty $TMPDIR/mat-debug-<pid>.log and a .ses file, and queues events for
 * upload. The library has no API switch (onnxruntime-common's `env` has none, and the C API's
 * DisableTelemetryEvents runs only after the environment, and so the telemetry, is created); it reads
 * ORT_DISABLE_TELEMETRY with getenv() when the first session creates its environment.
 *
 * getenv() sees the process environment, which only a main thread can change: a worker thread's
 * process.env is a private copy. So every host sets it on its main thread before starting workers
 * (bin/aerie.js, startEngineWorker, Electron main), and model loading checks it before each session.
 */
import { isMainThread } from 'node:worker_threads';

export const ORT_TELEMETRY_SWITCH = 'ORT_DISABLE_TELEMETRY';

/** Turn the runtime's telemetry off for this process (main thread only; a no-op in a worker). */
export function disableRuntimeTelemetry(): void {
  if (isMainThread) process.env[ORT_TELEMETRY_SWITCH] = '1';
}

/**
 * Call before creating any ONNX session. On a main thread it switches telemetry off; in a worker it
 * can only check that the thread that started it did (its copy of the environment says so).
 */
export function ensureRuntimeTelemetryOff(): void {
  disableRuntimeTelemetry();
  if (process.env[ORT_TELEMETRY_SWITCH] !== '1') {
    throw new Error(
      `onnxruntime telemetry is not switched off in this process: start worker threads that load models only after ` +
        `disableRuntimeTelemetry() (engine/embed/runtime-env.ts) has run on the main thread, or set ${ORT_TELEMETRY_SWITCH}=1.`,
    );
  }
}
