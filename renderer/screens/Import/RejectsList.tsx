// The rows an import could not store: row number, column, reason and the raw text, paged.
import { useState } from 'react';
import { errorMessage } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { FormError } from '../../components/FormError.js';
import { fmtInt } from '../../components/format.js';

const PAGE = 50;

export function RejectsList({ importId }: { importId: number }) {
  const [offset, setOffset] = useState(0);
  const { data, error } = useEngineQuery('ingest.rejects', { importId, offset, limit: PAGE });

  if (error) return <FormError message={errorMessage(error)} />;
  if (!data) return <p className="muted">Loading rejects…</p>;
  if (data.total === 0) return <p className="form-ok">No rows were rejected.</p>;
  return (
    <div className="rejects">
      <div className="table-scroll">
        <table className="table table-compact" aria-label="Rejected rows">
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Reason</th>
              <th scope="col">Raw text</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={`${r.importId}-${r.rowNo}-${r.column ?? ''}`}>
                <td className="num">{r.rowNo}</td>
                <td>{r.column ?? <span className="muted">–</span>}</td>
                <td className="wrap">{r.reason}</td>
                <td>
                  <code className="raw">{r.raw.length > 200 ? `${r.raw.slice(0, 199)}…` : r.raw}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.total > PAGE && (
        <div className="form-actions pager">
          <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="muted">
            {fmtInt(offset + 1)}–{fmtInt(Math.min(data.total, offset + PAGE))} of {fmtInt(data.total)}
          </span>
          <button type="button" className="button button-small" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
    </div>
  );
}
