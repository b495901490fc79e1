// The golden values of one entity: each attribute's value with the rule that chose it and its
// confidence, an override field, and the provenance of the attribute (every candidate value, its
// source, file, import and row, and why it won or lost).
import { Fragment, useState } from 'react';
import type { MethodOutput } from '../../../engine/api/methods.js';
import { fmtShare } from '../../components/format.js';

type Provenance = MethodOutput<'golden.provenance'>;
type Attr = Provenance['attributes'][number];

export const LABELS: Record<string, string> = {
  given_name: 'Given name',
  family_name: 'Family name',
  full_name: 'Full name',
  email: 'Email',
  phone: 'Phone',
  address_line: 'Address',
  city: 'City',
  postcode: 'Postcode',
  country: 'Country',
  date_of_birth: 'Date of birth',
  company: 'Company',
};

export function EntityValues({ provenance, busy, onOverride }: { provenance: Provenance; busy: boolean; onOverride(attribute: Attr['attribute'], value: string): void }) {
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ attribute: string; value: string } | null>(null);
  return (
    <table className="table table-compact golden-values" aria-label="Golden values">
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">Value</th>
          <th scope="col">Rule</th>
          <th scope="col" className="num">
            Confidence
          </th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {provenance.attributes.map((a) => (
          <Fragment key={a.attribute}>
            <tr data-testid={`golden-value-${a.attribute}`}>
              <th scope="row">{LABELS[a.attribute] ?? a.attribute}</th>
              <td className="golden-value">
                {editing?.attribute === a.attribute ? (
                  <form
                    className="form-inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (editing.value.trim() === '') return;
                      onOverride(a.attribute, editing.value.trim());
                      setEditing(null);
                    }}
                  >
                    <input aria-label={`New ${LABELS[a.attribute] ?? a.attribute}`} value={editing.value} autoFocus onChange={(e) => setEditing({ attribute: a.attribute, value: e.target.value })} data-testid="golden-override-input" />
                    <button type="submit" className="button button-small button-primary" disabled={busy || editing.value.trim() === ''}>
                      Save override
                    </button>
                    <button type="button" className="button button-small button-quiet" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <span data-testid="golden-value-text">{a.value ?? <span className="muted">–</span>}</span>
                )}
              </td>
              <td className={a.rule === 'override' || a.rule === 'lock' ? 'golden-steward' : undefined}>{a.rule ?? ''}</td>
              <td className="num">{a.confidence === null ? '' : fmtShare(a.confidence, 0)}</td>
              <td className="golden-actions">
                <button type="button" className="button button-small button-quiet" aria-expanded={open === a.attribute} onClick={() => setOpen(open === a.attribute ? null : a.attribute)} disabled={a.candidates.length === 0}>
                  {open === a.attribute ? 'Hide sources' : `Sources (${a.candidates.length})`}
                </button>
                <button type="button" className="button button-small button-quiet" disabled={busy} onClick={() => setEditing({ attribute: a.attribute, value: a.value ?? '' })} aria-label={`Override ${LABELS[a.attribute] ?? a.attribute}`}>
                  Override
                </button>
              </td>
            </tr>
            {open === a.attribute && (
              <tr className="golden-provenance-row">
                <td colSpan={5}>
                  <Candidates attr={a} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function Candidates({ attr }: { attr: Attr }) {
  return (
    <table className="table table-compact golden-candidates" aria-label={`Where the ${LABELS[attr.attribute] ?? attr.attribute} came from`} data-testid={`golden-provenance-${attr.attribute}`}>
      <thead>
        <tr>
          <th scope="col">Candidate</th>
          <th scope="col">Source</th>
          <th scope="col">File</th>
          <th scope="col" className="num">
            Import
          </th>
          <th scope="col" className="num">
            Row
          </th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {attr.candidates.map((c) => (
          <tr key={c.recordId} className={c.won ? 'is-won' : undefined} data-testid="golden-candidate" data-record={c.recordId}>
            <td>
              {c.won ? '✓ ' : ''}
              {c.value}
              {!c.valid && <span className="badge badge-failed"> invalid</span>}
            </td>
            <td>
              {c.source}
              {c.sourceKey !== null && <span className="muted"> · {c.sourceKey}</span>}
            </td>
            <td>{c.file}</td>
            <td className="num">{c.importId}</td>
            <td className="num" data-testid="golden-candidate-row">
              {c.rowNo}
            </td>
            <td className="small">{c.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
