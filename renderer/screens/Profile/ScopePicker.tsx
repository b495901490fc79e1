// Which data to profile: the whole workspace, one source or one import.
import type { SourceInfo } from '../../../engine/api/ingest.js';

/** The text of the option for `key`: the tooltip of the picker, which cuts a long name short. */
function scopeText(key: string, sources: SourceInfo[]): string {
  for (const s of sources) {
    if (key === `source:${s.id}`) return `Source: ${s.name}`;
    const i = s.imports.find((imp) => key === `import:${imp.importId}`);
    if (i) return `Import #${i.importId}: ${i.file} (${s.name})`;
  }
  return 'Whole workspace';
}

export function ScopePicker({ value, sources, onChange }: { value: string; sources: SourceInfo[]; onChange(key: string): void }) {
  return (
    <label className="field-inline">
      <span>Scope</span>
      <select className="picker-cut" value={value} title={scopeText(value, sources)} onChange={(e) => onChange(e.target.value)} aria-label="Profile scope">
        <option value="workspace">Whole workspace</option>
        {sources.length > 0 && (
          <optgroup label="Sources">
            {sources.map((s) => (
              <option key={s.id} value={`source:${s.id}`}>
                Source: {s.name}
              </option>
            ))}
          </optgroup>
        )}
        {sources.some((s) => s.imports.length > 0) && (
          <optgroup label="Imports">
            {sources.flatMap((s) =>
              s.imports.map((i) => (
                <option key={i.importId} value={`import:${i.importId}`}>
                  Import #{i.importId}: {i.file} ({s.name})
                </option>
              )),
            )}
          </optgroup>
        )}
      </select>
    </label>
  );
}
