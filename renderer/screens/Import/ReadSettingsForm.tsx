// How the file is read — encoding, delimiter, quote, header row, rows to skip — set by the analyst
// when the detection (or the file) is wrong; Apply reads the file again with the settings.
import { useState, type FormEvent } from 'react';
import type { ImportKind, Preview, ReadSettings } from '../../../engine/api/ingest.js';
import { useEngine } from '../../api/useEngine.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';

interface Props {
  preview: Preview;
  kind: ImportKind;
  source: string;
  read: ReadSettings;
  onReread(preview: Preview, read: ReadSettings): void;
}

const AUTO = 'auto';
const ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'iso-8859-15', 'utf-16le', 'utf-16be', 'cp437', 'cp850'];
const DELIMITERS: [string, string][] = [[',', 'comma (,)'], [';', 'semicolon (;)'], ['tab', 'tab'], ['|', 'pipe (|)']];
const QUOTES: [string, string][] = [['"', 'double quote (")'], ["'", "single quote (')"], ['none', 'none (values never quoted)']];

export function ReadSettingsForm({ preview: p, kind, source, read, onReread }: Props) {
  const client = useEngine();
  const [encoding, setEncoding] = useState(read.encoding ?? AUTO);
  const [delimiter, setDelimiter] = useState(read.delimiter ?? AUTO);
  const [quote, setQuote] = useState(read.quote ?? AUTO);
  const [header, setHeader] = useState(read.hasHeader === undefined ? AUTO : read.hasHeader ? 'yes' : 'no');
  const [skip, setSkip] = useState(String(read.skipRows ?? 0));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const delimited = p.format === 'csv';
  const skipN = /^\d{1,4}$/.test(skip.trim()) ? Number(skip) : null;

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    if (skipN === null || skipN > 1000) return setError(new Error('Rows to skip must be a whole number from 0 to 1,000.'));
    const next: ReadSettings = {
      format: read.format,
      encoding,
      ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
      ...(delimited && delimiter !== AUTO ? { delimiter } : {}),
      ...(delimited && quote !== AUTO ? { quote } : {}),
      ...(header !== AUTO ? { hasHeader: header === 'yes' } : {}),
      ...(delimited && skipN > 0 ? { skipRows: skipN } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      onReread(await client.call('ingest.preview', { path: p.file, kind, ...(source ? { source } : {}), read: next }), next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="read-settings" onSubmit={apply} aria-label="How the file is read" noValidate>
      <div className="form-row">
        <div className="field">
          <label htmlFor="read-encoding">Encoding</label>
          <select id="read-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value)}>
            <option value={AUTO}>Detect ({p.encoding})</option>
            {ENCODINGS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        {delimited && (
          <>
            <div className="field">
              <label htmlFor="read-delimiter">Delimiter</label>
              <select id="read-delimiter" value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
                <option value={AUTO}>Detect</option>
                {DELIMITERS.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="read-quote">Quote</label>
              <select id="read-quote" value={quote} onChange={(e) => setQuote(e.target.value)}>
                <option value={AUTO}>Default (")</option>
                {QUOTES.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="read-header">First row holds column names</label>
          <select id="read-header" value={header} onChange={(e) => setHeader(e.target.value)}>
            <option value={AUTO}>Detect ({p.hasHeader ? 'yes' : 'no'})</option>
            <option value="yes">Yes</option>
            <option value="no">No: name the columns COLUMN_1…</option>
          </select>
        </div>
        {delimited && (
          <div className="field">
            <label htmlFor="read-skip">Rows to skip above the header</label>
            <input id="read-skip" inputMode="numeric" value={skip} onChange={(e) => setSkip(e.target.value)} aria-invalid={skipN === null} size={5} />
          </div>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Reading…' : 'Read the file again'}
        </button>
      </div>
      <ErrorNotice error={error} title="The file cannot be read with these settings" />
    </form>
  );
}
