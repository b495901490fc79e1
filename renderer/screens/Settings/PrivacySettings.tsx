// Settings → Privacy: lock after idle minutes, and masked display of personal data. Saved with the
// workspace (workspace.setPrivacy), so every host that opens the file applies them.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';
import { usePrivacy } from '../../shell/privacy.js';

export function PrivacySettings() {
  const { settings, save } = usePrivacy();
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings) setMinutes(String(settings.idleLockMinutes));
  }, [settings]);
  if (!settings) return null;

  const apply = async (change: Parameters<typeof save>[0]) => {
    setSaved(false);
    try {
      await save(change);
      setError(null);
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(minutes.trim());
    if (!/^\d+$/.test(minutes.trim()) || n > 1440) {
      setError('Idle minutes: a whole number from 0 (never) to 1440.');
      return;
    }
    void apply({ idleLockMinutes: n });
  };

  return (
    <section className="card" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="idle-lock">Lock after idle minutes</label>
          <input id="idle-lock" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-describedby="idle-lock-hint" />
          <p className="hint" id="idle-lock-hint">
            With no mouse or keyboard input in Aerie for this long, the workspace locks (its key is forgotten; running jobs pause). 0 = never.
          </p>
        </div>
        <label className="field-check">
          <input type="checkbox" checked={settings.maskPii} onChange={(e) => void apply({ maskPii: e.target.checked })} /> Mask personal data (names, e-mails, phones,
          addresses, dates of birth, national and tax ids) where records are shown
        </label>
        <div className="form-actions">
          <button type="submit" className="button">
            Save
          </button>
          {saved && (
            <span className="muted" role="status">
              Saved with the workspace.
            </span>
          )}
        </div>
        <FormError message={error} />
      </form>
    </section>
  );
}
