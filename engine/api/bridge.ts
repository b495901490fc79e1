// What the Electron preload exposes to the renderer as `window.aerie`: one invoke channel
// (request envelope in, response envelope out), one event stream, and native dialogs run by main.
// The loopback host has no bridge; the renderer then talks WebSocket and browses with fs.list.
import type { RequestEnvelope, ResponseEnvelope, EventEnvelope } from './protocol.js';

export type DialogPurpose = 'create-workspace' | 'open-workspace' | 'import-file' | 'import-model-folder';

export interface DialogRequest {
  purpose: DialogPurpose;
  title?: string;
}

export interface AerieBridge {
  /** Engine call: main checks the sender frame, validates params against the method map, forwards. */
  invoke(req: RequestEnvelope): Promise<ResponseEnvelope>;
  /** Engine push events. Returns an unsubscribe function. */
  onEvent(handler: (evt: EventEnvelope) => void): () => void;
  /** Native file dialog in main; resolves to the chosen path or null when cancelled. */
  pickPath(req: DialogRequest): Promise<string | null>;
  /** Remember / forget the passphrase with the OS keychain (safeStorage); refused on basic_text. */
  secrets: {
    available(): Promise<{ ok: boolean; backend: string }>;
    remember(workspacePath: string, passphrase: string): Promise<{ ok: boolean; reason?: string }>;
    recall(workspacePath: string): Promise<string | null>;
    forget(workspacePath: string): Promise<void>;
  };
}

/** The bridge's invoke channel names, shared by preload and main. */
export const BRIDGE_CHANNELS = {
  invoke: 'aerie:invoke',
  event: 'aerie:event',
} as const;
