// Data browser: pick any browsable table (data.tables) — a workspace table, or one source with
// every column its files had — page through it in the grid, and export what the grid shows.
import { useState } from 'react';
import type { Filter, Sort } from '../../../engine/api/data.js';
import { errorMessage, useAppStatus, useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { DataGrid } from '../../components/DataGrid/DataGrid.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { joinPath } from '../../components/paths.js';

const isSource = (name: string) => name.startsWith('source:');

export function DataBrowserScreen() {
  const client = useEngine();
  const root = useAppStatus()?.roots[0] ?? '';
  const { data: tables, error } = useEngineQuery('data.tables', {}, { reloadOn: ['data.changed'] });
  const [table, setTable] = useState('records');
  const [query, setQuery] = useState<{ sort: Sort | null; filters: Filter[] }>({ sort: null, filters: [] });

  const list = tables ?? [{ name: 'records', label: 'Customer records', rowCount: 0, columns: [] }];
  const option = (t: (typeof list)[number]) => (
    <option key={t.name} value={t.name}>
      {t.label} ({t.rowCount.toLocaleString('en')})
    </option>
  );
  const current = tables?.find((t) => t.name === table);
  const fileName = `aerie-${(current?.label ?? table).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.csv`;
  return (
    <div className="screen screen-fill">
      <header className="screen-head screen-head-row">
        <h1>Data browser</h1>
        <label className="field-inline">
          <span>Table</span>
          <select value={table} onChange={(e) => setTable(e.target.value)} aria-describedby="table-count">
            <optgroup label="Workspace">{list.filter((t) => !isSource(t.name)).map(option)}</optgroup>
            {list.some((t) => isSource(t.name)) && <optgroup label="Sources, every column as imported">{list.filter((t) => isSource(t.name)).map(option)}</optgroup>}
          </select>
        </label>
        <span id="table-count" className="muted">
          {current ? `${current.columns.length} columns` : ''}
        </span>
        {root && (
          // Closed by default so the grid keeps its height.
          <details className="grid-export">
            <summary>Export CSV…</summary>
            <ExportToPath
              id="grid-export-path"
              label="CSV path"
              buttonLabel="Export these rows as CSV"
              defaultPath={joinPath(root, fileName)}
              write={(path, overwrite) => client.call('data.export', { table, ...(query.sort ? { sort: query.sort } : {}), filters: query.filters, path, overwrite })}
              describe={(done) => (
                <>
                  Wrote {done.rows.toLocaleString('en')} {done.rows === 1 ? 'row' : 'rows'} of {done.columns} columns to <code>{done.path}</code>
                </>
              )}
            />
          </details>
        )}
      </header>
      {error != null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <DataGrid table={table} label={current?.label ?? table} onQueryChange={setQuery} />
    </div>
  );
}
