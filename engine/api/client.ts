// The typed client every host uses: request ids, timeouts, typed error rehydration and
// event fan-out over any Transport. Pure TypeScript, so the renderer bundle can use it too.
import { AerieError } from './errors.js';
import type { EventData, EventName } from './events.js';
import type { MethodInput, MethodName, MethodOutput } from './methods.js';
import type { RequestEnvelope, ServerMessage } from './protocol.js';

/** Carries envelopes; one per host kind (worker, in-process, WebSocket, Electron IPC). */
export interface Transport {
  send(msg: RequestEnvelope): void;
  /** Register the single receiver of server messages. */
  onMessage(handler: (msg: ServerMessage) => void): void;
  /** Called once when the transport dies; pending calls fail with TRANSPORT_CLOSED. */
  onClose(handler: (reason: string) => void): void;
  close(): Promise<void>;
}

export interface CallOptions {
  /** Milliseconds before the call fails with TIMEOUT; 0 = never. */
  timeoutMs?: number;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: AerieError): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

type Listener = (data: never) => void;

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private closedReason: string | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly defaults: { timeoutMs: number } = { timeoutMs: 60_000 },
  ) {
    transport.onMessage((msg) => this.receive(msg));
    transport.onClose((reason) => this.failAll(reason));
  }

  call<M extends MethodName>(method: M, params: MethodInput<M>, opts: CallOptions = {}): Promise<MethodOutput<M>> {
    if (this.closedReason !== null) {
      return Promise.reject(new AerieError('TRANSPORT_CLOSED', `Engine connection closed: ${this.closedReason}`));
    }
    const id = this.nextId++;
    const timeoutMs = opts.timeoutMs ?? this.defaults.timeoutMs;
    return new Promise<MethodOutput<M>>((resolve, reject) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              this.pending.delete(id);
              reject(new AerieError('TIMEOUT', `${method} did not answer within ${timeoutMs} ms.`));
            }, timeoutMs)
          : undefined;
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        this.transport.send({ t: 'req', id, method, params });
      } catch (e) {
        this.settle(id);
        if (timer) clearTimeout(timer);
        reject(new AerieError('TRANSPORT_CLOSED', `Could not send ${method}: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  }

  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, handler: (data: EventData<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(handler as Listener);
    return () => set.delete(handler as Listener);
  }

  async close(): Promise<void> {
    this.failAll('client closed');
    await this.transport.close();
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (p) {
      this.pending.delete(id);
      if (p.timer) clearTimeout(p.timer);
    }
    return p;
  }

  private receive(msg: ServerMessage): void {
    if (msg.t === 'res') {
      const p = this.settle(msg.id);
      if (!p) return; // timed out earlier
      if (msg.ok) p.resolve(msg.result);
      else p.reject(AerieError.fromWire(msg.error));
      return;
    }
    const set = this.listeners.get(msg.event);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as (d: unknown) => void)(msg.data);
      } catch {
        // a listener's bug must not break delivery to the others
      }
    }
  }

  private failAll(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    for (const [id, p] of this.pending) {
      this.settle(id);
      p.reject(new AerieError('TRANSPORT_CLOSED', `Engine connection closed: ${reason}`));
    }
  }
}
