// "Export rejects as CSV": ingest.exportRejects to a path the analyst can change (by default
// beside the source file: <file>.rejects.csv). Formula-like cells are neutralised by the engine.
import { useState } from 'react';
import { useEngine } from '../../api/useEngine.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

export function ExportRejects({ importId, defaultPath }: { importId: number; defaultPath: string }) {
  const client = useEngine();
  const [path, setPath] = useState(defaultPath);
  const [done, setDone] = useState<{ path: string; rows: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await client.call('ingest.exportRejects', { importId, path: path.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-row">
      <div className="field-row">
        <label className="sr-only" htmlFor={`rejects-path-${importId}`}>
          Rejects CSV path
        </label>
        <input id={`rejects-path-${importId}`} className="input-path" value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="button" className="button" disabled={busy || !path.trim()} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export rejects as CSV'}
        </button>
      </div>
      {done && (
        <p className="form-ok" role="status">
          Wrote {done.rows.toLocaleString('en')} {done.rows === 1 ? 'row' : 'rows'} to <code>{done.path}</code>
        </p>
      )}
      <ErrorNotice error={error} title="Export failed" />
    </div>
  );
}
