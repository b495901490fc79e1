// Wire envelopes: the same three shapes travel over postMessage, Electron IPC and WebSocket.
import type { WireError } from './errors.js';

export interface RequestEnvelope {
  t: 'req';
  id: number;
  method: string;
  params: unknown;
}

export type ResponseEnvelope =
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: WireError };

export interface EventEnvelope {
  t: 'evt';
  event: string;
  data: unknown;
}

export type ServerMessage = ResponseEnvelope | EventEnvelope;

/** Who is calling: recorded in the audit log. */
export interface CallerContext {
  user: string;
  host: 'cli' | 'electron' | 'loopback' | 'test' | 'worker';
}

export function isRequestEnvelope(v: unknown): v is RequestEnvelope {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return r.t === 'req' && Number.isSafeInteger(r.id) && typeof r.method === 'string';
}
