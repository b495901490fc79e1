// Why a result matched: a chip per field with its similarity and how (exact, fuzzy, phonetic…),
// optionally followed by the stored value with the matched parts highlighted.
import type { SearchMatch } from '../../../engine/api/search.js';
import { Highlighted } from './Highlighted.js';
import { fmtFixed, fmtPercent } from '../../components/format.js';

export const FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  postcode: 'Postcode',
  city: 'City',
  address: 'Address',
  id: 'Id',
  dob: 'Date of birth',
  company: 'Company',
};

export function simClass(s: number): string {
  return s >= 0.97 ? 'sim-high' : s >= 0.85 ? 'sim-mid' : 'sim-low';
}

export function MatchChips({ matched, showValues = false }: { matched: SearchMatch[]; showValues?: boolean | ((m: SearchMatch) => boolean) }) {
  return (
    <ul className="match-chips" aria-label="Why it matched">
      {matched.map((m, i) => (
        <li key={`${m.field}-${i}`} className={`match-chip ${simClass(m.similarity)}`} title={`${FIELD_LABEL[m.field] ?? m.field}: ${m.how}, similarity ${fmtFixed(m.similarity, 2)}`}>
          <span className="match-field">{FIELD_LABEL[m.field] ?? m.field}</span>
          <span className="match-sim">{fmtPercent(m.similarity, 0)}</span>
          <span className="match-how">{m.how}</span>
          {(typeof showValues === 'function' ? showValues(m) : showValues) && (
            <span className="match-value">
              <Highlighted value={m.value} spans={m.spans} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
