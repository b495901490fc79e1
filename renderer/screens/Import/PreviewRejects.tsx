// Rows the import would reject among the first rows of the file, with the import's own reasons, so
// a ragged file's bad rows are seen before importing instead of silently missing from the sample.
import type { Preview } from '../../../engine/api/ingest.js';
import { fmtInt } from '../../components/format.js';

export function PreviewRejects({ preview: p }: { preview: Preview }) {
  if (p.rejects.length === 0) {
    return (
      <p className="hint" data-testid="preview-rejects-none">
        No problem rows in the first {fmtInt(p.rowsChecked)} rows.
      </p>
    );
  }
  return (
    <div className="notice notice-warn-box" role="region" aria-label="Rows that would be rejected">
      <p>
        {p.rejects.length >= 20 ? 'At least ' : ''}
        {fmtInt(p.rejects.length)} of the first {fmtInt(p.rowsChecked)} rows would be rejected (kept with their reasons, never dropped silently):
      </p>
      <div className="table-scroll">
        <table className="table table-compact" aria-label="Would-be rejects">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Reason</th>
              <th scope="col">Row as written</th>
            </tr>
          </thead>
          <tbody>
            {p.rejects.map((r) => (
              <tr key={`${r.rowNo}-${r.line}`}>
                <td>{r.line}</td>
                <td>{r.reason}</td>
                <td className="raw">{r.raw.length > 120 ? `${r.raw.slice(0, 119)}…` : r.raw}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
