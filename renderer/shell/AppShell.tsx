// The workbench once a workspace is open: top bar, navigation, the current screen and the jobs dock.
import { useEffect, useMemo, useState } from 'react';
import { errorMessage, useAppStatus, useEngine, useEngineContext } from '../api/useEngine.js';
import { JobsPanel } from '../screens/Jobs/JobsPanel.js';
import { isActive, JobsProvider, useJobs } from '../screens/Jobs/useJobs.js';
import { Nav } from './Nav.js';
import { MaskToggle, PrivacyProvider } from './privacy.js';
import { NavigationContext, type Navigation, type Route, type RouteParams } from './navigation.js';
import { routeFromHash, routeToHash } from './route-hash.js';
import { SCREENS } from './screens.js';

const SCREEN_IDS = SCREENS.map((s) => s.id);

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
  // The address fragment holds the route: a reload, a deep link or an unlock opens the same screen.
  const [route, setRoute] = useState<Route>(() => routeFromHash(location.hash, SCREEN_IDS) ?? { screen: 'sources', params: {} });
  const screen = route.screen;
  const nav = useMemo<Navigation>(
    () => ({
      route,
      go: (id: string, params: RouteParams = {}) => {
        const next = { screen: id, params };
        const hash = routeToHash(next);
        if (location.hash !== hash) history.pushState(null, '', hash);
        setRoute(next);
      },
    }),
    [route],
  );
  // Back / forward (and a hand-edited address) move between routes.
  useEffect(() => {
    const onHash = () => {
      const r = routeFromHash(location.hash, SCREEN_IDS);
      if (r) setRoute(r);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
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
    <PrivacyProvider onIdle={() => void lock()}>
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
          <MaskToggle />
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
    </PrivacyProvider>
  );
}
