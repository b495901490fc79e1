// Step 2: customers or events, and which source the rows land in (an existing one or a new one,
// named after the file by default). Next reads the file's head with ingest.preview.
import { useState, type FormEvent } from 'react';
import type { ImportKind, Preview, ReadSettings } from '../../../engine/api/ingest.js';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

interface Props {
  path: string;
  kind: ImportKind;
  source: string;
  read: ReadSettings;
  onChange(kind: ImportKind, source: string): void;
  onPreview(preview: Preview): void;
  onBack(): void;
}

const NEW = '\u0000new';

export function SourceStep({ path, kind, source, read, onChange, onPreview, onBack }: Props) {
  const client = useEngine();
  // Without the list the step still works: a source name is typed in.
  const sources = useEngineQuery('sources.list', {}).data ?? [];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const existing = sources.find((s) => s.name === source);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!source.trim()) return setError(new Error('Enter a name for the source.'));
    setBusy(true);
    setError(null);
    try {
      onPreview(await client.call('ingest.preview', { path, kind, source: source.trim(), read }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="step-source-title" noValidate>
      <h3 id="step-source-title">What the file holds and where it goes</h3>
      <fieldset className="field">
        <legend>Kind of rows</legend>
        <label className="radio">
          <input type="radio" name="kind" value="customers" checked={kind === 'customers'} onChange={() => onChange('customers', source)} />
          Customer records <span className="muted">(people and accounts)</span>
        </label>
        <label className="radio">
          <input type="radio" name="kind" value="events" checked={kind === 'events'} onChange={() => onChange('events', source)} />
          Events <span className="muted">(orders, email events, support tickets)</span>
        </label>
      </fieldset>
      <div className="form-row">
        <div className="field">
          <label htmlFor="import-source-pick">Source</label>
          <select id="import-source-pick" value={existing ? existing.name : NEW} onChange={(e) => onChange(kind, e.target.value === NEW ? '' : e.target.value)}>
            <option value={NEW}>New source…</option>
            {sources.map((s) => (
              <option key={s.id} value={s.name}>
                {s.name} ({s.kind})
              </option>
            ))}
          </select>
        </div>
        {!existing && (
          <div className="field">
            <label htmlFor="import-source-name">New source name</label>
            <input id="import-source-name" className="input-wide" value={source} maxLength={200} onChange={(e) => onChange(kind, e.target.value)} />
          </div>
        )}
      </div>
      {existing && (
        <p className="hint">
          Adds to <strong>{existing.name}</strong> ({existing.imports.length} earlier {existing.imports.length === 1 ? 'import' : 'imports'}){existing.mapping ? '; its saved mapping is reused.' : '.'}
        </p>
      )}
      <ErrorNotice error={error} title="The file cannot be previewed" />
      <div className="form-actions">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Reading the file…' : 'Preview'}
        </button>
      </div>
    </form>
  );
}
