// "Export these results": the listed records, in rank order, every record column, as CSV or XLSX
// through the engine's safe writer (data.export with ids).
import { useState } from 'react';
import { useAppStatus, useEngine } from '../../api/useEngine.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { joinPath } from '../../components/paths.js';
import { fmtInt } from '../../components/format.js';

export function SearchExport({ ids }: { ids: number[] }) {
  const client = useEngine();
  const root = useAppStatus()?.roots[0] ?? '';
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  if (!root || ids.length === 0) return null;
  return (
    <details className="search-export" data-testid="search-export">
      <summary>Export results…</summary>
      <select value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')} aria-label="Search export format">
        <option value="csv">CSV</option>
        <option value="xlsx">Excel (XLSX)</option>
      </select>
      <ExportToPath
        id="search-export-path"
        label={`${format.toUpperCase()} path`}
        buttonLabel={`Export ${ids.length} results as ${format.toUpperCase()}`}
        defaultPath={joinPath(root, `aerie-search-results.${format}`)}
        write={(path, overwrite) => client.call('data.export', { table: 'records', ids, format, path, overwrite })}
        describe={(done) => (
          <>
            Wrote {fmtInt(done.rows)} records to <code>{done.path}</code>
          </>
        )}
      />
    </details>
  );
}
