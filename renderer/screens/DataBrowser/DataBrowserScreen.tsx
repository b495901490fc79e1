// Data browser: pick any browsable table (data.tables) and page through it in the grid.
import { useEffect, useState } from 'react';
import type { TableInfo } from '../../../engine/api/schemas.js';
import { errorMessage, useEngine, useEngineEvent } from '../../api/useEngine.js';
import { DataGrid } from '../../components/DataGrid/DataGrid.js';

export function DataBrowserScreen() {
  const client = useEngine();
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [table, setTable] = useState('records');
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let live = true;
    client.call('data.tables', {}).then(
      (t) => live && setTables(t),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [client, refresh]);
  useEngineEvent('data.changed', () => setRefresh((r) => r + 1));

  const current = tables?.find((t) => t.name === table);
  return (
    <div className="screen screen-fill">
      <header className="screen-head screen-head-row">
        <h1>Data browser</h1>
        <label className="field-inline">
          <span>Table</span>
          <select value={table} onChange={(e) => setTable(e.target.value)} aria-describedby="table-count">
            {(tables ?? [{ name: 'records', label: 'Customer records', rowCount: 0, columns: [] }]).map((t) => (
              <option key={t.name} value={t.name}>
                {t.label} ({t.rowCount.toLocaleString('en')})
              </option>
            ))}
          </select>
        </label>
        <span id="table-count" className="muted">
          {current ? `${current.columns.length} columns` : ''}
        </span>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <DataGrid table={table} label={current?.label ?? table} />
    </div>
  );
}
