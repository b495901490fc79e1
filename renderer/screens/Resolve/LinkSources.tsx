// Link two sources: records of A matched to records of B, one to one, no merging within a source
// (resolve.run mode "link"); the results below then show the link run.
import { useState } from 'react';

export function LinkSources({ sources, disabled, onLink }: { sources: string[]; disabled: boolean; onLink(a: string, b: string): void }) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  if (sources.length < 2) return null;
  return (
    <div className="form-row resolve-link">
      <div className="field">
        <label htmlFor="resolve-link-a">Link source</label>
        <select id="resolve-link-a" value={a} onChange={(e) => setA(e.target.value)}>
          <option value="">Choose…</option>
          {sources.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="resolve-link-b">to source</label>
        <select id="resolve-link-b" value={b} onChange={(e) => setB(e.target.value)}>
          <option value="">Choose…</option>
          {sources
            .filter((s) => s !== a)
            .map((s) => (
              <option key={s}>{s}</option>
            ))}
        </select>
      </div>
      <button type="button" className="button" disabled={disabled || !a || !b || a === b} onClick={() => onLink(a, b)}>
        Link sources
      </button>
    </div>
  );
}
