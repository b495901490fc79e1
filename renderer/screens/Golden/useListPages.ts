// Page cache for the golden entity list: fetches 100-entity pages through golden.list as the list
// scrolls, keeps a bounded number of them (never the whole list), and starts over when the filters
// or the build change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../engine/api/methods.js';
import { useEngine } from '../../api/useEngine.js';

export type ListQuery = Omit<MethodInput<'golden.list'>, 'offset' | 'limit'>;
export type ListItem = MethodOutput<'golden.list'>['items'][number];
export type ListSource = MethodOutput<'golden.list'>['sources'][number];

export const PAGE = 100;
const MAX_PAGES = 40;

export interface ListPages {
  total: number | null;
  sources: ListSource[];
  error: unknown;
  row(index: number): ListItem | undefined;
  /** Ask for the pages covering rows first..last. */
  want(first: number, last: number): void;
}

/** `version` (the build) is part of the key: a rebuild refetches. */
export function useListPages(query: ListQuery, version: string): ListPages {
  const client = useEngine();
  const key = JSON.stringify(query) + '|' + version;
  const pages = useRef(new Map<number, ListItem[]>());
  const inflight = useRef(new Set<number>());
  const gen = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [sources, setSources] = useState<ListSource[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [, setTick] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inflight.current.has(page)) return;
      const g = gen.current;
      inflight.current.add(page);
      client.call('golden.list', { ...(JSON.parse(key.slice(0, key.lastIndexOf('|'))) as ListQuery), offset: page * PAGE, limit: PAGE }).then(
        (r) => {
          if (g !== gen.current) return;
          inflight.current.delete(page);
          pages.current.set(page, r.items);
          // bounded: drop the page farthest from this one
          if (pages.current.size > MAX_PAGES) {
            const far = [...pages.current.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page))[0]!;
            pages.current.delete(far);
          }
          setTotal(r.total);
          setSources(r.sources);
          setError(null);
          setTick((t) => t + 1);
        },
        (e: unknown) => {
          if (g !== gen.current) return;
          inflight.current.delete(page);
          setError(e);
        },
      );
    },
    [client, key],
  );

  useEffect(() => {
    gen.current++;
    pages.current = new Map();
    inflight.current = new Set();
    setTotal(null);
    fetchPage(0);
  }, [fetchPage]);

  const want = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) fetchPage(p);
    },
    [fetchPage],
  );
  const row = (index: number) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE];
  return { total, sources, error, row, want };
}
