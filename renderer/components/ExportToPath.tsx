// A path field and a button that writes a file through the engine, then says what was written.
// Used by every "export …" action (rejects CSV, profile HTML report). The engine never replaces a
// file unasked: when one exists it answers CONFLICT (details.replaceable) and we ask "Replace it?".
import { useEffect, useState, type ReactNode } from 'react';
import { isAerieError } from '../../engine/api/errors.js';
import { ErrorNotice } from './ErrorNotice.js';

export interface ExportToPathProps<T> {
  id: string;
  /** Accessible name of the path field. */
  label: string;
  buttonLabel: string;
  defaultPath: string;
  /** overwrite: the analyst confirmed replacing the file already at `path`. */
  write(path: string, overwrite: boolean): Promise<T>;
  describe(result: T): ReactNode;
}

export function ExportToPath<T>({ id, label, buttonLabel, defaultPath, write, describe }: ExportToPathProps<T>) {
  const [path, setPath] = useState(defaultPath);
  const [done, setDone] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [replace, setReplace] = useState<string | null>(null);

  useEffect(() => {
    setPath(defaultPath);
    setDone(null);
    setError(null);
    setReplace(null);
  }, [defaultPath]);

  const run = async (target: string, overwrite: boolean) => {
    setBusy(true);
    setError(null);
    setDone(null);
    setReplace(null);
    try {
      setDone(await write(target, overwrite));
    } catch (e) {
      if (!overwrite && isAerieError(e, 'CONFLICT') && e.details?.replaceable === true) setReplace(target);
      else setError(e);
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
        <input
          id={id}
          className="input-path"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            setReplace(null);
          }}
        />
        <button type="button" className="button" disabled={busy || !path.trim()} onClick={() => void run(path.trim(), false)}>
          {busy ? 'Exporting…' : buttonLabel}
        </button>
      </div>
      {replace !== null && (
        <div className="notice-warn-box" role="alertdialog" aria-label="Replace the existing file?">
          <span>
            A file already exists at <code>{replace}</code>. Replace it?
          </span>
          <span className="form-actions">
            <button type="button" className="button button-small" disabled={busy} onClick={() => void run(replace, true)}>
              Replace
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => setReplace(null)}>
              Cancel
            </button>
          </span>
        </div>
      )}
      {done !== null && (
        <p className="form-ok" role="status">
          {describe(done)}
        </p>
      )}
      <ErrorNotice error={error} title="Export failed" />
    </div>
  );
}
