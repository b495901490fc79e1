// Transport to an engine running in a worker_threads Worker (Electron main, CLI serve, tests).
import { Worker } from 'node:worker_threads';
import { EngineClient, type Transport } from '../api/client.js';
import { disableRuntimeTelemetry } from '../embed/runtime-env.js';
import type { CallerContext, RequestEnvelope, ServerMessage } from '../api/protocol.js';
import { bundledScript } from '../util/bundle-path.js';
import type { WorkerInit } from './messages.js';

/** dist/worker.js beside the running bundle, or the repo's build when running from source. */
export function defaultWorkerPath(): string {
  return bundledScript('worker.js', import.meta.url);
}

export class WorkerTransport implements Transport {
  private handler: (msg: ServerMessage) => void = () => {};
  private closeHandler: (reason: string) => void = () => {};
  readonly ready: Promise<void>;

  constructor(readonly worker: Worker) {
    this.ready = new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (msg: ServerMessage | { t: 'ready' }) => {
        if (msg.t === 'ready') resolve();
        else this.handler(msg);
      });
    });
    worker.on('error', (e) => this.closeHandler(`engine worker crashed: ${e.message}`));
    worker.on('exit', (code) => this.closeHandler(`engine worker exited (code ${code})`));
  }

  send(msg: RequestEnvelope): void {
    this.worker.postMessage(msg);
  }

  onMessage(handler: (msg: ServerMessage) => void): void {
    this.handler = handler;
  }

  onClose(handler: (reason: string) => void): void {
    this.closeHandler = handler;
  }

  /** Ask the engine to close the workspace cleanly; terminate if it takes too long. */
  async close(): Promise<void> {
    if (this.worker.threadId < 0) return;
    const exited = new Promise<void>((r) => this.worker.once('exit', () => r()));
    this.worker.postMessage({ t: 'shutdown' });
    const timer = setTimeout(() => void this.worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface StartWorkerOptions {
  roots: string[];
  caller: CallerContext;
  workerPath?: string;
  timeoutMs?: number;
  resumeJobs?: boolean | undefined;
  openHooks?: boolean | undefined;
  owner?: string | undefined;
}

const ENGINE_YOUNG_GENERATION_MB = 128;

/** Start the engine worker and return a ready client. */
export async function startEngineWorker(opts: StartWorkerOptions): Promise<{ client: EngineClient; transport: WorkerTransport }> {
  disableRuntimeTelemetry(); // before the worker copies this thread's environment
  const init: WorkerInit = { roots: opts.roots, caller: opts.caller, resumeJobs: opts.resumeJobs, openHooks: opts.openHooks, owner: opts.owner };
  // A large young generation: bulk imports hand the engine thousands of short-lived row arrays per
  // transaction; with the default size they outlive scavenges and are promoted, and old-generation
  // collections cost the import (the writer thread) ~15% (bench: import).
  const worker = new Worker(opts.workerPath ?? defaultWorkerPath(), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: ENGINE_YOUNG_GENERATION_MB } });
  const transport = new WorkerTransport(worker);
  const client = new EngineClient(transport, { timeoutMs: opts.timeoutMs ?? 60_000 });
  await transport.ready;
  return { client, transport };
}
