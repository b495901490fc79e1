// A column's validity checks (email syntax, phone parse, dates, postcodes, national ids) and its
// date range with the day/month ambiguity note.
import type { ColumnProfile, Share } from '../../../engine/api/profile-types.js';
import { ShareMeter } from '../../components/charts/ShareMeter.js';
import { fmtInt } from '../../components/format.js';

const CHECKS: [keyof ColumnProfile['validity'], string][] = [
  ['email', 'Valid email syntax'],
  ['phone', 'Phone parses'],
  ['date', 'Valid date'],
  ['postcode', 'Valid postcode'],
  ['nationalId', 'Valid national ID'],
];

export function ColumnValidity({ column: c, country }: { column: ColumnProfile; country: string }) {
  const checks = CHECKS.filter(([k]) => c.validity[k]).map(([k, label]) => [k, label, c.validity[k] as Share] as const);
  return (
    <>
      {checks.length > 0 && (
        <div className="validity">
          <h4>Validity</h4>
          <ul className="validity-list">
            {checks.map(([k, label, s]) => (
              <li key={k}>
                <span className="validity-label">
                  {label}
                  {k === 'phone' ? ` (default country ${country})` : ''}
                </span>
                <ShareMeter label={`${label} in ${c.name}`} share={s.validShare} detail={`${fmtInt(s.valid)} of ${fmtInt(s.checked)}`} />
              </li>
            ))}
          </ul>
          {c.validity.postcode && (
            <p className="hint small">
              Postcodes: {fmtInt(c.validity.postcode.uk)} UK, {fmtInt(c.validity.postcode.us)} US, {fmtInt(c.validity.postcode.other)} other.
            </p>
          )}
          {c.validity.nationalId && (
            <p className="hint small">
              National IDs: {fmtInt(c.validity.nationalId.nino)} UK NINO, {fmtInt(c.validity.nationalId.ssn)} US SSN.
            </p>
          )}
        </div>
      )}
      {c.dates && (
        <div className="dates">
          <h4>Dates</h4>
          <p>
            {fmtInt(c.dates.count)} dates from <strong>{c.dates.min}</strong> to <strong>{c.dates.max}</strong>
          </p>
          {c.dates.ambiguous > 0 && (
            <p className="notice notice-warn-box small" data-testid="date-ambiguity">
              {ambiguityNote(c.dates)}
            </p>
          )}
          {c.dates.formats.length > 0 && (
            <p className="hint small">
              Formats: {c.dates.formats.map((f) => `${f.value} (${fmtInt(f.count)})`).join(', ')}
            </p>
          )}
        </div>
      )}
    </>
  );
}

function ambiguityNote(d: NonNullable<ColumnProfile['dates']>): string {
  const order = d.order === 'DMY' ? 'day/month' : 'month/day';
  const other = d.order === 'DMY' ? 'month/day' : 'day/month';
  const forIt = d.order === 'DMY' ? d.orderEvidence.dmy : d.orderEvidence.mdy;
  const against = d.order === 'DMY' ? d.orderEvidence.mdy : d.orderEvidence.dmy;
  const head = `${fmtInt(d.ambiguous)} ${d.ambiguous === 1 ? 'value reads' : 'values read'} as both day/month and month/day; read as ${order}`;
  if (d.override === 'DMY' || d.override === 'MDY') return `${head}, as the date format set for this column says.`;
  if (forIt === 0 && against === 0) return `${head} by default: no value in this column settles the order, so check a few by hand.`;
  return `${head} because ${fmtInt(forIt)} ${forIt === 1 ? 'value fits' : 'values fit'} only that order (against ${fmtInt(against)} only ${other}).`;
}
