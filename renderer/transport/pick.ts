// Chooses the transport once at start: the Electron preload bridge when present, otherwise the
// loopback host's WebSocket with the per-launch token from the address fragment.
import type { Transport } from '../../engine/api/client.js';
import type { AerieBridge } from '../../engine/api/bridge.js';
import { ipcTransport } from './ipc.js';
import { connectWebSocket, loopbackApiUrl } from './websocket.js';

declare global {
  interface Window {
    aerie?: AerieBridge;
  }
}

export type TransportChoice =
  | { kind: 'ipc'; bridge: AerieBridge; connect(): Promise<Transport> }
  | { kind: 'websocket'; bridge: null; connect(): Promise<Transport> }
  | { kind: 'none'; bridge: null; reason: string; connect(): Promise<Transport> };

const TOKEN_KEY = 'aerie.token';

/**
 * Reads `#token=…` once, then removes it from the address bar so it is not shown, bookmarked or
 * copied. The token is kept in sessionStorage (this tab only) so a reload still connects.
 */
export function takeToken(): string | null {
  // `#token=T`, or a deep link with it: `#profile?scope=source:3&token=T`
  const m = /(?:^#|[?&])token=([^&]+)/.exec(location.hash);
  if (m?.[1]) {
    const token = decodeURIComponent(m[1]);
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // storage may be disabled; the token still works for this page load
    }
    // keep the route part of the fragment (see shell/route-hash.ts), drop only the token
    const after = location.hash.slice(m.index + m[0].length);
    const route = location.hash.slice(0, m.index) + (m[0].startsWith('?') && after ? `?${after.slice(1)}` : after);
    history.replaceState(null, '', location.pathname + location.search + (route.length > 1 ? route : ''));
    return token;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function pickTransport(): TransportChoice {
  const bridge = window.aerie;
  if (bridge && typeof bridge.invoke === 'function') {
    return { kind: 'ipc', bridge, connect: () => Promise.resolve(ipcTransport(bridge)) };
  }
  const token = takeToken();
  if (!token) {
    const reason = 'This page was opened without its access token. Open the address printed by `aerie serve` (it ends in #token=…).';
    return { kind: 'none', bridge: null, reason, connect: () => Promise.reject(new Error(reason)) };
  }
  const url = loopbackApiUrl(location.host, token);
  return { kind: 'websocket', bridge: null, connect: () => connectWebSocket(url) };
}
