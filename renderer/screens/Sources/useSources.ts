// sources.list, refreshed whenever the engine says rows changed (imports, demo data).
import { useCallback, useEffect, useState } from 'react';
import type { SourceInfo } from '../../../engine/api/ingest-schemas.js';
import { errorMessage, useEngine, useEngineEvent } from '../../api/useEngine.js';

export function useSources(): { sources: SourceInfo[] | null; error: string | null; reload(): void } {
  const client = useEngine();
  const [sources, setSources] = useState<SourceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let live = true;
    client.call('sources.list', {}).then(
      (s) => {
        if (!live) return;
        setSources(s);
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [client, tick]);

  useEngineEvent('data.changed', reload);
  return { sources, error, reload };
}
