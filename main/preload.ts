// Sandboxed preload (bundled to dist/preload.cjs): exposes `window.aerie` and nothing else.
// Everything travels on the one invoke channel; pickPath and secrets are host.* envelopes that
// main answers itself. Only `electron` and bundled constants may be imported here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_CHANNELS, type AerieBridge, type DialogRequest } from '../engine/api/bridge.js';
import type { EventEnvelope, RequestEnvelope, ResponseEnvelope } from '../engine/api/protocol.js';
import { HOST_METHODS } from './host-api.js';

let hostId = 1;

function send(req: RequestEnvelope): Promise<ResponseEnvelope> {
  // Copy the four fields: nothing else of the caller's object crosses to main.
  return ipcRenderer.invoke(BRIDGE_CHANNELS.invoke, { t: req.t, id: req.id, method: req.method, params: req.params }) as Promise<ResponseEnvelope>;
}

async function host(method: string, params: unknown): Promise<unknown> {
  const res = await send({ t: 'req', id: hostId++, method, params });
  if (res.ok) return res.result;
  throw new Error(`${res.error.code}: ${res.error.message}`);
}

const bridge: AerieBridge = {
  invoke: (req) => send(req),
  onEvent(handler) {
    const listener = (_event: IpcRendererEvent, msg: unknown) => {
      if (typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'evt') handler(msg as EventEnvelope);
    };
    ipcRenderer.on(BRIDGE_CHANNELS.event, listener);
    return () => {
      ipcRenderer.removeListener(BRIDGE_CHANNELS.event, listener);
    };
  },
  pickPath: (req: DialogRequest) =>
    host(HOST_METHODS.pickPath, req.title === undefined ? { purpose: req.purpose } : { purpose: req.purpose, title: req.title }) as Promise<string | null>,
  secrets: {
    available: () => host(HOST_METHODS.secretsAvailable, {}) as Promise<{ ok: boolean; backend: string }>,
    remember: (workspacePath, passphrase) =>
      host(HOST_METHODS.secretsRemember, { workspacePath, passphrase }) as Promise<{ ok: boolean; reason?: string }>,
    recall: (workspacePath) => host(HOST_METHODS.secretsRecall, { workspacePath }) as Promise<string | null>,
    forget: async (workspacePath) => {
      await host(HOST_METHODS.secretsForget, { workspacePath });
    },
  },
};

contextBridge.exposeInMainWorld('aerie', bridge);
