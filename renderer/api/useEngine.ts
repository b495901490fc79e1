// The engine connection as React context: one EngineClient over the picked transport, reconnect
// after a dropped socket, push-event subscriptions and the app status (workspace state, roots).
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { EngineClient } from '../../engine/api/client.js';
import type { AerieBridge } from '../../engine/api/bridge.js';
import type { EventData, EventName } from '../../engine/api/events.js';
import type { MethodOutput } from '../../engine/api/methods.js';
import { pickTransport, type TransportChoice } from '../transport/pick.js';

export type ConnectionState = 'connecting' | 'open' | 'lost' | 'failed';
export type AppStatus = MethodOutput<'app.status'>;

interface EngineContextValue {
  client: EngineClient | null;
  connection: ConnectionState;
  /** Why the last connection attempt failed or the socket dropped. */
  connectionError: string | null;
  kind: TransportChoice['kind'];
  bridge: AerieBridge | null;
  retryNow(): void;
  status: AppStatus | null;
  refreshStatus(): Promise<void>;
}

const EngineContext = createContext<EngineContextValue | null>(null);

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

export function EngineProvider({ children, choice }: { children: ReactNode; choice?: TransportChoice }) {
  const picked = useMemo(() => choice ?? pickTransport(), [choice]);
  const [client, setClient] = useState<EngineClient | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [connectionError, setConnectionError] = useState<string | null>(picked.kind === 'none' ? picked.reason : null);
  const [status, setStatus] = useState<AppStatus | null>(null);
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Bumped on unmount: a connection that resolves for an older mount is closed, not used. */
  const mountId = useRef(0);

  const connect = useCallback(() => {
    clearTimeout(timer.current);
    if (picked.kind === 'none') {
      setConnection('failed');
      return;
    }
    setConnection((c) => (c === 'open' ? c : c === 'lost' ? 'lost' : 'connecting'));
    const mine = mountId.current;
    const stale = () => mine !== mountId.current;
    picked.connect().then(
      (transport) => {
        if (stale()) {
          void transport.close();
          return;
        }
        attempt.current = 0;
        transport.onClose((reason) => {
          if (stale()) return;
          setConnection('lost');
          setConnectionError(reason);
          timer.current = setTimeout(connect, BACKOFF_MS[0]);
        });
        setClient(new EngineClient(transport, { timeoutMs: 120_000 }));
        setConnection('open');
        setConnectionError(null);
      },
      (e: unknown) => {
        if (stale()) return;
        setConnectionError(e instanceof Error ? e.message : String(e));
        setConnection((c) => (c === 'connecting' && attempt.current >= BACKOFF_MS.length ? 'failed' : c === 'open' ? 'lost' : c));
        const delay = BACKOFF_MS[Math.min(attempt.current, BACKOFF_MS.length - 1)] ?? 8000;
        attempt.current++;
        timer.current = setTimeout(connect, delay);
      },
    );
  }, [picked]);

  useEffect(() => {
    connect();
    return () => {
      mountId.current++;
      clearTimeout(timer.current);
    };
  }, [connect]);

  const refreshStatus = useCallback(async () => {
    if (!client) return;
    try {
      setStatus(await client.call('app.status', {}));
    } catch {
      // the connection notice covers a dead socket; keep the last known status
    }
  }, [client]);

  useEffect(() => {
    if (!client) return;
    void refreshStatus();
    return client.on('workspace', () => void refreshStatus());
  }, [client, refreshStatus]);

  const value = useMemo<EngineContextValue>(
    () => ({
      client,
      connection,
      connectionError,
      kind: picked.kind,
      bridge: picked.bridge,
      retryNow: () => {
        attempt.current = 0;
        connect();
      },
      status,
      refreshStatus,
    }),
    [client, connection, connectionError, picked, connect, status, refreshStatus],
  );
  return createElement(EngineContext.Provider, { value }, children);
}

export function useEngineContext(): EngineContextValue {
  const ctx = useContext(EngineContext);
  if (!ctx) throw new Error('useEngineContext outside <EngineProvider>');
  return ctx;
}

/** The connected client. Only use below the point where the app has a client (see App). */
export function useEngine(): EngineClient {
  const { client } = useEngineContext();
  if (!client) throw new Error('useEngine before the engine connected');
  return client;
}

/** Subscribe to a push event for the life of the component (and across reconnects). */
export function useEngineEvent<E extends EventName>(event: E, handler: (data: EventData<E>) => void): void {
  const { client } = useEngineContext();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!client) return;
    return client.on(event, (d) => ref.current(d));
  }, [client, event]);
}

export function useAppStatus(): AppStatus | null {
  return useEngineContext().status;
}

/** A readable message for any thrown value (AerieError messages are written for people). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
