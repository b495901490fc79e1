// "Export HTML report": profile.exportHtml of the scope's latest report to a path inside the
// allowed folders (by default the first allowed root).
import { useEffect, useState } from 'react';
import type { ProfileScope } from '../../../engine/api/profile-types.js';
import { useAppStatus, useEngine } from '../../api/useEngine.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatBytes, joinPath } from '../../components/paths.js';
import { scopeKey } from './scope.js';

export function ExportReport({ scope }: { scope: ProfileScope }) {
  const client = useEngine();
  const root = useAppStatus()?.roots[0] ?? '';
  const suggested = root ? joinPath(root, `aerie-profile-${scopeKey(scope).replace(':', '-')}.html`) : '';
  const [path, setPath] = useState(suggested);
  const [done, setDone] = useState<{ path: string; bytes: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPath(suggested);
    setDone(null);
    setError(null);
  }, [suggested]);

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await client.call('profile.exportHtml', { scope, path: path.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-row">
      <div className="field-row">
        <label className="sr-only" htmlFor="profile-export-path">
          HTML report path
        </label>
        <input id="profile-export-path" className="input-path" value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="button" className="button" disabled={busy || !path.trim()} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export HTML report'}
        </button>
      </div>
      {done && (
        <p className="form-ok" role="status">
          Wrote the report ({formatBytes(done.bytes)}) to <code>{done.path}</code>
        </p>
      )}
      <ErrorNotice error={error} title="Export failed" />
    </div>
  );
}
