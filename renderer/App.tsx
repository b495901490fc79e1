// Top level: connect to the engine, then show create/open, unlock or the workbench by workspace state.
import { EngineProvider, useEngineContext } from './api/useEngine.js';
import { ConnectionNotice } from './components/ConnectionNotice.js';
import { UnlockWorkspace } from './screens/Workspace/UnlockWorkspace.js';
import { WelcomeScreen } from './screens/Workspace/WelcomeScreen.js';
import { AppShell } from './shell/AppShell.js';

export function App() {
  return (
    <EngineProvider>
      <ConnectionNotice />
      <Gate />
    </EngineProvider>
  );
}

function Gate() {
  const { client, status, kind, connectionError } = useEngineContext();
  // Opened without the per-launch token (a bookmark, a copied address): say how to get in, do not wait forever.
  if (kind === 'none') {
    return (
      <div className="center-page">
        <section className="card no-token" data-testid="no-token" aria-labelledby="no-token-title">
          <h1 id="no-token-title">Open Aerie from the address it printed</h1>
          <p>{connectionError}</p>
          <p>
            In a terminal run <code>aerie serve</code> (or <code>aerie serve crm.aerie</code>) and open the address it prints, such as{' '}
            <code>http://127.0.0.1:PORT/#token=…</code>. The token changes at every launch and is never stored in bookmarks, so an address without it cannot connect.
          </p>
        </section>
      </div>
    );
  }
  if (!client || !status) {
    return (
      <div className="center muted" role="status" aria-live="polite">
        Connecting to the engine…
      </div>
    );
  }
  if (status.state === 'none') return <WelcomeScreen roots={[...new Set(status.roots)]} />;
  if (status.state === 'locked') {
    return (
      <div className="center-page">
        <UnlockWorkspace workspace={status.workspace} />
      </div>
    );
  }
  // A fresh shell per workspace: jobs, grids and caches never leak between workspaces.
  return <AppShell key={status.workspace?.path ?? ''} />;
}
