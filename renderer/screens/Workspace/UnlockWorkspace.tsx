// Unlock the selected workspace (app.status.state === 'locked'). A wrong passphrase shows the
// engine's message inline and the form stays usable.
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, useEngine, useEngineContext } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';
import { PassphraseField } from './PassphraseField.js';
import { RememberCheckbox, rememberIfAsked } from './RememberPassphrase.js';

export function UnlockWorkspace({ workspace }: { workspace: { path: string; name: string } | null }) {
  const client = useEngine();
  const { bridge, refreshStatus } = useEngineContext();
  const [pass, setPass] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!bridge || !workspace) return;
    let live = true;
    bridge.secrets.recall(workspace.path).then(
      (p) => live && setSaved(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [bridge, workspace]);

  const unlock = async (passphrase: string) => {
    setBusy(true);
    setError(null);
    try {
      const info = await client.call('workspace.unlock', { passphrase });
      const warn = await rememberIfAsked(bridge, remember, info.path, passphrase);
      if (warn) window.alert(`Unlocked, but: ${warn}`);
      await refreshStatus();
    } catch (err) {
      setError(errorMessage(err));
      setPass('');
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void unlock(pass);
  };

  const close = async () => {
    try {
      await client.call('workspace.close', {});
      await refreshStatus();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form className="card form form-narrow" onSubmit={submit} aria-labelledby="unlock-title" noValidate>
      <h2 id="unlock-title">Workspace locked</h2>
      <p className="hint">
        <strong>{workspace?.name ?? 'Workspace'}</strong> <code>{workspace?.path}</code>
      </p>
      <PassphraseField label="Passphrase" value={pass} onChange={setPass} autoComplete="current-password" autoFocus name="passphrase" />
      {bridge && !saved && <RememberCheckbox checked={remember} onChange={setRemember} />}
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || pass === ''}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {saved && (
          <button type="button" className="button" disabled={busy} onClick={() => void unlock(saved)}>
            Unlock with remembered passphrase
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={() => void close()}>
          Close workspace
        </button>
      </div>
    </form>
  );
}
