// Electron transport: the preload bridge's single invoke channel plus its event stream.
import type { Transport } from '../../engine/api/client.js';
import type { AerieBridge } from '../../engine/api/bridge.js';
import type { RequestEnvelope, ServerMessage } from '../../engine/api/protocol.js';

export function ipcTransport(bridge: AerieBridge): Transport {
  let onMessage: (msg: ServerMessage) => void = () => {};
  // Several parties listen for the close (the EngineClient and the reconnect logic).
  const closeHandlers: ((reason: string) => void)[] = [];
  let closed = false;
  const unsubscribe = bridge.onEvent((evt) => {
    if (!closed) onMessage(evt);
  });
  return {
    send(msg: RequestEnvelope) {
      if (closed) throw new Error('the bridge transport is closed');
      bridge.invoke(msg).then(
        (res) => {
          if (!closed) onMessage(res);
        },
        (e: unknown) => {
          // The bridge itself failed (not an engine error): answer the call so it does not hang.
          if (!closed) {
            onMessage({ t: 'res', id: msg.id, ok: false, error: { code: 'TRANSPORT_CLOSED', message: e instanceof Error ? e.message : String(e) } });
          }
        },
      );
    },
    onMessage(handler) {
      onMessage = handler;
    },
    onClose(handler) {
      closeHandlers.push(handler);
    },
    close() {
      if (!closed) {
        closed = true;
        unsubscribe();
        for (const h of closeHandlers) h('client closed');
      }
      return Promise.resolve();
    },
  };
}
