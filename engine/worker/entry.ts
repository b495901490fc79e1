// Engine worker thread: owns the one database connection (the single writer) and answers
// request envelopes from its parent in order of arrival.
import { parentPort, workerData } from 'node:worker_threads';
import { isRequestEnvelope } from '../api/protocol.js';
import { Engine } from '../core/engine.js';
import type { WorkerInit } from './messages.js';

const port = parentPort;
if (!port) throw new Error('engine/worker/entry must run in a worker thread');
const init = workerData as WorkerInit;
const HOST_NAMES: Record<string, string> = { electron: 'the Aerie app', loopback: 'aerie serve', cli: 'aerie' };
const owner = init.owner ?? HOST_NAMES[init.caller.host] ?? 'Aerie';
const engine = new Engine({ roots: init.roots, resumeJobs: init.resumeJobs, openHooks: init.openHooks, owner });
engine.onEvent((e) => port.postMessage(e));

port.on('message', (msg: unknown) => {
  if (isRequestEnvelope(msg)) {
    void engine.handle(msg, init.caller).then((res) => port.postMessage(res));
  } else if ((msg as { t?: string })?.t === 'shutdown') {
    void engine.shutdown().finally(() => process.exit(0));
  }
});
port.postMessage({ t: 'ready' });
