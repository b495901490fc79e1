// One source in the catalogue: its imports and its columns, each with the attributes it feeds.
import type { CatalogueSource } from '../../../engine/api/profile-types.js';
import { fmtDate, fmtInt } from '../../components/format.js';

export function SourceCatalogue({ source: s }: { source: CatalogueSource }) {
  return (
    <article className="card" aria-labelledby={`cat-source-${s.id}`} data-source={s.name}>
      <header className="source-head">
        <h3 id={`cat-source-${s.id}`}>{s.name}</h3>
        <span className="badge">{s.kind}</span>
        <span className="muted">
          {fmtInt(s.records)} rows · {fmtInt(s.rejects)} rejects · created {fmtDate(s.createdAt)}
        </span>
      </header>
      <div className="catalogue-grid">
        <div>
          <h4>Columns</h4>
          <table className="table table-compact" aria-label={`Columns of ${s.name}`}>
            <thead>
              <tr>
                <th scope="col">Source column</th>
                <th scope="col">Feeds</th>
                <th scope="col">In imports</th>
              </tr>
            </thead>
            <tbody>
              {s.columns.map((c) => (
                <tr key={c.name} data-column={c.name}>
                  <td>
                    <code>{c.name}</code>
                  </td>
                  <td>{c.feeds.length ? c.feeds.map((f) => <span key={f} className="badge badge-feed">{f}</span>) : <span className="muted">raw only</span>}</td>
                  <td className="muted">{c.imports.map((i) => `#${i}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h4>Imports</h4>
          <ul className="plain-list">
            {s.imports.map((i) => (
              <li key={i.id}>
                <strong>#{i.id}</strong> {i.fileName} <span className="muted">({i.format}, {i.state})</span>
                <br />
                <span className="muted small">
                  {fmtInt(i.rowsRead)} read · {fmtInt(i.rowsImported)} imported · {fmtInt(i.rowsRejected)} rejected · {fmtDate(i.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </article>
  );
}
