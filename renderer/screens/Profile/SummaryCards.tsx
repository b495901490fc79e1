// Headline quality figures of a report: rows, malformed email / phone shares, duplicate estimates.
import type { DuplicateEstimate, QualitySummary } from '../../../engine/api/profile-types.js';
import { Figure } from '../../components/Figure.js';
import { fmtInt, fmtShare } from '../../components/format.js';

const tone = (share: number, warn: number, bad: number) => (share >= bad ? 'bad' : share >= warn ? 'warn' : 'ok');

export function SummaryCards({ summary: s }: { summary: QualitySummary }) {
  const dup = (label: string, d: DuplicateEstimate) => (
    <Figure
      label={label}
      value={fmtShare(d.duplicateShare)}
      note={`${fmtInt(d.duplicates)} repeat rows of ${fmtInt(d.keyed)} with a key`}
      tone={d.keyed === 0 ? undefined : tone(d.duplicateShare, 0.02, 0.1)}
    />
  );
  // An attribute nobody maps has nothing to judge: no "0% of 0" card, one line saying so instead.
  const unmapped = [s.emails.present === 0 && 'email', s.phones.present === 0 && 'phone', s.duplicates.nameDob.keyed === 0 && 'name + date of birth'].filter(Boolean);
  return (
    <>
      <div className="cards" aria-label="Quality summary">
        <Figure label="Rows" value={fmtInt(s.rows)} />
        {s.emails.present > 0 && (
          <Figure
            label="Malformed emails"
            value={fmtShare(s.emails.malformedShare)}
            note={`${fmtInt(s.emails.malformed)} of ${fmtInt(s.emails.present)} present`}
            tone={tone(s.emails.malformedShare, 0.02, 0.1)}
          />
        )}
        {s.phones.present > 0 && (
          <Figure
            label="Malformed phones"
            value={fmtShare(s.phones.malformedShare)}
            note={`${fmtInt(s.phones.malformed)} of ${fmtInt(s.phones.present)} present`}
            tone={tone(s.phones.malformedShare, 0.02, 0.1)}
          />
        )}
        {s.duplicates.email.keyed > 0 && dup('Duplicate emails', s.duplicates.email)}
        {s.duplicates.phone.keyed > 0 && dup('Duplicate phones', s.duplicates.phone)}
        {s.duplicates.nameDob.keyed > 0 && dup('Duplicate name + date of birth', s.duplicates.nameDob)}
      </div>
      {unmapped.length > 0 && (
        <p className="hint small" data-testid="unmapped">
          No figures for {unmapped.join(', ')}: no column in this scope is mapped to {unmapped.length === 1 ? 'it' : 'them'}.
        </p>
      )}
    </>
  );
}
