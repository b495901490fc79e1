// Page cache for the data grid: fetches 200-row pages through data.page on demand, keeps a bounded
// number of them (never the whole table), takes the total from the first page and refetches when
// the engine says the table changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineClient } from '../../../engine/api/client.js';
import type { Cell, ColumnInfo, Filter, Sort } from '../../../engine/api/data.js';
import { errorMessage, useEngineEvent } from '../../api/useEngine.js';

export const PAGE_SIZE = 200;
const MAX_PAGES = 60; // 12,000 rows in memory at most
const FETCH_DEBOUNCE_MS = 60;
/** The engine answers one call at a time: a fast scrollbar drag must not queue dozens of stale pages. */
const MAX_INFLIGHT = 2;

export interface PageQuery {
  table: string;
  sort: Sort | null;
  filters: Filter[];
}

export interface Pages {
  columns: ColumnInfo[] | null;
  total: number | null;
  error: string | null;
  loading: boolean;
  /** The row at index, or undefined while its page loads. */
  row(index: number): Cell[] | undefined;
  /** Ask for the pages covering rows first..last (debounced). */
  want(first: number, last: number): void;
}

export function usePages(client: EngineClient, query: PageQuery): Pages {
  const key = JSON.stringify(query);
  const pages = useRef(new Map<number, Cell[][]>());
  const stale = useRef(new Map<number, Cell[][]>()); // shown while a refresh reloads
  const inflight = useRef(new Set<string>());
  const wanted = useRef<[number, number]>([0, 0]);
  const keyRef = useRef(key);
  const generation = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [columns, setColumns] = useState<ColumnInfo[] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [, setTick] = useState(0);

  const fetchPage = useCallback(
    (page: number, withTotal: boolean) => {
      const gen = generation.current;
      const tag = `${gen}:${page}`;
      if (inflight.current.has(tag)) return;
      inflight.current.add(tag);
      const q = JSON.parse(keyRef.current) as PageQuery;
      client
        .call('data.page', {
          table: q.table,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          ...(q.sort ? { sort: q.sort } : {}),
          filters: q.filters,
          withTotal,
        })
        .then(
          (res) => {
            if (gen !== generation.current) return;
            pages.current.set(page, res.rows);
            if (withTotal) {
              setTotal(res.total);
              setColumns(res.columns);
              setLoading(false);
              stale.current.clear();
            }
            setError(null);
            evict();
            setTick((t) => t + 1);
          },
          (e: unknown) => {
            if (gen !== generation.current) return;
            setError(errorMessage(e));
            setLoading(false);
          },
        )
        .finally(() => {
          inflight.current.delete(tag);
          if (gen === generation.current) loadRef.current();
        });
    },
    [client],
  );
  const loadRef = useRef<() => void>(() => {});

  /** Drop the pages farthest from what is on screen once the cache is full. */
  const evict = () => {
    if (pages.current.size <= MAX_PAGES) return;
    const centre = (wanted.current[0] + wanted.current[1]) / 2 / PAGE_SIZE;
    const byDistance = [...pages.current.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const p of byDistance.slice(0, pages.current.size - MAX_PAGES)) pages.current.delete(p);
  };

  /** Fetch the missing pages on screen (nearest the middle first), a couple at a time. */
  const load = useCallback(() => {
    const [first, last] = wanted.current;
    const from = Math.floor(first / PAGE_SIZE);
    const to = Math.floor(last / PAGE_SIZE);
    const mid = (from + to) / 2;
    const missing = [];
    for (let p = from; p <= to; p++) if (!pages.current.has(p) && !inflight.current.has(`${generation.current}:${p}`)) missing.push(p);
    missing.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid));
    for (const p of missing) {
      if (inflight.current.size >= MAX_INFLIGHT) break;
      fetchPage(p, false);
    }
  }, [fetchPage]);
  loadRef.current = load;

  /** Start over: new query, or the table changed under us. keepStale avoids a blank flash. */
  const reset = useCallback(
    (keepStale: boolean) => {
      generation.current++;
      stale.current = keepStale ? pages.current : new Map();
      pages.current = new Map();
      inflight.current.clear();
      if (!keepStale) {
        setTotal(null);
        setLoading(true);
      }
      fetchPage(0, true);
      load();
    },
    [fetchPage, load],
  );

  useEffect(() => {
    keyRef.current = key;
    wanted.current = [0, 0];
    reset(false);
  }, [key, reset]);

  useEffect(() => () => clearTimeout(timer.current), []);

  useEngineEvent('data.changed', ({ tables }) => {
    if (tables.includes(query.table)) reset(true);
  });

  const want = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      clearTimeout(timer.current);
      timer.current = setTimeout(load, FETCH_DEBOUNCE_MS);
    },
    [load],
  );

  const row = (index: number): Cell[] | undefined => {
    const p = Math.floor(index / PAGE_SIZE);
    return (pages.current.get(p) ?? stale.current.get(p))?.[index % PAGE_SIZE];
  };

  return { columns, total, error, loading, row, want };
}
