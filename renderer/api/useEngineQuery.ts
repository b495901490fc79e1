// One read from the engine, kept fresh: call `method` with `params`, and call it again when the
// params change or when a push event says the answer may have changed. Every screen that shows
// engine data uses this instead of its own useEffect + live flag + reload tick.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventData } from '../../engine/api/events.js';
import type { MethodInput, MethodName, MethodOutput } from '../../engine/api/methods.js';
import { useEngine } from './useEngine.js';

/** What makes a query stale: any data change, a change to some tables, or a job finishing. */
export type ReloadOn = 'data.changed' | { tables: string[] } | 'job.finished' | 'workspace';

export interface EngineQuery<M extends MethodName> {
  /** The latest answer; kept while a reload is in flight so the screen does not flash. */
  data: MethodOutput<M> | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

function stale(on: ReloadOn, event: string, data: unknown): boolean {
  if (on === 'data.changed') return event === 'data.changed';
  if (on === 'workspace') return event === 'workspace';
  if (on === 'job.finished') return event === 'job' && FINISHED.has((data as EventData<'job'>).state);
  return event === 'data.changed' && (data as EventData<'data.changed'>).tables.some((t) => on.tables.includes(t));
}

/**
 * `params` null skips the call (nothing to ask yet). Params are compared by value, so an inline
 * object literal does not refetch on every render.
 */
export function useEngineQuery<M extends MethodName>(
  method: M,
  params: MethodInput<M> | null,
  opts: {
    reloadOn?: ReloadOn[];
    /** Called with each fresh answer (not with the kept one). */
    onData?(data: MethodOutput<M>): void;
    /** Show nothing, rather than the previous answer, while other params load (another record). */
    clearOnChange?: boolean;
  } = {},
): EngineQuery<M> {
  const client = useEngine();
  const key = params === null ? null : JSON.stringify(params);
  const [data, setData] = useState<MethodOutput<M> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(key !== null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const reloadOn = useRef(opts.reloadOn ?? []);
  reloadOn.current = opts.reloadOn ?? [];
  const onData = useRef(opts.onData);
  onData.current = opts.onData;
  const clearOnChange = useRef(opts.clearOnChange === true);
  clearOnChange.current = opts.clearOnChange === true;

  useEffect(() => {
    if (key === null) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    if (clearOnChange.current) {
      setData(null);
      setError(null);
    }
    client.call(method, JSON.parse(key) as MethodInput<M>).then(
      (r) => {
        if (!live) return;
        setData(r);
        setError(null);
        setLoading(false);
        onData.current?.(r);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [client, method, key, tick]);

  useEffect(() => {
    const events = ['data.changed', 'job', 'workspace'] as const;
    const offs = events.map((event) =>
      client.on(event, (d: unknown) => {
        if (reloadOn.current.some((on) => stale(on, event, d))) reload();
      }),
    );
    return () => offs.forEach((off) => off());
  }, [client, reload]);

  return { data, error, loading, reload };
}
