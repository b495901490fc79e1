// Wires the single invoke channel and the event channel to Electron's ipcMain.
// All decisions live in invoke.ts; this file only copies facts out of Electron objects.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EngineClient } from '../engine/api/client.js';
import { BRIDGE_CHANNELS } from '../engine/api/bridge.js';
import { events, type EventName } from '../engine/api/events.js';
import type { EventEnvelope } from '../engine/api/protocol.js';
import type { HostHandlers } from './host-schemas.js';
import { createInvokeHandler } from './invoke.js';
import type { SenderFacts, TrustedWindowFacts } from './security/sender.js';

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  let frame: SenderFacts['frame'] = null;
  try {
    const f = event.senderFrame;
    if (f && !f.detached) frame = { url: f.url, isTop: f.parent === null, processId: f.processId, routingId: f.routingId };
  } catch {
    frame = null; // destroyed while we looked
  }
  return { webContentsId: event.sender.id, frame };
}

function windowFacts(win: BrowserWindow | null): TrustedWindowFacts | null {
  if (!win || win.isDestroyed()) return null;
  const mf = win.webContents.mainFrame;
  return { webContentsId: win.webContents.id, mainFrame: { processId: mf.processId, routingId: mf.routingId } };
}

export interface BridgeOptions {
  client: EngineClient;
  host: HostHandlers;
  window(): BrowserWindow | null;
}

/** Install the handlers; returns a function that removes them. */
export function installBridge(opts: BridgeOptions): () => void {
  const handle = createInvokeHandler({
    engine: { call: (method, params) => opts.client.call(method as never, params as never, { timeoutMs: 0 }) },
    host: opts.host,
    trustedWindow: () => windowFacts(opts.window()),
    onRefused: (reason, method) => console.warn(`[aerie] bridge refused ${method ?? '(no method)'}: ${reason}`),
  });
  ipcMain.removeHandler(BRIDGE_CHANNELS.invoke);
  ipcMain.handle(BRIDGE_CHANNELS.invoke, (event, raw: unknown) => handle(senderFacts(event), raw));

  const unsubscribe = (Object.keys(events) as EventName[]).map((name) =>
    opts.client.on(name, (data) => {
      const win = opts.window();
      if (!win || win.isDestroyed()) return;
      win.webContents.send(BRIDGE_CHANNELS.event, { t: 'evt', event: name, data } satisfies EventEnvelope);
    }),
  );
  return () => {
    ipcMain.removeHandler(BRIDGE_CHANNELS.invoke);
    unsubscribe.forEach((u) => u());
  };
}
