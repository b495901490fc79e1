// Create a new encrypted workspace: a folder (browsed with fs.list, or the native dialog in the
// desktop app), a file name and the passphrase twice.
import { useState, type FormEvent } from 'react';
import { errorMessage, useEngine, useEngineContext } from '../../api/useEngine.js';
import { FolderBrowser } from '../../components/FolderBrowser.js';
import { FormError } from '../../components/FormError.js';
import { fileNameProblem, joinPath, withWorkspaceExtension } from '../../components/paths.js';
import { PassphraseField } from './PassphraseField.js';
import { RememberCheckbox, rememberIfAsked } from './RememberPassphrase.js';

const MIN_PASSPHRASE = 8;

export function CreateWorkspace({ roots }: { roots: string[] }) {
  const client = useEngine();
  const { bridge, refreshStatus } = useEngineContext();
  const [dir, setDir] = useState<string | null>(roots[0] ?? null);
  const [pickedFile, setPickedFile] = useState<string | null>(null);
  const [name, setName] = useState('customers');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const path = pickedFile ?? (dir ? joinPath(dir, withWorkspaceExtension(name)) : null);

  const pickNative = async () => {
    if (!bridge) return;
    const chosen = await bridge.pickPath({ purpose: 'create-workspace', title: 'Create workspace' });
    if (!chosen) return;
    if (chosen.toLowerCase().endsWith('.aerie')) setPickedFile(chosen);
    else {
      setPickedFile(null);
      setDir(chosen);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem =
      (!pickedFile && fileNameProblem(name)) ||
      (!path ? 'Choose a folder for the workspace.' : null) ||
      (pass.length < MIN_PASSPHRASE ? `Use a passphrase of at least ${MIN_PASSPHRASE} characters.` : null) ||
      (pass !== again ? 'The two passphrases differ.' : null);
    if (problem || !path) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await client.call('workspace.create', { path, passphrase: pass });
      const warn = await rememberIfAsked(bridge, remember, info.path, pass);
      if (warn) window.alert(`Workspace created, but: ${warn}`);
      await refreshStatus();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="create-title" noValidate>
      <h2 id="create-title">Create a workspace</h2>
      <p className="hint">One encrypted file holds everything: imports, matches, golden records and models. Without the passphrase nobody can read it — including you.</p>
      <fieldset className="field">
        <legend>Folder</legend>
        {bridge && (
          <button type="button" className="button" onClick={() => void pickNative()}>
            Choose location…
          </button>
        )}
        {!pickedFile && <FolderBrowser roots={roots} mode="create" dir={dir} onDir={setDir} />}
      </fieldset>
      {!pickedFile && (
        <div className="field">
          <label htmlFor="create-name">File name</label>
          <input id="create-name" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoComplete="off" />
        </div>
      )}
      <p className="hint" aria-live="polite">
        Will create <code data-testid="create-path">{path ?? '—'}</code>
      </p>
      <PassphraseField label="Passphrase" value={pass} onChange={setPass} autoComplete="new-password" name="passphrase" />
      <PassphraseField label="Passphrase again" value={again} onChange={setAgain} autoComplete="new-password" name="passphrase-again" />
      <RememberCheckbox checked={remember} onChange={setRemember} />
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create workspace'}
        </button>
      </div>
    </form>
  );
}
