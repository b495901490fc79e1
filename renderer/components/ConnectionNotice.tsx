// Banner shown while the engine connection is down, with a manual retry.
import { useEngineContext } from '../api/useEngine.js';

export function ConnectionNotice() {
  const { connection, connectionError, retryNow, kind } = useEngineContext();
  // no transport at all (page opened without its token): the app's own page explains that
  if (kind === 'none' || connection === 'open' || (connection === 'connecting' && !connectionError)) return null;
  const title =
    connection === 'lost' ? 'Connection to the engine lost. Reconnecting…' : connection === 'failed' ? 'Cannot reach the engine.' : 'Connecting to the engine…';
  return (
    <div className="notice notice-warn" role="alert" data-testid="connection-notice">
      <strong>{title}</strong>
      {connectionError && <span className="notice-detail">{connectionError}</span>}
      <button type="button" className="button button-small" onClick={retryNow}>
        Retry now
      </button>
    </div>
  );
}
