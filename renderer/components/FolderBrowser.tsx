// Browses the folders the engine allows (app.status roots) with fs.list. In "open" mode a
// workspace file can be chosen; in "import" mode an importable data file; in "create" mode only
// folders matter.
import type { FsEntry } from '../../engine/api/app.js';
import { errorMessage, useEngineContext } from '../api/useEngine.js';
import { useEngineQuery } from '../api/useEngineQuery.js';
import { fmtBytes } from './format.js';

interface Props {
  roots: string[];
  mode: 'create' | 'open' | 'import';
  dir: string | null;
  onDir(dir: string): void;
  selected?: string | null;
  onSelect?(path: string): void;
}

export function FolderBrowser({ roots, mode, dir, onDir, selected, onSelect }: Props) {
  // The engine resolves the folder it listed (the first root when none was given): follow it.
  const q = useEngineQuery('fs.list', dir ? { dir } : {}, { onData: (l) => l.dir !== dir && onDir(l.dir) });
  const listing = q.data;
  const { kind } = useEngineContext();
  const error = q.error ? errorMessage(q.error) : null;

  const entries = (listing?.entries ?? []).filter((e) => e.kind === 'dir' || mode === 'open' || (mode === 'import' && e.kind === 'file'));
  const choosable = (e: FsEntry) => (mode === 'open' && e.kind === 'workspace') || (mode === 'import' && e.kind === 'file');
  const listLabel = mode === 'open' ? 'Folders and workspaces' : mode === 'import' ? 'Folders and data files' : 'Folders';
  const emptyText = mode === 'open' ? 'No folders or workspaces here.' : mode === 'import' ? 'No folders or importable files (CSV, TXT, SQL, CTL, XLSX…) here.' : 'No sub-folders here.';
  return (
    <div className="browser">
      <div className="browser-bar">
        {roots.length > 1 && (
          <label className="browser-root">
            <span>Location</span>
            <select value={roots.find((r) => listing?.dir.startsWith(r)) ?? ''} onChange={(e) => onDir(e.target.value)}>
              {roots.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="button button-small" disabled={!listing?.parent} onClick={() => listing?.parent && onDir(listing.parent)}>
          Up
        </button>
        <code className="browser-path" aria-label="Current folder">
          {listing?.dir ?? '…'}
        </code>
      </div>
      <details className="browser-roots" data-testid="browser-roots">
        <summary>
          {roots.length === 1 ? 'Aerie can reach 1 folder' : `Aerie can reach ${roots.length} folders`}: how to add another
        </summary>
        <ul>
          {roots.map((r) => (
            <li key={r}>
              <code>{r}</code>
            </li>
          ))}
        </ul>
        {kind === 'ipc' ? (
          <p className="hint">A folder you pick in the system's Open or Save dialog is added for this session.</p>
        ) : (
          <p className="hint">
            The loopback host reaches only the workspace's folder and the folders it was started with. Restart it with <code>aerie serve --root /path/to/folder</code> (repeat{' '}
            <code>--root</code> for several) and open the new address it prints.
          </p>
        )}
      </details>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="browser-list" aria-label={listLabel}>
        {entries.length === 0 && listing && <li className="browser-empty">{emptyText}</li>}
        {entries.map((e) => (
          <li key={e.path}>
            <button
              type="button"
              className={`browser-item browser-${e.kind}${selected === e.path ? ' is-selected' : ''}`}
              disabled={e.kind !== 'dir' && !choosable(e)}
              aria-pressed={choosable(e) ? selected === e.path : undefined}
              onClick={() => (e.kind === 'dir' ? onDir(e.path) : onSelect?.(e.path))}
            >
              <span className="browser-icon" aria-hidden="true">
                {e.kind === 'dir' ? '▸' : e.kind === 'workspace' ? '◆' : '·'}
              </span>
              <span className="browser-name">{e.name}</span>
              {e.kind !== 'dir' && <span className="browser-size">{fmtBytes(e.sizeBytes)}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
