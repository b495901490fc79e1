// workspace.check: read every page and re-walk the audit chain; say plainly whether the file is whole.
import { useState } from 'react';
import type { CheckReport } from '../../../engine/api/index.js';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';

export function CheckWorkspace() {
  const client = useEngine();
  const [report, setReport] = useState<CheckReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async () => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      // Reads the whole file in one go: seconds on a large workspace, so no request timeout.
      setReport(await client.call('workspace.check', {}, { timeoutMs: 0 }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="check-title">
      <h2 id="check-title">Check workspace</h2>
      <p className="hint">Reads every page of the file and re-checks the audit chain. Nothing is written. Takes about a second per 100 MB.</p>
      {report && (
        <div className={report.ok ? 'form-ok' : 'form-error'} role={report.ok ? 'status' : 'alert'} data-testid="check-result">
          {report.message}
          {(report.damage.length > 0 || (report.audit?.problems.length ?? 0) > 0) && (
            <ul>
              {report.damage.slice(0, 10).map((d, i) => (
                <li key={`d${i}`}>{d}</li>
              ))}
              {report.audit?.problems.slice(0, 10).map((p, i) => (
                <li key={`a${i}`}>{p.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <FormError message={error} />
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void check()}>
          {busy ? 'Checking…' : 'Check workspace'}
        </button>
      </div>
    </section>
  );
}
