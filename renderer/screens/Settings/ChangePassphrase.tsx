// workspace.changePassphrase: current passphrase, the new one twice.
import { useState, type FormEvent } from 'react';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';
import { PassphraseField } from '../Workspace/PassphraseField.js';

export function ChangePassphrase() {
  const client = useEngine();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (next.length < 8) return setError('Use a passphrase of at least 8 characters.');
    if (next !== again) return setError('The two new passphrases differ.');
    setBusy(true);
    setError(null);
    try {
      await client.call('workspace.changePassphrase', { current, next });
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="pass-title" noValidate>
      <h2 id="pass-title">Change passphrase</h2>
      <p className="hint">The whole file is re-encrypted under the new passphrase. A remembered passphrase must be remembered again.</p>
      <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} autoComplete="current-password" />
      <PassphraseField label="New passphrase" value={next} onChange={setNext} autoComplete="new-password" />
      <PassphraseField label="New passphrase again" value={again} onChange={setAgain} autoComplete="new-password" />
      <FormError message={error} />
      {done && (
        <p className="form-ok" role="status">
          Passphrase changed.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy || !current || !next}>
          {busy ? 'Re-keying…' : 'Change passphrase'}
        </button>
      </div>
    </form>
  );
}
