// "Remember passphrase" (Electron only, through the OS keychain). Disabled with the reason when the
// loopback host is used or the keychain is unavailable.
import { useEffect, useState } from 'react';
import { useEngineContext } from '../../api/useEngine.js';

export interface RememberState {
  available: boolean;
  reason: string | null;
}

export function useSecretsAvailability(): RememberState {
  const { bridge } = useEngineContext();
  const [state, setState] = useState<RememberState>(
    bridge ? { available: false, reason: 'Checking the system keychain…' } : { available: false, reason: 'Only in the desktop app: a browser tab has no access to the system keychain.' },
  );
  useEffect(() => {
    if (!bridge) return;
    let live = true;
    bridge.secrets.available().then(
      (a) => live && setState(a.ok ? { available: true, reason: null } : { available: false, reason: `The system keychain is not available (${a.backend}), so the passphrase would not be protected.` }),
      () => live && setState({ available: false, reason: 'The system keychain could not be reached.' }),
    );
    return () => {
      live = false;
    };
  }, [bridge]);
  return state;
}

export function RememberCheckbox({ checked, onChange }: { checked: boolean; onChange(v: boolean): void }) {
  const { available, reason } = useSecretsAvailability();
  return (
    <div className="field field-check">
      <label>
        <input type="checkbox" checked={available && checked} disabled={!available} onChange={(e) => onChange(e.target.checked)} aria-describedby={reason ? 'remember-reason' : undefined} />
        Remember passphrase on this computer
      </label>
      {reason && (
        <p className="hint" id="remember-reason">
          {reason}
        </p>
      )}
    </div>
  );
}

/** After a successful create/open/unlock: store the passphrase if asked. Returns a problem or null. */
export async function rememberIfAsked(bridge: ReturnType<typeof useEngineContext>['bridge'], ask: boolean, path: string, passphrase: string): Promise<string | null> {
  if (!ask || !bridge) return null;
  try {
    const r = await bridge.secrets.remember(path, passphrase);
    return r.ok ? null : (r.reason ?? 'The passphrase could not be remembered.');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
