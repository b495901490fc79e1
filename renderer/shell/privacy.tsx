// The workspace's privacy settings for the whole shell: masked display of personal data (given to
// every view through PiiMaskContext, see components/format.ts) and the idle auto-lock.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PrivacySettings } from '../../engine/api/workspace.js';
import { useEngine } from '../api/useEngine.js';
import { useEngineQuery } from '../api/useEngineQuery.js';
import { PiiMaskContext } from '../components/format.js';

interface Privacy {
  settings: PrivacySettings | null;
  save(change: Partial<PrivacySettings>): Promise<void>;
}

const PrivacyContext = createContext<Privacy>({ settings: null, save: () => Promise.resolve() });
export const usePrivacy = (): Privacy => useContext(PrivacyContext);

export function PrivacyProvider({ children, onIdle }: { children: ReactNode; onIdle(): void }) {
  const client = useEngine();
  const q = useEngineQuery('workspace.privacy', {});
  const [settings, setSettings] = useState<PrivacySettings | null>(null);
  useEffect(() => {
    if (q.data) setSettings(q.data);
  }, [q.data]);
  const save = useCallback(
    async (change: Partial<PrivacySettings>) => {
      setSettings(await client.call('workspace.setPrivacy', change));
    },
    [client],
  );
  const value = useMemo(() => ({ settings, save }), [settings, save]);
  useIdle(settings?.idleLockMinutes ?? 0, onIdle);
  return (
    <PrivacyContext.Provider value={value}>
      <PiiMaskContext.Provider value={settings?.maskPii ?? false}>{children}</PiiMaskContext.Provider>
    </PrivacyContext.Provider>
  );
}

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls onIdle once after `minutes` without input in this window (0: never). */
function useIdle(minutes: number, onIdle: () => void): void {
  const fire = useRef(onIdle);
  fire.current = onIdle;
  useEffect(() => {
    if (minutes <= 0) return;
    const ms = minutes * 60_000;
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    for (const e of ACTIVITY) window.addEventListener(e, seen, { passive: true });
    // a coarse check rather than a reset timer per event: cheap, and a sleeping laptop counts as idle
    const timer = setInterval(() => {
      if (Date.now() - last >= ms) {
        clearInterval(timer);
        fire.current();
      }
    }, Math.min(15_000, ms / 4));
    return () => {
      clearInterval(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, seen);
    };
  }, [minutes]);
}

/** The top bar's switch for masked display (saved with the workspace, like Settings → Privacy). */
export function MaskToggle() {
  const { settings, save } = usePrivacy();
  if (!settings) return null;
  return (
    <button
      type="button"
      className="button button-small"
      aria-pressed={settings.maskPii}
      title="Show names, e-mails, phones, addresses and dates of birth masked (a•••)"
      onClick={() => void save({ maskPii: !settings.maskPii })}
    >
      {settings.maskPii ? 'Personal data masked' : 'Mask personal data'}
    </button>
  );
}
