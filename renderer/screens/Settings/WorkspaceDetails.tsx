// workspace.info: where the file is, how it is protected, how big it is, what it holds.
import { errorMessage } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { fmtBytes, fmtDateTime, fmtInt } from '../../components/format.js';

export function WorkspaceDetails() {
  const { data: info, error } = useEngineQuery('workspace.info', {}, { reloadOn: ['data.changed'] });

  if (error) return <p className="form-error" role="alert">{errorMessage(error)}</p>;
  if (!info) return <p className="muted">Loading…</p>;
  const rows: [string, string][] = [
    ['Name', info.name],
    ['File', info.path],
    ['Size', fmtBytes(info.sizeBytes)],
    ['Schema version', String(info.schemaVersion)],
    ['Encryption', info.cipher],
    ['Key derivation', info.kdf],
    ['Journal', info.journalMode],
    ['Vector search', info.sqliteVec],
    ['Created by', info.createdBy],
    ...(info.inUseBy ? ([['Open read-only', `in use by ${info.inUseBy.command} (pid ${info.inUseBy.pid} on ${info.inUseBy.host}) since ${fmtDateTime(info.inUseBy.since)}`]] as [string, string][]) : []),
  ];
  return (
    <section className="card" aria-labelledby="ws-title">
      <h2 id="ws-title">Workspace</h2>
      <dl className="details">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>Contents</h3>
      <dl className="details details-counts">
        {Object.entries(info.counts).map(([k, v]) => (
          <div key={k}>
            <dt>{k.replace(/_/g, ' ')}</dt>
            <dd>{fmtInt(v)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
