// The import job's handle on its parse worker: an ordered queue of messages, back-pressure, stop.
import { Worker } from 'node:worker_threads';
import { bundledScript } from '../util/bundle-path.js';
import { MORE, type ParseInit, type ParseMessage } from './parse-protocol.js';

export class ParseWorker {
  private readonly worker: Worker;
  private readonly queue: ParseMessage[] = [];
  private waiting: ((m: ParseMessage) => void) | null = null;

  constructor(init: ParseInit) {
    this.worker = new Worker(bundledScript('parse-worker.js', import.meta.url), { workerData: init });
    const deliver = (m: ParseMessage) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(m);
      } else this.queue.push(m);
    };
    this.worker.on('message', deliver);
    this.worker.on('error', (e) => deliver({ t: 'error', error: { code: 'INTERNAL', message: `The import reader stopped: ${e.message}` } }));
  }

  next(): Promise<ParseMessage> {
    const m = this.queue.shift();
    return m ? Promise.resolve(m) : new Promise((r) => (this.waiting = r));
  }

  /** Messages already received, without waiting. */
  takeQueued(): ParseMessage | undefined {
    return this.queue.shift();
  }

  /** The writer has stored `n` messages: the reader may send as many more. */
  more(n = 1): void {
    for (let i = 0; i < n; i++) this.worker.postMessage(MORE);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
