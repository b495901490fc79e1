// Generate a synthetic legacy CRM (demo.generate) — progress shows in the Jobs panel.
import { useState, type FormEvent } from 'react';
import { errorMessage, useEngine } from '../../api/useEngine.js';
import { FormError } from '../../components/FormError.js';

export function DemoDataForm() {
  const client = useEngine();
  const [customers, setCustomers] = useState('10000');
  const [seed, setSeed] = useState('1');
  const [campaign, setCampaign] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(customers.replace(/[,_\s]/g, ''));
    const s = Number(seed);
    if (!Number.isInteger(n) || n < 1 || n > 10_000_000) return setError('Customers: a whole number from 1 to 10,000,000.');
    if (!Number.isInteger(s)) return setError('Seed: a whole number.');
    setBusy(true);
    setError(null);
    try {
      const { jobId } = await client.call('demo.generate', { customers: n, seed: s, ...(campaign ? { campaign: true } : {}) });
      setStarted(jobId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form form-inline" onSubmit={submit} aria-labelledby="demo-title" noValidate>
      <h3 id="demo-title">Demo data</h3>
      <p className="hint">Fill the workspace with a synthetic customer base (with realistic duplicates and typos) to try things out.</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor="demo-customers">Customers</label>
          <input id="demo-customers" inputMode="numeric" value={customers} onChange={(e) => setCustomers(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="demo-seed">Seed</label>
          <input id="demo-seed" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </div>
        <label className="field-check">
          <input type="checkbox" checked={campaign} onChange={(e) => setCampaign(e.target.checked)} /> With a retention campaign (an experiment with a known effect)
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          Generate
        </button>
      </div>
      <FormError message={error} />
      {started && !error && (
        <p className="hint" role="status">
          Started — follow it in the Jobs panel.
        </p>
      )}
    </form>
  );
}
