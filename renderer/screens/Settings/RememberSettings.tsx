// Remembered passphrase (desktop app only): remember or forget it for this workspace.
import { useEffect, useState, type FormEvent } from 'react';
import { useEngineContext } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';
import { PassphraseField } from '../Workspace/PassphraseField.js';
import { rememberIfAsked, useSecretsAvailability } from '../Workspace/RememberPassphrase.js';

export function RememberSettings({ path }: { path: string }) {
  const { bridge } = useEngineContext();
  const { available, reason } = useSecretsAvailability();
  const [remembered, setRemembered] = useState<boolean | null>(null);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!bridge || !available) return;
    bridge.secrets.recall(path).then(
      (p) => setRemembered(p !== null),
      () => setRemembered(false),
    );
  }, [bridge, available, path]);

  const remember = async (e: FormEvent) => {
    e.preventDefault();
    const problem = await rememberIfAsked(bridge, true, path, pass);
    setError(problem);
    if (!problem) {
      setRemembered(true);
      setPass('');
    }
  };

  return (
    <form className="card form" onSubmit={remember} aria-labelledby="remember-title">
      <h2 id="remember-title">Remember passphrase</h2>
      {!available ? (
        <p className="hint" data-testid="remember-unavailable">
          <span className="badge">Unavailable</span> {reason}
        </p>
      ) : remembered ? (
        <div className="form-actions">
          <span>The passphrase for this workspace is stored in the system keychain.</span>
          <button
            type="button"
            className="button"
            onClick={() => bridge && void bridge.secrets.forget(path).then(() => setRemembered(false))}
          >
            Forget it
          </button>
        </div>
      ) : (
        <>
          <PassphraseField label="Passphrase to remember" value={pass} onChange={setPass} autoComplete="current-password" />
          <FormError message={error} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={!pass}>
              Remember
            </button>
          </div>
        </>
      )}
    </form>
  );
}
