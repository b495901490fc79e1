// A column's date format, as detected and as the analyst says it is: day first, month first,
// Excel serial numbers or not a date. Saved with the workspace (profile.setSettings) and used by
// the next profile run and the next import of a file with this column.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ColumnProfile } from '../../../engine/api/profile-types.js';
import { errorMessage, useEngine } from '../../api/useEngine.js';

const OPTIONS: [string, string][] = [
  ['', 'Detect from the values'],
  ['DMY', 'Day first (DD/MM/YYYY)'],
  ['MDY', 'Month first (MM/DD/YYYY)'],
  ['EXCEL', 'Excel serial numbers'],
  ['NONE', 'Not a date'],
];

/** The workspace's saved formats by column name (profile.settings): a "Not a date" column has no dates summary to carry it. */
export const SavedDateFormats = createContext<Record<string, string>>({});

/** Columns where a date reading is plausible: dates, numbers (Excel serials), or a saved override. */
const relevant = (c: ColumnProfile, saved: string | undefined) =>
  saved !== undefined || c.dates !== null || c.inferredType === 'integer' || c.inferredType === 'decimal' || c.inferredType === 'date';

export function DateFormatSetting({ column: c }: { column: ColumnProfile }) {
  const client = useEngine();
  const stored = useContext(SavedDateFormats)[c.name];
  const [value, setValue] = useState<string>(c.dates?.override ?? stored ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  // the settings may arrive after the card
  useEffect(() => {
    if (stored !== undefined) setValue(stored);
  }, [stored]);
  if (!relevant(c, stored)) return null;
  const id = `date-format-${c.position}-${c.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const save = async (next: string) => {
    setValue(next);
    try {
      await client.call('profile.setSettings', { dateFormat: { column: c.name, format: next === '' ? null : (next as 'DMY' | 'MDY' | 'EXCEL' | 'NONE') } });
      setSaved('Saved with the workspace. Run the profile again to see it applied; the next import of this column uses it.');
    } catch (e) {
      setSaved(errorMessage(e));
    }
  };
  return (
    <div className="date-format" data-testid="date-format">
      {c.dates && (
        <p className="small">
          Detected format: <strong data-testid="date-detected">{c.dates.detected ?? 'none'}</strong>
          {!c.dates.orderSettled && <span className="badge badge-warn"> day/month order unknown</span>}
        </p>
      )}
      <label className="field-inline small" htmlFor={id}>
        <span>Date format</span>
        <select id={id} value={value} onChange={(e) => void save(e.target.value)} aria-label={`Date format of ${c.name}`}>
          {OPTIONS.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {saved && (
        <p className="hint small" role="status">
          {saved}
        </p>
      )}
    </div>
  );
}
