// Instant search while typing: debounced calls, and only the newest request's answer is kept
// (each call takes a sequence number; an older response that arrives late is dropped).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchResponse } from '../../../engine/api/search.js';
import { useEngine } from '../../api/useEngine.js';

export const DEBOUNCE_MS = 80;
export const LIMIT = 20;

export interface SearchState {
  response: SearchResponse | null;
  /** The query text the response answers. */
  answered: string;
  loading: boolean;
  error: unknown;
  /** Run the current query again now (e.g. after the index changed). */
  refresh(): void;
}

export function useSearch(q: string): SearchState {
  const client = useEngine();
  const seq = useRef(0);
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [answered, setAnswered] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (!q.trim()) {
      setResponse(null);
      setAnswered('');
      setLoading(false);
      setError(null);
      return;
    }
    setLoading(true);
    const timer = setTimeout(() => {
      client.call('search.query', { q, limit: LIMIT, lexicalOnly: false }).then(
        (r) => {
          if (mine !== seq.current) return;
          setResponse(r);
          setAnswered(q);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setResponse(null);
          setAnswered('');
          setError(e);
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, q, tick]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { response, answered, loading, error, refresh };
}
