// A column's type as Aerie inferred it and as the analyst says it is (a zip code is text, Y/N is
// boolean, "1,234" is a decimal). Saved with the workspace (profile.setSettings columnType); the
// next profile run follows it, and counts the values that do not fit rather than dropping them.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ColumnProfile, ColumnType } from '../../../engine/api/profile-types.js';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { fmtInt } from '../../components/format.js';

const TYPES: ColumnType[] = ['text', 'integer', 'decimal', 'date', 'boolean', 'categorical'];

/** The workspace's saved types by column name (profile.settings). */
export const SavedColumnTypes = createContext<Record<string, ColumnType>>({});

/** The type badge: the analyst's type where one is set, with what Aerie inferred beside it. */
export function ColumnTypeBadge({ column: c }: { column: ColumnProfile }) {
  const o = c.typeOverride;
  if (!o) {
    return (
      <span className="badge" title="Inferred type" data-testid="column-type">
        {c.inferredType}
      </span>
    );
  }
  return (
    <>
      <span className="badge badge-running" title="Type you set" data-testid="column-type">
        {o.type}
      </span>
      <span className="muted small" data-testid="column-type-inferred">
        inferred {c.inferredType}
      </span>
    </>
  );
}

export function ColumnTypeSetting({ column: c }: { column: ColumnProfile }) {
  const client = useEngine();
  const stored = useContext(SavedColumnTypes)[c.name];
  const [value, setValue] = useState<string>(c.typeOverride?.type ?? stored ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  // the settings may arrive after the card
  useEffect(() => {
    if (stored !== undefined) setValue(stored);
  }, [stored]);
  // a profile run that applied the saved type replaces the card: the "run again" note has done its job
  const applied = c.typeOverride?.type ?? '';
  useEffect(() => setSaved(null), [applied]);
  // canonical attributes (workspace view) keep the types Aerie gives them
  if (c.source === undefined && c.feeds.length === 1 && c.feeds[0] === c.name) return null;
  const id = `column-type-${c.position}-${c.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const o = c.typeOverride;
  const save = async (next: string) => {
    setValue(next);
    try {
      await client.call('profile.setSettings', { columnType: { column: c.name, type: next === '' ? null : (next as ColumnType) } });
      setSaved('Saved with the workspace. Run the profile again to see it applied; the stored values do not change.');
    } catch (e) {
      setSaved(errorMessage(e));
    }
  };
  return (
    <div className="column-type" data-testid="column-type-setting">
      {o && o.notFitting > 0 && (
        <p className="small" data-testid="type-misfits">
          <span className="badge badge-failed">
            {fmtInt(o.notFitting)} not {/^[aeiou]/.test(o.type) ? 'an' : 'a'} {o.type}
          </span>{' '}
          <span className="muted">
            kept as written{o.examples.length > 0 && <>, e.g. {o.examples.map((x) => `“${x}”`).join(', ')}</>}
          </span>
        </p>
      )}
      <label className="field-inline small" htmlFor={id}>
        <span>Type</span>
        <select id={id} value={value} onChange={(e) => void save(e.target.value)} aria-label={`Type of ${c.name}`}>
          <option value="">Infer from the values ({c.inferredType})</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t[0]!.toUpperCase() + t.slice(1)}
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
