// Step 3: what Aerie detected (format, encoding, delimiter, header), its notes, the first rows,
// and a warning when the same file (same hash) was imported before.
import type { ImportKind, Preview, ReadSettings } from '../../../engine/api/ingest.js';
import { delimiterName, fmtBytes, fmtDate } from '../../components/format.js';
import { PreviewRejects } from './PreviewRejects.js';
import { ReadSettingsForm } from './ReadSettingsForm.js';

interface Props {
  preview: Preview;
  kind: ImportKind;
  source: string;
  read: ReadSettings;
  allowDuplicate: boolean;
  onReread(preview: Preview, read: ReadSettings): void;
  onAllowDuplicate(v: boolean): void;
  onNext(): void;
  onBack(): void;
}

const SAMPLE_ROWS = 8;

export function PreviewStep({ preview: p, kind, source, read, allowDuplicate, onAllowDuplicate, onReread, onNext, onBack }: Props) {
  const blocked = p.alreadyImported !== null && !allowDuplicate;
  return (
    <section aria-labelledby="step-preview-title">
      <h3 id="step-preview-title">Preview</h3>
      <dl className="facts" aria-label="Detected file settings">
        <div>
          <dt>Format</dt>
          <dd data-testid="preview-format">{p.format}</dd>
        </div>
        <div>
          <dt>Encoding</dt>
          <dd data-testid="preview-encoding">{p.encoding}</dd>
        </div>
        <div>
          <dt>Delimiter</dt>
          <dd data-testid="preview-delimiter">{delimiterName(p.delimiter)}</dd>
        </div>
        {p.quote !== null && (
          <div>
            <dt>Quote</dt>
            <dd data-testid="preview-quote">{p.quote === 'none' ? 'none' : p.quote}</dd>
          </div>
        )}
        <div>
          <dt>Header row</dt>
          <dd>{p.hasHeader ? 'yes' : 'no (columns numbered)'}</dd>
        </div>
        {p.table && (
          <div>
            <dt>Table</dt>
            <dd>{p.table}</dd>
          </div>
        )}
        <div>
          <dt>Columns</dt>
          <dd>{p.columns.length}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{fmtBytes(p.fileBytes)}</dd>
        </div>
      </dl>
      {/* key: a new preview resets the form to what was read */}
      <ReadSettingsForm key={`${p.encoding}|${p.delimiter}|${p.quote}|${p.hasHeader}|${read.skipRows ?? 0}`} preview={p} kind={kind} source={source} read={read} onReread={onReread} />
      {p.notes.length > 0 && (
        <ul className="notes" aria-label="Notes on the file">
          {p.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {p.alreadyImported && (
        <div className="notice notice-warn-box" role="alert" data-testid="already-imported">
          <span>
            This file was already imported: import #{p.alreadyImported.importId} into <strong>{p.alreadyImported.source}</strong> on {fmtDate(p.alreadyImported.at)}. Importing it again
            doubles its rows.
          </span>
          <label className="check">
            <input type="checkbox" checked={allowDuplicate} onChange={(e) => onAllowDuplicate(e.target.checked)} />
            Import anyway
          </label>
        </div>
      )}
      <div className="table-scroll">
        <table className="table table-compact" aria-label="First rows of the file">
          <thead>
            <tr>
              {p.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.sample.slice(0, SAMPLE_ROWS).map((row, i) => (
              <tr key={i}>
                {p.columns.map((c, j) => (
                  <td key={c} className={row[j] === null ? 'cell-null' : undefined}>
                    {row[j] ?? 'null'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PreviewRejects preview={p} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="button button-primary" disabled={blocked} onClick={onNext}>
          Next: mapping
        </button>
        {blocked && <span className="hint">Tick “Import anyway” to go on, or choose another file.</span>}
      </div>
    </section>
  );
}
