// A labelled passphrase input with show/hide.
import { useId, useState } from 'react';

interface Props {
  label: string;
  value: string;
  onChange(v: string): void;
  autoComplete: 'current-password' | 'new-password';
  autoFocus?: boolean;
  describedBy?: string;
  name?: string;
}

export function PassphraseField({ label, value, onChange, autoComplete, autoFocus, describedBy, name }: Props) {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          name={name}
          type={shown ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          aria-describedby={describedBy}
          spellCheck={false}
        />
        <button type="button" className="button button-small button-quiet" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
    </div>
  );
}
