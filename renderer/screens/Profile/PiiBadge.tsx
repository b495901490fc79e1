// The PII class of a column as a badge, with how it was decided in the tooltip.
import type { ColumnProfile } from '../../../engine/api/profile-types.js';

const NAMES: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  address: 'Address',
  date_of_birth: 'Date of birth',
  national_id: 'National ID',
  tax_id: 'Tax ID',
  account_number: 'Account number',
  free_text: 'Free text',
};

export function PiiBadge({ pii }: { pii: ColumnProfile['pii'] }) {
  if (pii.class === 'none') return <span className="badge">no PII</span>;
  const basis = pii.basis === 'canonical' ? 'its canonical attribute' : pii.basis === 'header' ? 'its header' : 'its values';
  return (
    <span className="badge badge-pii" title={`PII: ${NAMES[pii.class]} (from ${basis})`}>
      PII · {NAMES[pii.class] ?? pii.class}
    </span>
  );
}
