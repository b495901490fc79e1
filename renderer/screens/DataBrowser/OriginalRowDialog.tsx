// A row opened from the grid (Enter or double-click): its lineage (file, row, source) and every
// source column's value exactly as the file had it (data.original), beside what it feeds.
import { useEffect, useRef } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

export function OriginalRowDialog({ table, id, onClose }: { table: 'records' | 'events'; id: number; onClose(): void }) {
  const { data, error } = useEngineQuery('data.original', { table, id });
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div
        className="card modal original-row"
        role="dialog"
        aria-modal="true"
        aria-labelledby="original-row-title"
        data-testid="original-row"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <header className="screen-head-row">
          <h2 id="original-row-title">
            {table === 'records' ? 'Record' : 'Event'} {id}
          </h2>
          <button ref={closeRef} type="button" className="button" onClick={onClose}>
            Close
          </button>
        </header>
        <ErrorNotice error={error} />
        {data && (
          <>
            <p className="muted small">
              {data.file ? (
                <>
                  Row {data.rowNo} of <code>{data.file}</code>, source {data.source}, import {data.importId}
                </>
              ) : (
                'Not from an imported file.'
              )}
            </p>
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Value as imported</th>
                  <th scope="col">Feeds</th>
                </tr>
              </thead>
              <tbody>
                {data.columns.map((c, i) => (
                  <tr key={i}>
                    <th scope="row">{c.name}</th>
                    <td className="pre">{c.value ?? <span className="muted">(missing)</span>}</td>
                    <td className="muted">{c.feeds ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </div>
  );
}
