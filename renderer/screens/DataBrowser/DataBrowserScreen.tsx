// Data browser: pick any browsable table (data.tables) — a workspace table, or one source with
// every column its files had, named by the source — page through it in the grid, filter it in the
// filter syntax, facet it, open a row's original values, and export exactly what the grid shows
// (filters, sort, visible columns) as CSV or XLSX. Other screens open it on a table with filters
// (navigation params `browse`: the profile's top values and chart bars do).
import { useEffect, useState } from 'react';
import type { Cell, ColumnInfo, Filter, Sort } from '../../../engine/api/data.js';
import { FILTER_SYNTAX_HELP } from '../../../engine/api/data-filter.js';
import { errorMessage, useAppStatus, useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { DataGrid } from '../../components/DataGrid/DataGrid.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { joinPath } from '../../components/paths.js';
import { useNavigation } from '../../shell/navigation.js';
import { FacetPanel } from './FacetPanel.js';
import { OriginalRowDialog } from './OriginalRowDialog.js';
import './data-browser.css';
import { fmtInt } from '../../components/format.js';

const isSource = (name: string) => name.startsWith('source:');

/** Which stored row a grid row is, for data.original: records and source tables hold records. */
function openable(table: string, row: Cell[], columns: ColumnInfo[]): { table: 'records' | 'events'; id: number } | null {
  const id = row[columns.findIndex((c) => c.name === 'id')];
  if (typeof id !== 'number') return null;
  if (table === 'records' || isSource(table)) return { table: 'records', id };
  if (table === 'events') return { table: 'events', id };
  return null;
}

export function DataBrowserScreen() {
  const client = useEngine();
  const { route } = useNavigation();
  const root = useAppStatus()?.roots[0] ?? '';
  const { data: tables, error } = useEngineQuery('data.tables', {}, { reloadOn: ['data.changed'] });
  const browse = route.params.browse;
  const [table, setTable] = useState(browse?.table ?? 'records');
  const [filterText, setFilterText] = useState<Record<string, string>>(browse?.filters ?? {});
  const [hidden, setHidden] = useState<string[]>([]);
  const [facet, setFacet] = useState('');
  const [opened, setOpened] = useState<{ table: 'records' | 'events'; id: number } | null>(null);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [query, setQuery] = useState<{ sort: Sort | null; filters: Filter[] }>({ sort: null, filters: [] });

  // A link from another screen (a profile's top value) opens that table with its filters.
  useEffect(() => {
    if (!browse) return;
    setTable(browse.table);
    setFilterText(browse.filters ?? {});
    setHidden([]);
    const first = Object.keys(browse.filters ?? {})[0];
    if (first) setFacet(first);
  }, [browse]);

  const pickTable = (name: string) => {
    setTable(name);
    setFilterText({});
    setHidden([]);
    setFacet('');
  };

  const list = tables ?? [{ name: 'records', label: 'Customer records', rowCount: 0, columns: [] }];
  const option = (t: (typeof list)[number]) => (
    <option key={t.name} value={t.name}>
      {t.label} ({fmtInt(t.rowCount)})
    </option>
  );
  const current = tables?.find((t) => t.name === table);
  const columns = current?.columns ?? [];
  const visible = columns.filter((c) => !hidden.includes(c.name)).map((c) => c.name);
  const fileName = `aerie-${(current?.label ?? table).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.${format}`;
  return (
    <div className="screen screen-fill">
      <header className="screen-head screen-head-row">
        <h1>Data browser</h1>
        <label className="field-inline">
          <span>Table</span>
          <select value={table} onChange={(e) => pickTable(e.target.value)} aria-describedby="table-count">
            <optgroup label="Workspace">{list.filter((t) => !isSource(t.name)).map(option)}</optgroup>
            {list.some((t) => isSource(t.name)) && <optgroup label="Sources, every column as imported">{list.filter((t) => isSource(t.name)).map(option)}</optgroup>}
          </select>
        </label>
        <span id="table-count" className="muted">
          {current ? `${visible.length} of ${columns.length} columns` : ''}
        </span>
        <details className="grid-columns">
          <summary>Columns…</summary>
          <fieldset className="column-picker">
            <legend className="sr-only">Visible columns</legend>
            {columns.map((c) => (
              <label key={c.name} className="check">
                <input
                  type="checkbox"
                  checked={!hidden.includes(c.name)}
                  disabled={visible.length === 1 && !hidden.includes(c.name)}
                  onChange={(e) => setHidden((h) => (e.target.checked ? h.filter((x) => x !== c.name) : [...h, c.name]))}
                />
                {c.label}
              </label>
            ))}
          </fieldset>
        </details>
        {root && (
          // Closed by default so the grid keeps its height.
          <details className="grid-export">
            <summary>
              Export CSV… <span className="muted">or XLSX</span>
            </summary>
            <label className="field-inline">
              <span>Format</span>
              <select value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')} aria-label="Export format">
                <option value="csv">CSV</option>
                <option value="xlsx">Excel (XLSX)</option>
              </select>
            </label>
            <ExportToPath
              id="grid-export-path"
              label={`${format.toUpperCase()} path`}
              buttonLabel={`Export these rows as ${format.toUpperCase()}`}
              defaultPath={joinPath(root, fileName)}
              write={(path, overwrite) =>
                client.call('data.export', { table, ...(query.sort ? { sort: query.sort } : {}), filters: query.filters, columns: visible, format, path, overwrite })
              }
              describe={(done) => (
                <>
                  Wrote {fmtInt(done.rows)} {done.rows === 1 ? 'row' : 'rows'} of {fmtInt(done.columns)} columns to <code>{done.path}</code>
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
      <p className="hint small filter-help">
        Filters: <code>{FILTER_SYNTAX_HELP}</code>. Enter or a double-click opens a row as imported; Shift selects cells, Ctrl+C copies them.
      </p>
      <div className="browser-body">
        <DataGrid
          table={table}
          label={current?.label ?? table}
          onQueryChange={setQuery}
          filterText={filterText}
          onFilterTextChange={setFilterText}
          hiddenColumns={hidden}
          onOpenRow={(row, cols) => setOpened(openable(table, row, cols))}
        />
        <FacetPanel
          table={table}
          columns={columns}
          column={facet}
          onColumn={setFacet}
          filterText={filterText}
          onFilter={(column, text) => setFilterText((f) => ({ ...f, [column]: text }))}
        />
      </div>
      {opened && <OriginalRowDialog table={opened.table} id={opened.id} onClose={() => setOpened(null)} />}
    </div>
  );
}
