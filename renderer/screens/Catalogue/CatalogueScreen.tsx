// The catalogue: every source with its imports and columns, lineage per canonical attribute, and
// the workspace tables with row counts.
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { LineageView } from './LineageView.js';
import { SourceCatalogue } from './SourceCatalogue.js';
import { TablesList } from './TablesList.js';
import '../Profile/profile.css';

export function CatalogueScreen() {
  const { data: cat, error } = useEngineQuery('catalogue.get', {}, { reloadOn: ['data.changed'] });

  return (
    <div className="screen catalogue">
      <header className="screen-head">
        <h1>Catalogue</h1>
        <p className="hint">Every source, import and column, and which canonical attribute each column feeds.</p>
      </header>
      <ErrorNotice error={error} />
      {cat && (
        <>
          <section aria-labelledby="lineage-title" className="stack">
            <h2 id="lineage-title">Lineage</h2>
            <LineageView lineage={cat.lineage} />
          </section>
          <section aria-labelledby="cat-sources-title" className="stack">
            <h2 id="cat-sources-title">Sources</h2>
            {cat.sources.length === 0 && <p className="muted">No sources yet.</p>}
            {cat.sources.map((s) => (
              <SourceCatalogue key={s.id} source={s} />
            ))}
          </section>
          <section aria-labelledby="cat-tables-title" className="stack">
            <h2 id="cat-tables-title">Workspace tables</h2>
            <TablesList tables={cat.tables} />
          </section>
        </>
      )}
    </div>
  );
}
