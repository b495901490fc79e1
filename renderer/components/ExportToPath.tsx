// A path field and a button that writes a file through the engine, then says what was written.
// Used by every "export …" action (rejects CSV, profile HTML report).
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice.js';

export interface ExportToPathProps<T> {
  id: string;
  /** Accessible name of the path field. */
  label: string;
  buttonLabel: string;
  defaultPath: string;
  write(path: string): Promise<T>;
  describe(result: T): ReactNode;
}

export function ExportToPath<T>({ id, label, buttonLabel, defaultPath, write, describe }: ExportToPathProps<T>) {
  const [path, setPath] = useState(defaultPath);
  const [done, setDone] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPath(defaultPath);
    setDone(null);
    setError(null);
  }, [defaultPath]);

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await write(path.trim()));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-row">
      <div className="field-row">
        <label className="sr-only" htmlFor={id}>
          {label}
        </label>
        <input id={id} className="input-path" value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="button" className="button" disabled={busy || !path.trim()} onClick={() => void run()}>
          {busy ? 'Exporting…' : buttonLabel}
        </button>
      </div>
      {done !== null && (
        <p className="form-ok" role="status">
          {describe(done)}
        </p>
      )}
      <ErrorNotice error={error} title="Export failed" />
    </div>
  );
}
