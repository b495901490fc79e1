// One source's imports: file, format, rows read / imported / rejected, state, date, and links to
// the rejects and the import's profile.
import type { ImportSummary } from '../../../engine/api/ingest.js';
import { fmtDate, fmtInt } from '../../components/format.js';
import { useNavigation } from '../../shell/navigation.js';

export function ImportsTable({ imports, onRejects, onRollback }: { imports: ImportSummary[]; onRejects(importId: number): void; onRollback(i: ImportSummary): void }) {
  const { go } = useNavigation();
  if (imports.length === 0) return <p className="muted">No imports yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table table-compact" aria-label="Imports">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col" className="num">
              Read
            </th>
            <th scope="col" className="num">
              Imported
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col">State</th>
            <th scope="col">Date</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.importId} data-import-id={i.importId}>
              <td>{i.importId}</td>
              <td>{i.file}</td>
              <td>{i.format}</td>
              <td className="num">{fmtInt(i.rowsRead)}</td>
              <td className="num">{fmtInt(i.rowsImported)}</td>
              <td className={`num${i.rowsRejected > 0 ? ' error-text' : ''}`}>{fmtInt(i.rowsRejected)}</td>
              <td>
                <span className={`badge badge-${i.state === 'done' ? 'succeeded' : i.state === 'running' ? 'running' : 'failed'}`}>{i.state}</span>
              </td>
              <td>{fmtDate(i.createdAt)}</td>
              <td>
                <span className="row-actions">
                {i.rowsRejected > 0 && (
                  <button type="button" className="link-button" onClick={() => onRejects(i.importId)} aria-label={`View rejects of import ${i.importId}`}>
                    Rejects
                  </button>
                )}
                <button type="button" className="link-button" onClick={() => go('profile', { scope: { kind: 'import', importId: i.importId } })} aria-label={`Profile import ${i.importId}`}>
                  Profile
                </button>
                {i.state !== 'running' && (
                  <button type="button" className="link-button" onClick={() => onRollback(i)} aria-label={`Roll back import ${i.importId}`}>
                    Roll back…
                  </button>
                )}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
