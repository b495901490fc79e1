// Audit: the hash-chained log of every change, newest first, and a verify button that names
// every changed, deleted or truncated entry.
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditProblem } from '../../../engine/api/audit.js';
import { errorMessage, useEngine, useEngineEvent } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';
import { fmtDateTime, fmtInt } from '../../components/format.js';

const PAGE = 100;

export function AuditScreen() {
  const client = useEngine();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<{ ok: boolean; checked: number; problems: AuditProblem[] } | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(
    async (beforeSeq?: number) => {
      try {
        const page = await client.call('audit.list', beforeSeq === undefined ? { limit: PAGE } : { beforeSeq, limit: PAGE });
        setEntries((cur) => (beforeSeq === undefined ? page : [...cur, ...page]));
        setMore(page.length === PAGE);
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [client],
  );

  useEffect(() => {
    void load();
  }, [load]);
  useEngineEvent('data.changed', ({ tables }) => {
    if (tables.includes('audit_log')) void load();
  });

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await client.call('audit.verify', {}));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div className="screen">
      <header className="screen-head screen-head-row">
        <h1>Audit log</h1>
        <button type="button" className="button" onClick={() => void load()}>
          Refresh
        </button>
        <button type="button" className="button button-primary" onClick={() => void runVerify()} disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify chain'}
        </button>
      </header>
      <p className="hint">Every change is recorded with who, what and when, each entry sealed with the hash of the one before. Editing or deleting an entry breaks the chain.</p>
      <FormError message={error} />
      {verify && (
        <div className={`notice ${verify.ok ? 'notice-ok' : 'notice-bad'}`} role="status" data-testid="audit-verify">
          <strong>{verify.ok ? `Chain intact: ${fmtInt(verify.checked)} entries checked.` : `${verify.problems.length} problem(s) in ${fmtInt(verify.checked)} entries.`}</strong>
          {verify.problems.length > 0 && (
            <ul>
              {verify.problems.map((p) => (
                <li key={`${p.seq}-${p.kind}`}>
                  #{p.seq} {p.kind}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {/* Fits the window: fixed column widths, descriptions wrap, digests are cut short with the
          whole value in the tooltip (and still copied whole). */}
      <div className="audit-table-wrap" data-testid="audit-table">
        <table className="table audit-table">
          <caption className="sr-only">Audit entries, newest first</caption>
          <colgroup>
            <col className="audit-col-seq" />
            <col className="audit-col-when" />
            <col className="audit-col-who" />
            <col />
            <col className="audit-col-digest" />
            <col className="audit-col-digest" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Arguments digest</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td className="num">{fmtInt(e.seq)}</td>
                <td className="audit-when" data-testid="audit-when">{fmtDateTime(e.at)}</td>
                <td className="audit-cut" title={e.actor}>{e.actor}</td>
                <td className="audit-what" data-testid="audit-what">
                  <span className="audit-description">{e.description}</span>{' '}
                  <code className="muted small">{e.method}</code>
                </td>
                <td className="audit-cut">
                  <code title={e.argsDigest} data-testid="audit-digest">{e.argsDigest}</code>
                </td>
                <td className="audit-cut">
                  <code title={e.hash} data-testid="audit-hash">{e.hash}</code>
                </td>
              </tr>
            ))}
            {entries.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No entries yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {more && (
        <button type="button" className="button" onClick={() => void load(entries[entries.length - 1]?.seq)}>
          Load older entries
        </button>
      )}
    </div>
  );
}
