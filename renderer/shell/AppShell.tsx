// The workbench once a workspace is open: top bar, navigation, the current screen and the jobs dock.
import { useEffect, useMemo, useState } from 'react';
import { errorMessage, useAppStatus, useEngine, useEngineContext } from '../api/useEngine.js';
import { JobsPanel } from '../screens/Jobs/JobsPanel.js';
import { isActive, JobsProvider, useJobs } from '../screens/Jobs/useJobs.js';
import { Nav } from './Nav.js';
import { NavigationContext, type Navigation, type Route, type RouteParams } from './navigation.js';
import { SCREENS } from './screens.js';

export function AppShell() {
  return (
    <JobsProvider>
      <Shell />
    </JobsProvider>
  );
}

function Shell() {
  const client = useEngine();
  const status = useAppStatus();
  const { refreshStatus } = useEngineContext();
  const { jobs, lastStarted } = useJobs();
  const [route, setRoute] = useState<Route>({ screen: 'sources', params: {} });
  const screen = route.screen;
  const nav = useMemo<Navigation>(() => ({ route, go: (id: string, params: RouteParams = {}) => setRoute({ screen: id, params }) }), [route]);
  const [jobsOpen, setJobsOpen] = useState(true);
  const [lockError, setLockError] = useState<string | null>(null);
  const active = jobs.filter(isActive).length;

  useEffect(() => {
    if (lastStarted) setJobsOpen(true);
  }, [lastStarted]);

  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0]!;

  const lock = async () => {
    try {
      await client.call('workspace.lock', {});
      await refreshStatus();
    } catch (e) {
      setLockError(errorMessage(e));
    }
  };

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Aerie</span>
        <span className="topbar-ws" title={status?.workspace?.path}>
          {status?.workspace?.name}
        </span>
        <span className="spacer" />
        {lockError && (
          <span className="error-text" role="alert">
            {lockError}
          </span>
        )}
        <button type="button" className="button button-small" aria-expanded={jobsOpen} aria-controls="jobs-dock" onClick={() => setJobsOpen((o) => !o)}>
          Jobs{active ? ` (${active} running)` : ''}
        </button>
        <button type="button" className="button button-small" onClick={() => void lock()}>
          Lock
        </button>
      </header>
      <NavigationContext.Provider value={nav}>
        <Nav current={current.id} onGo={(id) => nav.go(id)} />
        <main className="main" id="main" aria-label={current.label}>
          {current.render()}
        </main>
      </NavigationContext.Provider>
      {jobsOpen && (
        <aside className="dock" id="jobs-dock" aria-label="Jobs">
          <JobsPanel onClose={() => setJobsOpen(false)} />
        </aside>
      )}
    </div>
  );
}
