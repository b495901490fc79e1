// One customer record opened from search: every canonical field from the records table, its
// lineage (source, file, import, row) with the source columns' values exactly as imported, why it
// matched, and "Same person" / "Not this one" feedback.
import { useEffect, useState } from 'react';
import type { SearchResult } from '../../../engine/api/search.js';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useNavigation } from '../../shell/navigation.js';
import { MatchChips } from './MatchChips.js';
import { RecordChurnRisk } from '../Models/RecordChurnRisk.js';

const LINEAGE = new Set(['id', 'source_id', 'import_id', 'row_no']);

interface Props {
  result: SearchResult;
  query: string;
  shown: number[];
  onClose(): void;
}

export function RecordDetail({ result, query, shown, onClose }: Props) {
  const client = useEngine();
  const { go } = useNavigation();
  const { data: page, error } = useEngineQuery(
    'data.page',
    { table: 'records', offset: 0, limit: 1, filters: [{ column: 'id', op: 'equals', value: String(result.recordId) }], withTotal: false },
    { clearOnChange: true },
  );
  // Lineage extras; a record stored without them (generated, or from an old import) just shows less.
  const original = useEngineQuery('data.original', { table: 'records', id: result.recordId }, { clearOnChange: true }).data;
  const [verdict, setVerdict] = useState<'confirm' | 'reject' | null>(null);
  const [sending, setSending] = useState(false);
  const [feedbackError, setFeedbackError] = useState<string | null>(null);

  useEffect(() => {
    setVerdict(null);
    setFeedbackError(null);
  }, [result.recordId]);

  const send = async (kind: 'confirm' | 'reject') => {
    if (!query.trim()) return;
    setSending(true);
    setFeedbackError(null);
    try {
      await client.call('search.feedback', { q: query, recordId: result.recordId, kind, shown });
      setVerdict(kind);
    } catch (e) {
      setFeedbackError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const row = page?.rows[0] ?? null;
  const cols = page?.columns ?? [];
  const value = (name: string) => {
    const i = cols.findIndex((c) => c.name === name);
    return i >= 0 && row ? row[i] : null;
  };
  const fields = cols.filter((c) => !LINEAGE.has(c.name));

  return (
    <aside className="card search-detail" aria-labelledby="search-detail-title" data-testid="record-detail">
      <div className="search-detail-head">
        <h2 id="search-detail-title">{result.name || `Record ${result.recordId}`}</h2>
        <button type="button" className="button button-small button-quiet" onClick={onClose} aria-label="Close record">
          ✕
        </button>
      </div>
      <ErrorNotice error={error} title="Could not load the record" />
      {page && !row && <p className="muted">Record {result.recordId} is no longer in the workspace.</p>}
      {row && (
        <>
          <dl className="search-fields" aria-label="Fields">
            {fields.map((c) => {
              const v = value(c.name);
              return (
                <div key={c.name} className="search-field">
                  <dt>{c.label}</dt>
                  <dd className={v === null || v === '' ? 'muted' : undefined}>{v === null || v === '' ? '—' : String(v)}</dd>
                </div>
              );
            })}
          </dl>
          <h3>Lineage</h3>
          <dl className="search-fields search-lineage" aria-label="Lineage">
            <div className="search-field">
              <dt>Record</dt>
              <dd>{String(value('id'))}</dd>
            </div>
            <div className="search-field">
              <dt>Source</dt>
              <dd>{original?.source ?? String(value('source_id'))}</dd>
            </div>
            {original?.file && (
              <div className="search-field">
                <dt>File</dt>
                <dd data-testid="lineage-file">{original.file}</dd>
              </div>
            )}
            <div className="search-field">
              <dt>Import</dt>
              <dd data-testid="lineage-import">{String(value('import_id'))}</dd>
            </div>
            <div className="search-field">
              <dt>Row</dt>
              <dd data-testid="lineage-row">{String(value('row_no'))}</dd>
            </div>
          </dl>
          {original && original.columns.length > 0 && (
            <details className="search-original" data-testid="original-values">
              <summary>Original values ({original.columns.length} columns, exactly as imported)</summary>
              <table className="search-original-table">
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Value</th>
                    <th scope="col">Feeds</th>
                  </tr>
                </thead>
                <tbody>
                  {original.columns.map((c, i) => (
                    <tr key={i}>
                      <th scope="row">{c.name}</th>
                      <td>{c.value === null ? <span className="muted">empty</span> : c.value.trim() === '' ? <span className="muted">blank ({c.value.length} spaces)</span> : <code className="raw">{c.value}</code>}</td>
                      <td>{c.feeds ?? <span className="muted">raw only</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          {typeof value('import_id') === 'number' && (
            <button type="button" className="link-button" onClick={() => go('profile', { scope: { kind: 'import', importId: value('import_id') as number } })}>
              Profile this import
            </button>
          )}
        </>
      )}
      {row && <RecordChurnRisk recordId={result.recordId} />}
      {result.matched.length > 0 && (
        <>
          <h3>Why it matched</h3>
          <MatchChips matched={result.matched} showValues />
        </>
      )}
      <div className="form-actions search-verdict">
        <span className="muted">Is this who you were looking for?</span>
        <button type="button" className="button button-small" aria-pressed={verdict === 'confirm'} disabled={sending || !query.trim()} onClick={() => void send('confirm')}>
          Same person
        </button>
        <button type="button" className="button button-small" aria-pressed={verdict === 'reject'} disabled={sending || !query.trim()} onClick={() => void send('reject')}>
          Not this one
        </button>
      </div>
      {verdict && (
        <p className="hint" role="status">
          {verdict === 'confirm' ? 'Thanks — recorded as the same person.' : 'Thanks — recorded as not this one.'} Search learns from this.
        </p>
      )}
      {feedbackError && (
        <p className="form-error" role="alert">
          {feedbackError}
        </p>
      )}
    </aside>
  );
}
