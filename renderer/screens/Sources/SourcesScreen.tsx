// Sources: import a file (the wizard), every source with its imports, one source's records or
// one import's rejects in the grid, and demo data.
import { useEffect, useState } from 'react';
import { DataGrid } from '../../components/DataGrid/DataGrid.js';
import { useNavigation } from '../../shell/navigation.js';
import { ImportWizard } from '../Import/ImportWizard.js';
import { DemoDataForm } from './DemoDataForm.js';
import { RemoveDialog, type RemoveTarget } from './RemoveDialog.js';
import { SourceCard } from './SourceCard.js';
import { useSources } from './useSources.js';
import './sources.css';

type View = { kind: 'all' } | { kind: 'records'; sourceId: number } | { kind: 'rejects'; importId: number };

export function SourcesScreen() {
  const { route, go } = useNavigation();
  const [wizard, setWizard] = useState(false);
  const [view, setView] = useState<View>({ kind: 'all' });
  const [removing, setRemoving] = useState<RemoveTarget | null>(null);
  const { sources, error } = useSources();

  useEffect(() => {
    if (route.params.importWizard) setWizard(true);
    // the selection lives in the route (and so in the address): back returns to the previous one
    if (route.params.sourceId !== undefined) setView({ kind: 'records', sourceId: route.params.sourceId });
    else if (route.params.importId !== undefined) setView({ kind: 'rejects', importId: route.params.importId });
    else setView({ kind: 'all' });
  }, [route]);

  const sourceName = view.kind === 'records' ? (sources?.find((s) => s.id === view.sourceId)?.name ?? `source ${view.sourceId}`) : '';
  return (
    <div className="screen">
      <header className="screen-head screen-head-row">
        <h1>Sources</h1>
        <span className="spacer" />
        {!wizard && (
          <button type="button" className="button button-primary" onClick={() => setWizard(true)}>
            Import a file
          </button>
        )}
      </header>
      <p className="hint">Import CSV, Oracle and Excel exports, map their columns onto the customer schema and see every rejected row with its reason.</p>
      {wizard && (
        <ImportWizard
          onClose={() => {
            setWizard(false);
            if (route.params.importWizard) go('sources'); // so a reload or back does not reopen it
          }}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="sources-title" className="stack">
        <h2 id="sources-title" className="section-title">
          {sources ? `${sources.length} ${sources.length === 1 ? 'source' : 'sources'}` : 'Sources'}
        </h2>
        {sources?.length === 0 && <p className="muted">No sources yet: import a file or generate demo data.</p>}
        {removing && (
          <RemoveDialog
            key={`${removing.source}:${removing.importId ?? ''}`}
            target={removing}
            onClose={() => {
              setRemoving(null);
              go('sources');
            }}
          />
        )}
        {sources?.map((s) => (
          <SourceCard key={s.id} source={s} onRemove={setRemoving} onRecords={(sourceId) => go('sources', { sourceId })} onRejects={(importId) => go('sources', { importId })} />
        ))}
      </section>
      <section aria-labelledby="grid-title" className="grid-section">
        <div className="screen-head-row grid-title-row">
          <h2 id="grid-title" className="section-title">
            {view.kind === 'all' ? 'Customer records' : view.kind === 'records' ? `Records of ${sourceName}` : `Rejected rows of import #${view.importId}`}
          </h2>
          {view.kind !== 'all' && (
            <button type="button" className="button button-small" onClick={() => go('sources')}>
              Show all records
            </button>
          )}
        </div>
        <div className="grid-box">
          {view.kind === 'all' && <DataGrid table="records" label="Customer records" />}
          {/* A customer source shows every column of its files (data/source-table.ts), not only the mapped ones. */}
          {view.kind === 'records' &&
            (sources?.find((s) => s.id === view.sourceId)?.kind === 'customers' ? (
              <DataGrid table={`source:${view.sourceId}`} label={`Records of ${sourceName}`} />
            ) : (
              <DataGrid table="records" label={`Records of ${sourceName}`} fixedFilters={[{ column: 'source_id', op: 'equals', value: String(view.sourceId) }]} />
            ))}
          {view.kind === 'rejects' && <DataGrid table="rejects" label={`Rejects of import ${view.importId}`} fixedFilters={[{ column: 'import_id', op: 'equals', value: String(view.importId) }]} />}
        </div>
      </section>
      <DemoDataForm />
    </div>
  );
}
