// Settings: workspace details, lock / close, change passphrase, remembered passphrase.
import { useState } from 'react';
import { errorMessage, useAppStatus, useEngine, useEngineContext } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';
import { ChangePassphrase } from './ChangePassphrase.js';
import { CheckWorkspace } from './CheckWorkspace.js';
import { EmbeddingModels } from './EmbeddingModels.js';
import { PrivacySettings } from './PrivacySettings.js';
import { RememberSettings } from './RememberSettings.js';
import { WorkspaceDetails } from './WorkspaceDetails.js';

export function SettingsScreen() {
  const client = useEngine();
  const status = useAppStatus();
  const { refreshStatus, kind } = useEngineContext();
  const [error, setError] = useState<string | null>(null);

  const run = async (method: 'workspace.lock' | 'workspace.close') => {
    try {
      await client.call(method, {});
      await refreshStatus();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="screen">
      <header className="screen-head">
        <h1>Settings</h1>
        <p className="hint">
          Aerie {status?.version} · connected over {kind === 'ipc' ? 'the desktop bridge' : 'the loopback WebSocket (127.0.0.1 only)'}
        </p>
      </header>
      <section className="card" aria-labelledby="session-title">
        <h2 id="session-title">Session</h2>
        <p className="hint">Lock forgets the key but keeps this workspace selected; close returns to the start screen. Running jobs pause and resume when unlocked.</p>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void run('workspace.lock')}>
            Lock workspace
          </button>
          <button type="button" className="button button-quiet" onClick={() => void run('workspace.close')}>
            Close workspace
          </button>
        </div>
        <FormError message={error} />
      </section>
      <div className="settings-grid">
        <WorkspaceDetails />
        <div className="stack">
          <PrivacySettings />
          <ChangePassphrase />
          <CheckWorkspace />
          {status?.workspace && <RememberSettings path={status.workspace.path} />}
        </div>
      </div>
      <EmbeddingModels />
    </div>
  );
}
