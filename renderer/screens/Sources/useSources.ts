// sources.list, refreshed whenever the engine says rows changed (imports, demo data).
import type { SourceInfo } from '../../../engine/api/ingest.js';
import { errorMessage } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';

export function useSources(): { sources: SourceInfo[] | null; error: string | null; reload(): void } {
  const q = useEngineQuery('sources.list', {}, { reloadOn: ['data.changed'] });
  return { sources: q.data, error: q.error ? errorMessage(q.error) : null, reload: q.reload };
}
