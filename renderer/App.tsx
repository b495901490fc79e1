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
  const { client, status } = useEngineContext();
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
