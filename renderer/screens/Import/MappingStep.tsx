// Step 4: one row per source column — sample values, the canonical attribute it feeds (or raw
// only), pre-filled from the source's saved mapping or the engine's suggestions (with why).
import { useState } from 'react';
import { CUSTOMER_ATTRIBUTES, EVENT_ATTRIBUTES, type ImportKind, type Mapping, type Preview, type ReadSettings } from '../../../engine/api/ingest.js';
import { combineParts, combineRule } from '../../../engine/api/mapping-combine.js';
import { useEngine } from '../../api/useEngine.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { fmtInt, fmtShare } from '../../components/format.js';

interface Props {
  preview: Preview;
  kind: ImportKind;
  source: string;
  mapping: Mapping;
  read: ReadSettings;
  eventType: string;
  allowDuplicate: boolean;
  onMapping(m: Mapping): void;
  onEventType(t: string): void;
  onStarted(jobId: string): void;
  onBack(): void;
}

const RAW = '';

const LABELS: Record<string, string> = {
  source_key: 'Source key (customer id)',
  given_name: 'Given name',
  family_name: 'Family name',
  full_name: 'Full name',
  email: 'Email',
  phone: 'Phone',
  address_line: 'Address line',
  city: 'City',
  postcode: 'Postcode',
  country: 'Country',
  date_of_birth: 'Date of birth',
  company: 'Company',
  consent_email: 'Consent: email',
  consent_sms: 'Consent: SMS',
  notes: 'Notes (free text)',
  type: 'Event type',
  at: 'Date / time',
  amount: 'Amount',
  channel: 'Channel',
  text: 'Text',
};

export const attributeLabel = (a: string) => LABELS[a] ?? a;

function samplesOf(p: Preview, col: number): string[] {
  const seen = new Set<string>();
  for (const row of p.sample) {
    const v = row[col];
    if (v !== null && v !== undefined && v.trim() !== '') seen.add(v.length > 40 ? `${v.slice(0, 39)}…` : v);
    if (seen.size >= 3) break;
  }
  return [...seen];
}

export function MappingStep(props: Props) {
  const { preview: p, kind, mapping, eventType, onMapping, onEventType } = props;
  const client = useEngine();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const attributes: readonly string[] = kind === 'customers' ? CUSTOMER_ATTRIBUTES : EVENT_ATTRIBUTES;
  const suggestion = new Map(p.suggestions.map((s) => [s.column, s]));
  const used = new Map<string, string[]>();
  for (const [col, a] of Object.entries(mapping)) if (a) used.set(a, [...(used.get(a) ?? []), col]);
  // several columns may feed one attribute; they combine in file order as the import will store it
  const combined = [...used.entries()]
    .filter(([, cols]) => cols.length > 1)
    .map(([a, cols]) => {
      const ordered = p.columns.filter((c) => cols.includes(c));
      const first = p.sample.find((row) => ordered.some((c) => (row[p.columns.indexOf(c)] ?? '').trim() !== ''));
      const parts = first ? ordered.map((c) => (first[p.columns.indexOf(c)] ?? '').trim()).filter((v) => v !== '') : [];
      return { attribute: a, columns: ordered, example: combineParts(a, parts) };
    });
  const needsType = kind === 'events' && !used.has('type');

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const clean = Object.fromEntries(p.columns.map((c) => [c, mapping[c] ?? null]));
      const { jobId } = await client.call('ingest.start', {
        path: p.file,
        source: props.source,
        kind,
        read: props.read,
        mapping: clean,
        allowDuplicate: props.allowDuplicate,
        ...(needsType && eventType.trim() ? { eventType: eventType.trim() } : {}),
      });
      props.onStarted(jobId);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="step-mapping-title">
      <h3 id="step-mapping-title">Map the columns</h3>
      <p className="hint">
        {p.savedMapping ? `Pre-filled from the mapping saved for ${props.source}.` : 'Pre-filled from the column names and values.'} Every column is kept verbatim in the raw values whatever you choose; the mapping decides
        which canonical attribute it feeds. The mapping is saved for the source.
      </p>
      <div className="table-scroll">
        <table className="table mapping-table" aria-label="Column mapping">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Sample values</th>
              <th scope="col">Feeds</th>
              <th scope="col">Suggestion</th>
            </tr>
          </thead>
          <tbody>
            {p.columns.map((c, i) => {
              const s = suggestion.get(c);
              const value = mapping[c] ?? RAW;
              return (
                <tr key={c} data-column={c}>
                  <th scope="row">{c}</th>
                  <td className="samples">{samplesOf(p, i).join(' · ') || <span className="muted">(empty in the sample)</span>}</td>
                  <td>
                    <select aria-label={`Attribute for ${c}`} value={value} onChange={(e) => onMapping({ ...mapping, [c]: e.target.value === RAW ? null : e.target.value })}>
                      <option value={RAW}>Keep raw only</option>
                      {attributes.map((a) => (
                        <option key={a} value={a}>
                          {attributeLabel(a)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="why">
                    {s ? (
                      <>
                        {s.attribute ? <span className={`confidence confidence-${s.confidence >= 0.8 ? 'high' : s.confidence >= 0.5 ? 'mid' : 'low'}`}>{`${attributeLabel(s.attribute)} · ${fmtShare(s.confidence, 0)}`}</span> : null}
                        {s.attribute ? <span className="fit">{s.fit === null ? ' · no sample values to check' : ` · ${fmtInt(s.fit * s.checked)} of ${fmtInt(s.checked)} values fit (${fmtShare(s.fit, 0)})`}</span> : null}
                        <span className="muted why-text"> {s.why}</span>
                      </>
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {needsType && (
        <div className="field">
          <label htmlFor="import-event-type">Event type for every row</label>
          <input id="import-event-type" value={eventType} maxLength={100} placeholder="e.g. order, email_open, ticket" onChange={(e) => onEventType(e.target.value)} />
          <span className="hint">No column feeds the event type, so give one for the whole file.</span>
        </div>
      )}
      {combined.length > 0 && (
        <ul className="hint combined-columns" aria-label="Attributes fed by several columns">
          {combined.map((c) => (
            <li key={c.attribute}>
              {`${attributeLabel(c.attribute)} is fed by ${c.columns.join(', ')}: ${combineRule(c.attribute)}`}
              {c.example ? <> — e.g. <q>{c.example}</q></> : null}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={error} title="The import could not start" />
      <div className="form-actions">
        <button type="button" className="button" onClick={props.onBack}>
          Back
        </button>
        <button type="button" className="button button-primary" disabled={busy || (needsType && !eventType.trim())} onClick={() => void start()}>
          {busy ? 'Starting…' : 'Start import'}
        </button>
      </div>
    </section>
  );
}
