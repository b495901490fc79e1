// Exports of the latest build: golden records (CSV or XLSX, optionally pseudonymised) and the
// crosswalk from every source key to its golden id, to paths inside the allowed folders.
import { useState } from 'react';
import { useAppStatus, useEngine } from '../../api/useEngine.js';
import { ExportToPath } from '../../components/ExportToPath.js';
import { fmtInt } from '../../components/format.js';
import { joinPath } from '../../components/paths.js';

export function GoldenExports() {
  const client = useEngine();
  const root = useAppStatus()?.roots[0] ?? '';
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [pseudonymise, setPseudonymise] = useState(false);
  const file = `aerie-golden${pseudonymise ? '-pseudonymised' : ''}.${format}`;
  return (
    <section className="card stack" aria-labelledby="golden-exports-title">
      <h2 id="golden-exports-title" className="section-title">
        Export
      </h2>
      <div className="form-row">
        <label className="field-inline">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')} data-testid="golden-export-format">
            <option value="csv">CSV</option>
            <option value="xlsx">Excel (XLSX)</option>
          </select>
        </label>
        <label className="field-check">
          <input type="checkbox" checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} />
          Pseudonymise (keyed tokens for names, emails, phones, addresses and dates of birth; free text left out)
        </label>
      </div>
      <ExportToPath
        id="golden-export-path"
        label="Golden records file path"
        buttonLabel="Export golden records"
        defaultPath={root ? joinPath(root, file) : ''}
        write={(path, overwrite) => client.call('golden.export', { path, format, pseudonymise, overwrite })}
        describe={(d) => (
          <>
            Wrote {fmtInt(d.rows)} golden records{d.pseudonymised ? ' (pseudonymised)' : ''} to <code>{d.path}</code>
          </>
        )}
      />
      <ExportToPath
        id="golden-crosswalk-path"
        label="Crosswalk file path"
        buttonLabel="Export crosswalk"
        defaultPath={root ? joinPath(root, 'aerie-crosswalk.csv') : ''}
        write={(path, overwrite) => client.call('golden.exportCrosswalk', { path, overwrite })}
        describe={(d) => (
          <>
            Wrote {fmtInt(d.rows)} source records with their golden id to <code>{d.path}</code>
          </>
        )}
      />
    </section>
  );
}
