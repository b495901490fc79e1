// Add a blocking rule from the plan's keys: one key, or two that must both agree (e.g. postcode and
// the surname's sound code).
import { useState } from 'react';

export function RuleAdder({ keys, onAdd }: { keys: string[]; onAdd(keys: string[]): void }) {
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const chosen = [first, second].filter(Boolean);
  return (
    <div className="form-row resolve-rule-adder">
      <div className="field">
        <label htmlFor="resolve-rule-key-1">New rule: key</label>
        <select id="resolve-rule-key-1" value={first} onChange={(e) => setFirst(e.target.value)}>
          <option value="">Choose…</option>
          {keys.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="resolve-rule-key-2">and key (optional)</label>
        <select id="resolve-rule-key-2" value={second} onChange={(e) => setSecond(e.target.value)}>
          <option value="">none</option>
          {keys
            .filter((k) => k !== first)
            .map((k) => (
              <option key={k}>{k}</option>
            ))}
        </select>
      </div>
      <button
        type="button"
        className="button"
        disabled={!first}
        onClick={() => {
          onAdd(chosen);
          setFirst('');
          setSecond('');
        }}
      >
        Add rule
      </button>
    </div>
  );
}
