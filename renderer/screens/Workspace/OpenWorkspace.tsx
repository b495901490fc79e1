// Open an existing workspace: browse to a .aerie file (or the native dialog) and its passphrase.
import { useState, type FormEvent } from 'react';
import { isAerieError } from '../../../engine/api/errors.js';
import { errorMessage, useEngine, useEngineContext } from '../../api/useEngine.js';
import { FolderBrowser } from '../../components/FolderBrowser.js';
import { FormError } from '../../components/FormError.js';
import { PassphraseField } from './PassphraseField.js';
import { RememberCheckbox, rememberIfAsked } from './RememberPassphrase.js';

export function OpenWorkspace({ roots }: { roots: string[] }) {
  const client = useEngine();
  const { bridge, refreshStatus } = useEngineContext();
  const [dir, setDir] = useState<string | null>(roots[0] ?? null);
  const [path, setPath] = useState<string | null>(null);
  const [pass, setPass] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (p: string) => {
    setPath(p);
    setError(null);
    if (!bridge) return;
    try {
      const saved = await bridge.secrets.recall(p);
      if (saved) setPass(saved);
    } catch {
      // nothing remembered
    }
  };

  const pickNative = async () => {
    if (!bridge) return;
    const chosen = await bridge.pickPath({ purpose: 'open-workspace', title: 'Open workspace' });
    if (chosen) await choose(chosen);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path) {
      setError('Choose a workspace file first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await client.call('workspace.open', { path, passphrase: pass });
      const warn = await rememberIfAsked(bridge, remember, info.path, pass);
      if (warn) window.alert(`Workspace opened, but: ${warn}`);
      await refreshStatus();
    } catch (err) {
      setError(errorMessage(err));
      if (isAerieError(err, 'WRONG_PASSPHRASE')) setPass('');
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="open-title" noValidate>
      <h2 id="open-title">Open a workspace</h2>
      <fieldset className="field">
        <legend>Workspace file</legend>
        {bridge && (
          <button type="button" className="button" onClick={() => void pickNative()}>
            Choose file…
          </button>
        )}
        <FolderBrowser roots={roots} mode="open" dir={dir} onDir={setDir} selected={path} onSelect={(p) => void choose(p)} />
      </fieldset>
      <p className="hint" aria-live="polite">
        {path ? (
          <>
            Selected <code>{path}</code>
          </>
        ) : (
          'Select a workspace (◆) above.'
        )}
      </p>
      <PassphraseField label="Passphrase" value={pass} onChange={setPass} autoComplete="current-password" name="passphrase" />
      <RememberCheckbox checked={remember} onChange={setRemember} />
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !path}>
          {busy ? 'Opening…' : 'Open workspace'}
        </button>
      </div>
    </form>
  );
}
