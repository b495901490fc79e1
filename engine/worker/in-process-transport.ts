// Transport to an engine in the same thread (CLI one-shot commands, tests). Messages are
// structured-cloned like postMessage does, so behaviour matches the worker transport.
import { EngineClient, type Transport } from '../api/client.js';
import type { CallerContext, RequestEnvelope, ServerMessage } from '../api/protocol.js';
import { Engine, type EngineOptions } from '../core/engine.js';

export class InProcessTransport implements Transport {
  private handler: (msg: ServerMessage) => void = () => {};
  private closeHandler: (reason: string) => void = () => {};
  private readonly unsubscribe: () => void;

  constructor(
    readonly engine: Engine,
    private readonly caller: CallerContext,
  ) {
    this.unsubscribe = engine.onEvent((e) => this.handler(structuredClone(e)));
  }

  send(msg: RequestEnvelope): void {
    // Deliver on later macrotasks, as postMessage does, so timeouts behave as over a real wire.
    const req = structuredClone(msg);
    setImmediate(() => void this.engine.handle(req, this.caller).then((res) => setImmediate(() => this.handler(structuredClone(res)))));
  }

  onMessage(handler: (msg: ServerMessage) => void): void {
    this.handler = handler;
  }

  onClose(handler: (reason: string) => void): void {
    this.closeHandler = handler;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.engine.shutdown();
    this.closeHandler('closed');
  }
}

export function startInProcessEngine(opts: EngineOptions, caller: CallerContext): { client: EngineClient; engine: Engine } {
  const engine = new Engine(opts);
  return { client: new EngineClient(new InProcessTransport(engine, caller), { timeoutMs: 0 }), engine };
}
