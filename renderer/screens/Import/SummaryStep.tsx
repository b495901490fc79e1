// Step 6: what the import did (ingest.summary), its rejects with reasons, export, and where next.
import { useEffect, useRef } from 'react';
import { useEngineQuery } from '../../api/useEngineQuery.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Figure } from '../../components/Figure.js';
import { delimiterName, fmtInt as fmtCount } from '../../components/format.js';
import { useNavigation } from '../../shell/navigation.js';
import { ExportRejects } from './ExportRejects.js';
import { RejectsList } from './RejectsList.js';

interface Props {
  importId: number;
  path: string;
  onAnother(): void;
  onClose(): void;
}

export function SummaryStep({ importId, path, onAnother, onClose }: Props) {
  const { go } = useNavigation();
  const { data: s, error } = useEngineQuery('ingest.summary', { importId });
  // the summary appears below the wizard's earlier steps: bring it into view once it has loaded
  const head = useRef<HTMLElement>(null);
  const loaded = s !== null && s !== undefined;
  useEffect(() => {
    const el = head.current;
    const main = el?.closest('main');
    if (!loaded || !el || !main) return;
    // scroll the screen's own pane only (scrollIntoView would also shift the page under the top bar)
    main.scrollTo({ top: main.scrollTop + el.getBoundingClientRect().top - main.getBoundingClientRect().top - 8, behavior: 'smooth' });
  }, [loaded]);

  if (error) return <ErrorNotice error={error} />;
  if (!s) return <p className="muted">Loading the summary…</p>;
  return (
    <section aria-labelledby="step-summary-title" ref={head} data-testid="import-summary">
      <h3 id="step-summary-title">
        Imported {s.file} into {s.source}
      </h3>
      <div className="cards" aria-label="Import figures">
        <Figure label="Rows read" value={fmtCount(s.rowsRead)} />
        <Figure label="Rows imported" value={fmtCount(s.rowsImported)} tone="ok" />
        <Figure label="Rows rejected" value={fmtCount(s.rowsRejected)} tone={s.rowsRejected > 0 ? 'bad' : undefined} />
      </div>
      <p className="hint">
        Import #{s.importId} · {s.format}, {s.encoding}
        {s.delimiter !== null ? `, ${delimiterName(s.delimiter)}` : ''} · {s.columns.length} columns · {s.state}
      </p>
      <h4>Rejected rows</h4>
      <RejectsList importId={importId} />
      {s.rowsRejected > 0 && <ExportRejects importId={importId} defaultPath={`${path}.rejects.csv`} />}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onClose}>
          Done
        </button>
        <button type="button" className="button" onClick={onAnother}>
          Import another file
        </button>
        <button type="button" className="button" onClick={() => go('profile', { scope: { kind: 'import', importId } })}>
          Profile this import
        </button>
      </div>
    </section>
  );
}
