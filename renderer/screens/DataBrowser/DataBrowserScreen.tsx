// Data browser: pick any browsable table (data.tables) and page through it in the grid.
import { useState } from 'react';
import { errorMessage } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { DataGrid } from '../../components/DataGrid/DataGrid.js';

export function DataBrowserScreen() {
  const { data: tables, error } = useEngineQuery('data.tables', {}, { reloadOn: ['data.changed'] });
  const [table, setTable] = useState('records');

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
      {error != null && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <DataGrid table={table} label={current?.label ?? table} />
    </div>
  );
}
