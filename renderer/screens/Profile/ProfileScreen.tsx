// The profiling dashboard: pick a scope, run a profile (a job) or read the latest stored one,
// then the quality summary, the per-source table and a card per column.
import { useCallback, useEffect, useState } from 'react';
import { useEngine } from '../../api/useEngine.js';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtDate, fmtFixed, fmtInt } from '../../components/format.js';
import { useNavigation } from '../../shell/navigation.js';
import { useSources } from '../Sources/useSources.js';
import { BrowseContext, browseTarget } from './browse.js';
import { ColumnGroups } from './ColumnGroups.js';
import { CrossTab } from './CrossTab.js';
import { SavedDateFormats } from './DateFormatSetting.js';
import { SavedColumnTypes } from './ColumnTypeSetting.js';
import { DefaultCountry } from './DefaultCountry.js';
import { ExportReport } from './ExportReport.js';
import { ScopePicker } from './ScopePicker.js';
import { SourcesQuality } from './SourcesQuality.js';
import { SummaryCards } from './SummaryCards.js';
import { parseScope, scopeKey } from './scope.js';
import { useProfile } from './useProfile.js';
import './profile.css';

export function ProfileScreen() {
  const { route } = useNavigation();
  const { sources } = useSources();
  const [key, setKey] = useState(route.params.scope ? scopeKey(route.params.scope) : 'workspace');
  useEffect(() => {
    if (route.params.scope) setKey(scopeKey(route.params.scope));
  }, [route]);
  const scope = parseScope(key);
  const p = useProfile(scope);
  const r = p.report;
  const client = useEngine();
  const { go } = useNavigation();
  const { data: tables } = useEngineQuery('data.tables', {}, { reloadOn: ['data.changed'] });
  const settings = useEngineQuery('profile.settings', {});
  // a top value or a histogram bar opens the data browser on those rows
  const browse = useCallback(
    (c: Parameters<typeof browseTarget>[2]) => {
      const target = tables && r ? browseTarget(tables, r.scope, c) : null;
      return target ? (_c: typeof c, filter: string) => go('data', { browse: { table: target.table, filters: { [target.column]: filter } } }) : null;
    },
    [tables, r, go],
  );

  return (
    <div className="screen profile">
      <header className="screen-head screen-head-row">
        <h1>Profile</h1>
        <ScopePicker value={key} sources={sources ?? []} onChange={setKey} />
        {settings.data && (
          <DefaultCountry
            value={settings.data.defaultCountry}
            onChange={async (country) => {
              await client.call('profile.setSettings', { defaultCountry: country });
              settings.reload();
            }}
          />
        )}
        <button type="button" className="button button-primary" disabled={p.running} onClick={() => void p.run()}>
          {p.running ? 'Profiling…' : 'Run profile'}
        </button>
        {p.running && (
          <button type="button" className="button" onClick={() => void p.cancel()}>
            Cancel
          </button>
        )}
      </header>
      {p.job && (p.running || p.job.state === 'failed' || p.job.state === 'cancelled') && (
        <div className="card profile-job">
          <ProgressBar label="Profile progress" done={p.job.done} total={p.job.total} unit={p.job.unit} />
          <p className="hint" role="status" aria-live="polite">
            {p.job.state === 'cancelled' ? 'Cancelled.' : p.job.message || p.job.label}
          </p>
          {p.job.error && (
            <p className="form-error" role="alert">
              {p.job.error.message}
            </p>
          )}
        </div>
      )}
      <ErrorNotice error={p.error} />
      {p.loading && !r && <p className="muted">Loading the latest report…</p>}
      {!p.loading && !r && !p.error && !p.running && (
        <p className="card muted" data-testid="no-profile">
          No profile of this scope yet. Run one to see null rates, distributions, value shapes and validity.
        </p>
      )}
      {tables && <CrossTab tables={tables} />}
      {r && (
        <>
          <div className="screen-head-row report-head">
            <h2 className="report-title">{r.title}</h2>
            <span className="muted" data-testid="report-meta">
              {fmtInt(r.rows)} rows · {r.columns.length} columns · profiled {fmtDate(r.createdAt)} in {fmtFixed(r.seconds, 1)} s · phones checked for {r.defaultCountry}
            </span>
          </div>
          <SummaryCards summary={r.summary} />
          {r.notes.length > 0 && (
            <ul className="notes" aria-label="Notes">
              {r.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
          <ExportReport scope={scope} />
          {r.sources.length > 0 && (r.scope === 'workspace' || r.sources.length > 1) && <SourcesQuality sources={r.sources} />}
          <section aria-labelledby="columns-title" className="stack">
            <h2 id="columns-title">Columns</h2>
            <BrowseContext.Provider value={browse}>
              <SavedDateFormats.Provider value={settings.data?.dateFormats ?? {}}>
                <SavedColumnTypes.Provider value={settings.data?.columnTypes ?? {}}>
                  <ColumnGroups columns={r.columns} country={r.defaultCountry} />
                </SavedColumnTypes.Provider>
              </SavedDateFormats.Provider>
            </BrowseContext.Provider>
          </section>
        </>
      )}
    </div>
  );
}
