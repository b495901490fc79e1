// The entity's event timeline (orders, email events, tickets, payments of its records), newest
// first, a page at a time, by type.
import { useState } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtDate, fmtInt, fmtNumber } from '../../components/format.js';

const LIMIT = 25;

export function Timeline({ id }: { id: string }) {
  const [type, setType] = useState('');
  const [offset, setOffset] = useState(0);
  const q = useEngineQuery('golden.timeline', { id, offset, limit: LIMIT, ...(type ? { type } : {}) }, { reloadOn: [{ tables: ['events'] }] });
  const t = q.data;
  return (
    <section aria-labelledby="golden-timeline-title" data-testid="golden-timeline">
      <div className="screen-head-row">
        <h3 id="golden-timeline-title">Timeline</h3>
        <label className="field-inline">
          Type
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">All</option>
            {t?.types.map((x) => (
              <option key={x.type} value={x.type}>
                {x.type} ({fmtInt(x.count)})
              </option>
            ))}
          </select>
        </label>
        {t && <span className="muted small">{t.total === 0 ? 'no events' : `${fmtInt(offset + 1)}–${fmtInt(offset + t.items.length)} of ${fmtInt(t.total)}`}</span>}
        <button type="button" className="button button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
          Newer
        </button>
        <button type="button" className="button button-small" disabled={!t || offset + LIMIT >= t.total} onClick={() => setOffset(offset + LIMIT)}>
          Older
        </button>
      </div>
      <ErrorNotice error={q.error} title="Could not read the timeline" />
      {t && t.items.length > 0 && (
        <table className="table table-compact" aria-label="Events">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Channel</th>
              <th scope="col">Detail</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {t.items.map((e) => (
              <tr key={e.id} data-testid="golden-event">
                <td>{fmtDate(e.at)}</td>
                <td>{e.type}</td>
                <td className="num">{e.amount === null ? '' : fmtNumber(e.amount)}</td>
                <td>{e.channel ?? ''}</td>
                <td className="golden-event-text">{e.text ?? ''}</td>
                <td className="muted">
                  {e.source} · {e.sourceKey}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
