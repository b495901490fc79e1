// WebSocket transport for the loopback host: one socket, JSON envelopes both ways.
import type { Transport } from '../../engine/api/client.js';
import type { RequestEnvelope, ServerMessage } from '../../engine/api/protocol.js';

/** Opens the socket; resolves once it is open, rejects if it closes first. */
export function connectWebSocket(url: string): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let onMessage: (msg: ServerMessage) => void = () => {};
    // Several parties listen for the close (the EngineClient and the reconnect logic).
    const closeHandlers: ((reason: string) => void)[] = [];
    let opened = false;
    let closed = false;

    ws.addEventListener('open', () => {
      opened = true;
      resolve({
        send(msg: RequestEnvelope) {
          if (ws.readyState !== WebSocket.OPEN) throw new Error('the connection to the engine is not open');
          ws.send(JSON.stringify(msg));
        },
        onMessage(handler) {
          onMessage = handler;
        },
        onClose(handler) {
          closeHandlers.push(handler);
        },
        close() {
          ws.close(1000, 'client closed');
          return Promise.resolve();
        },
      });
    });
    ws.addEventListener('message', (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      let msg: unknown;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (typeof msg === 'object' && msg !== null && ((msg as { t?: unknown }).t === 'res' || (msg as { t?: unknown }).t === 'evt')) {
        onMessage(msg as ServerMessage);
      }
    });
    ws.addEventListener('close', (ev: CloseEvent) => {
      if (closed) return;
      closed = true;
      const reason = ev.reason || `socket closed (code ${ev.code})`;
      if (opened) for (const h of closeHandlers) h(reason);
      else reject(new Error(`Could not connect to the engine: ${reason}`));
    });
  });
}

/** The loopback API address for this page and token. */
export function loopbackApiUrl(host: string, token: string): string {
  return `ws://${host}/api?token=${encodeURIComponent(token)}`;
}
